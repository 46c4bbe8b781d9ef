import { KIOSK_TOKEN_HEADER, type PriorityCategory, type SurveyAnswers, type SurveySubmission, type TrackedTicketView } from '@loket/domain';
import { getJson } from './http';

/** The same `idempotencyKey` always answers with the same ticket: a double tap or a retry never issues two. */
export function issueTicket(
  officeSlug: string,
  request: { serviceId: string; priority: PriorityCategory | null },
  idempotencyKey: string,
  kioskToken: string | null = null,
): Promise<TrackedTicketView> {
  return getJson<TrackedTicketView>(`/offices/${encodeURIComponent(officeSlug)}/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey, ...(kioskToken ? { [KIOSK_TOKEN_HEADER]: kioskToken } : {}) },
    body: JSON.stringify(request.priority ? request : { serviceId: request.serviceId }),
  });
}

export function trackTicket(trackingCode: string, signal?: AbortSignal): Promise<TrackedTicketView> {
  return getJson<TrackedTicketView>(`/tickets/track/${encodeURIComponent(trackingCode)}`, { signal });
}

export function cancelTicket(trackingCode: string): Promise<TrackedTicketView> {
  return getJson<TrackedTicketView>(`/tickets/track/${encodeURIComponent(trackingCode)}/cancel`, { method: 'POST' });
}

export function submitSurvey(trackingCode: string, answers: SurveyAnswers): Promise<{ trackingCode: string; submittedAt: string }> {
  return getJson(`/tickets/track/${encodeURIComponent(trackingCode)}/survey`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(answers),
  });
}

/** A counter's survey terminal answers for the ticket just finished there, as the office's paired device. */
export function submitTerminalSurvey(
  slug: string,
  counterNumber: number,
  ticketId: string,
  answers: SurveySubmission,
  kioskToken: string,
): Promise<{ ticketId: string; submittedAt: string }> {
  return getJson(`/offices/${encodeURIComponent(slug)}/counters/${counterNumber}/terminal-survey`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [KIOSK_TOKEN_HEADER]: kioskToken },
    body: JSON.stringify({ ...answers, ticketId }),
  });
}
