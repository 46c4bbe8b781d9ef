import type { OfficeView } from '@loket/domain';
import { getJson } from './http';

export function fetchOffices(signal?: AbortSignal): Promise<OfficeView[]> {
  return getJson<OfficeView[]>('/offices', { signal });
}
