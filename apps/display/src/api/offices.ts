import type { OfficeSnapshot, OfficeStandardsView, OfficeView, ServiceView } from '@loket/domain';
import { getJson } from './http';

export function fetchOffices(signal?: AbortSignal): Promise<OfficeView[]> {
  return getJson<OfficeView[]>('/offices', { signal });
}

export function fetchServices(slug: string, signal?: AbortSignal): Promise<ServiceView[]> {
  return getJson<ServiceView[]>(`/offices/${encodeURIComponent(slug)}/services`, { signal });
}

/** The office's published service standards (14 components each) and its maklumat in force. */
export function fetchStandards(slug: string, signal?: AbortSignal): Promise<OfficeStandardsView> {
  return getJson<OfficeStandardsView>(`/offices/${encodeURIComponent(slug)}/standards`, { signal });
}

export function fetchBoard(slug: string, signal?: AbortSignal): Promise<OfficeSnapshot> {
  return getJson<OfficeSnapshot>(`/offices/${encodeURIComponent(slug)}/board`, { signal });
}
