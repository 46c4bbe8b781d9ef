import type { OfficeView, ServiceView } from '@loket/domain';
import { getJson } from './http';

export function fetchOffices(signal?: AbortSignal): Promise<OfficeView[]> {
  return getJson<OfficeView[]>('/offices', { signal });
}

export function fetchServices(slug: string, signal?: AbortSignal): Promise<ServiceView[]> {
  return getJson<ServiceView[]>(`/offices/${encodeURIComponent(slug)}/services`, { signal });
}
