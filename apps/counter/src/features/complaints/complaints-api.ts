/** The supervisor's complaint endpoints (pengaduan). */
import type { ComplaintCategory, ComplaintOfficeInfo, ComplaintReceipt, ComplaintReportView, ComplaintStaffView, ComplaintStatus } from '@loket/domain';

/** A complaint made at the counter, as the officer writes it down. */
export interface RecordedComplaint {
  category: ComplaintCategory;
  description: string;
  serviceId?: string;
  ticketId?: string;
  contactName?: string;
  contact?: string;
}
import { getJson, sendJson } from '../../shared/api/http';

export type ComplaintFilter = ComplaintStatus | 'open' | 'overdue' | '';

const office = (slug: string) => `/offices/${encodeURIComponent(slug)}`;

export const complaintsApi = {
  /** An officer records a complaint made at the counter (the desk's "Catat pengaduan"). */
  record: (slug: string, complaint: RecordedComplaint) => sendJson<ComplaintReceipt>('POST', `${office(slug)}/complaints/recorded`, complaint),
  info: (slug: string) => getJson<ComplaintOfficeInfo>(`${office(slug)}/complaints/info`),
  list: (slug: string, filter: ComplaintFilter) => getJson<ComplaintStaffView[]>(`${office(slug)}/complaints${filter ? `?status=${filter}` : ''}`),
  report: (slug: string, from: string, to: string) => getJson<ComplaintReportView>(`${office(slug)}/complaints/report?${new URLSearchParams({ from, to })}`),
  status: (id: string, status: ComplaintStatus, reason?: string) =>
    sendJson<ComplaintStaffView>('POST', `/complaints/${id}/status`, reason ? { status, reason } : { status }),
  reply: (id: string, reply: string) => sendJson<ComplaintStaffView>('POST', `/complaints/${id}/reply`, { reply }),
  assign: (id: string, staffId: string | null) => sendJson<ComplaintStaffView>('POST', `/complaints/${id}/assign`, { staffId }),
  note: (id: string, note: string) => sendJson<ComplaintStaffView>('POST', `/complaints/${id}/notes`, { note }),
  lapor: (id: string, laporNumber: string) => sendJson<ComplaintStaffView>('POST', `/complaints/${id}/lapor`, { laporNumber }),
  settings: (slug: string, responseWorkingDays: number, laporChannel: string) =>
    sendJson<ComplaintOfficeInfo>('PUT', `${office(slug)}/complaints/settings`, { responseWorkingDays, laporChannel }),
};
