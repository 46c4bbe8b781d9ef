/** The supervision endpoints the supervisor screen uses. */
import type {
  AlertView,
  ChecklistItemAnswer,
  ChecklistTemplateView,
  CounterView,
  EndOfDayView,
  ObservationResult,
  OfficerPauseReason,
  OfficeView,
  SupervisionBookingsView,
  SupervisionCharts,
  SupervisionSnapshot,
} from '@loket/domain';
import { getJson, postJson } from '../../shared/api/http';

const office = (slug: string) => `/offices/${encodeURIComponent(slug)}`;

export const supervisionApi = {
  offices: () => getJson<OfficeView[]>('/offices'),
  snapshot: (slug: string) => getJson<SupervisionSnapshot>(`${office(slug)}/supervision`),
  charts: (slug: string, days: number) => getJson<SupervisionCharts>(`${office(slug)}/supervision/charts?days=${days}`),
  /** Today's bookings per service and slot, and booked citizens' punctuality. */
  bookings: (slug: string) => getJson<SupervisionBookingsView>(`${office(slug)}/supervision/bookings`),
  checklists: (slug: string) => getJson<ChecklistTemplateView[]>(`${office(slug)}/checklists`),
  acknowledge: async (alertId: string) => (await postJson<AlertView>(`/supervision/alerts/${alertId}/acknowledge`))!,
  acknowledgeMany: async (slug: string, ids: string[]) => (await postJson<AlertView[]>(`${office(slug)}/supervision/alerts/acknowledge`, { ids }))!,
  observe: async (slug: string, body: { counterId: string; answers: ChecklistItemAnswer[]; note?: string }) =>
    (await postJson<ObservationResult>(`${office(slug)}/supervision/observations`, body))!,
  /** A remote pause or close: the same endpoints as the desk's, with the supervisor's words required. */
  pauseCounter: async (counterId: string, reason: OfficerPauseReason, note: string) =>
    (await postJson<CounterView>(`/counters/${counterId}/pause`, { reason, note }))!,
  endOfDay: (slug: string) => getJson<EndOfDayView>(`${office(slug)}/end-of-day`),
  closeDay: async (slug: string, waiting: number) => (await postJson<{ closed: number; ticketNumbers: string[] }>(`${office(slug)}/end-of-day`, { waiting }))!,
  closeCounter: async (counterId: string, note: string) => (await postJson<CounterView>(`/counters/${counterId}/close`, { note }))!,
};
