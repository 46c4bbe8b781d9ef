/** The staff endpoints the officer's desk uses. */
import type {
  ChecklistSubmission,
  ChecklistTemplateView,
  CounterView,
  InteractionOutcome,
  LoginResult,
  OfficeView,
  OfficerTodayView,
  PauseReason,
  StaffCounterView,
  StaffView,
  TicketView,
} from '@loket/domain';
import { getJson, postJson } from './http';

export type DeskTicketAction = 'recall' | 'start' | 'return' | 'no-show';

export const deskApi = {
  login: async (username: string, password: string) => (await postJson<LoginResult>('/auth/login', { username, password }))!,
  me: () => getJson<StaffView>('/auth/me'),
  offices: () => getJson<OfficeView[]>('/offices'),
  counters: (slug: string) => getJson<StaffCounterView[]>(`/offices/${encodeURIComponent(slug)}/counters`),
  checklists: (slug: string) => getJson<ChecklistTemplateView[]>(`/offices/${encodeURIComponent(slug)}/checklists`),
  today: () => getJson<OfficerTodayView>('/staff/me/today'),
  open: async (counterId: string, checklist: ChecklistSubmission) => (await postJson<CounterView>(`/counters/${counterId}/open`, { checklist }))!,
  pause: async (counterId: string, reason: PauseReason) => (await postJson<CounterView>(`/counters/${counterId}/pause`, { reason }))!,
  resume: async (counterId: string) => (await postJson<CounterView>(`/counters/${counterId}/resume`))!,
  close: async (counterId: string) => (await postJson<CounterView>(`/counters/${counterId}/close`))!,
  callNext: (counterId: string) => postJson<TicketView>(`/counters/${counterId}/call-next`),
  call: async (counterId: string, ticketId: string, reason: string) => (await postJson<TicketView>(`/counters/${counterId}/call`, { ticketId, reason }))!,
  act: async (ticketId: string, action: DeskTicketAction) => (await postJson<TicketView>(`/tickets/${ticketId}/${action}`))!,
  finish: async (ticketId: string, body: { checklist: ChecklistSubmission; outcome: InteractionOutcome; note?: string }) =>
    (await postJson<TicketView>(`/tickets/${ticketId}/finish`, body))!,
  transfer: async (ticketId: string, serviceId: string) => (await postJson<TicketView>(`/tickets/${ticketId}/transfer`, { serviceId }))!,
};
