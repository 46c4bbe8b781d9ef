import type { IkmPublicationView, OfficeSnapshot, OfficeStandardsView, OfficeView, ServiceView } from '@loket/domain';
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

/** The office's latest published IKM with its follow-up plan, or null before the first. */
export async function fetchLatestIkm(slug: string, signal?: AbortSignal): Promise<IkmPublicationView | null> {
  return (await getJson<{ publication: IkmPublicationView | null }>(`/offices/${encodeURIComponent(slug)}/ikm`, { signal })).publication;
}
