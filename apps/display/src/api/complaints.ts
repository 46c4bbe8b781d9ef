import type { ComplaintCategory, ComplaintOfficeInfo, ComplaintPublicView, ComplaintReceipt } from '@loket/domain';

export type { ComplaintReceipt };
import { getJson } from './http';

export interface ComplaintFiling {
  category: ComplaintCategory;
  description: string;
  serviceId?: string;
  contactName?: string;
  contact?: string;
}

export function fetchComplaintInfo(slug: string): Promise<ComplaintOfficeInfo> {
  return getJson(`/offices/${encodeURIComponent(slug)}/complaints/info`);
}

/** Filed on the public page; with the ticket's tracking code, linked to that ticket. */
export function fileComplaint(slug: string, filing: ComplaintFiling, ticketCode: string | null): Promise<ComplaintReceipt> {
  const path = ticketCode ? `/tickets/track/${encodeURIComponent(ticketCode)}/complaints` : `/offices/${encodeURIComponent(slug)}/complaints`;
  return getJson(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(filing) });
}

export function trackComplaint(code: string): Promise<ComplaintPublicView> {
  return getJson(`/complaints/track/${encodeURIComponent(code)}`);
}
