/** The staff endpoints the officer's desk uses. */
import type {
  ChecklistSubmission,
  ChecklistTemplateView,
  CounterStopNotice,
  CounterView,
  HeartbeatReply,
  InteractionOutcome,
  OfficerPauseReason,
  OfficerTodayView,
  StaffCounterView,
  TicketView,
} from '@loket/domain';
import { getJson, postJson, sendJson } from '../../shared/api/http';

export type DeskTicketAction = 'recall' | 'start' | 'return' | 'no-show';

export const deskApi = {
  counters: (slug: string) => getJson<StaffCounterView[]>(`/offices/${encodeURIComponent(slug)}/counters`),
  checklists: (slug: string) => getJson<ChecklistTemplateView[]>(`/offices/${encodeURIComponent(slug)}/checklists`),
  today: () => getJson<OfficerTodayView>('/staff/me/today'),
  open: async (counterId: string, checklist: ChecklistSubmission) => (await postJson<CounterView>(`/counters/${counterId}/open`, { checklist }))!,
  pause: async (counterId: string, reason: OfficerPauseReason, note?: string) =>
    (await postJson<CounterView>(`/counters/${counterId}/pause`, { reason, ...(note ? { note } : {}) }))!,
  resume: async (counterId: string) => (await postJson<CounterView>(`/counters/${counterId}/resume`))!,
  close: async (counterId: string) => (await postJson<CounterView>(`/counters/${counterId}/close`, {}))!,
  heartbeat: (counterId: string) => postJson<HeartbeatReply>(`/counters/${counterId}/heartbeat`),
  noShows: (counterId: string) => getJson<TicketView[]>(`/counters/${counterId}/no-shows`),
  stopNotice: (counterId: string) => getJson<{ notice: CounterStopNotice | null }>(`/counters/${counterId}/stop-notice`),
  callBack: async (counterId: string, ticketId: string) => (await postJson<TicketView>(`/counters/${counterId}/call-back`, { ticketId }))!,
  undoNoShow: async (ticketId: string) => (await postJson<TicketView>(`/tickets/${ticketId}/undo-no-show`))!,
  callNext: (counterId: string) => postJson<TicketView>(`/counters/${counterId}/call-next`),
  call: async (counterId: string, ticketId: string, reason: string) => (await postJson<TicketView>(`/counters/${counterId}/call`, { ticketId, reason }))!,
  act: async (ticketId: string, action: DeskTicketAction) => (await postJson<TicketView>(`/tickets/${ticketId}/${action}`))!,
  finish: async (ticketId: string, body: { checklist: ChecklistSubmission; outcome: InteractionOutcome; note?: string }) =>
    (await postJson<TicketView>(`/tickets/${ticketId}/finish`, body))!,
  /** Corrects the interaction record saved with a finish, within minutes of saving it (`CORRECTION_WINDOW_MINUTES`). */
  correct: (ticketId: string, body: { checklist: ChecklistSubmission; outcome: InteractionOutcome; note?: string }) =>
    sendJson<void>('PUT', `/tickets/${ticketId}/checklist`, body),
  transfer: async (ticketId: string, serviceId: string) => (await postJson<TicketView>(`/tickets/${ticketId}/transfer`, { serviceId }))!,
};
