/** The admin endpoints (/admin, /audit). */
import type {
  AdminCounterView,
  AdminOfficeView,
  AdminServiceView,
  AdminStaffView,
  AuditPage,
  ChecklistItemInput,
  ChecklistKind,
  ChecklistTemplateView,
  ErrorBody,
  OpeningHours,
  StaffRole,
} from '@loket/domain';
import { API_BASE, ApiError } from '../../shared/api/http';
import { useAuthStore } from '../../shared/auth/auth-store';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';

/** The shared client only speaks GET and POST; the set-up also edits (PATCH) and replaces (PUT). */
async function send<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const auth = useAuthStore();
  const headers: Record<string, string> = { accept: 'application/json' };
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, null);
  }
  if (!response.ok) {
    const errorBody = (await response.json().catch(() => null)) as ErrorBody | null;
    if (response.status === 401 && auth.token) auth.expire();
    throw new ApiError(response.status, errorBody);
  }
  return (await response.json()) as T;
}

export interface OfficeInput {
  name: string;
  slug: string;
  timeZone: string;
  openingHours: OpeningHours[];
  priorityMaxWaitMinutes: number;
}

export interface ServiceInput {
  code: string;
  name: string;
  maxWaitMinutes: number;
  serviceTimeMinutes: number;
  costRupiah: number;
  requirements: string[];
  completionTime: string;
  dailyQuota: number | null;
  active: boolean;
}

export interface CounterInput {
  number: number;
  name: string;
  serviceIds: string[];
  schedule: OpeningHours[];
  priorityOnly: boolean;
  active: boolean;
}

export interface StaffInput {
  username: string;
  name: string;
  nip: string | null;
  role: StaffRole;
  officeIds: string[];
  password: string;
}

export interface AuditFilter {
  officeId?: string;
  actorId?: string;
  action?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

const query = (filter: AuditFilter) =>
  new URLSearchParams(Object.entries(filter).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '').map(([key, value]) => [key, String(value)])).toString();

export const adminApi = {
  offices: () => send<AdminOfficeView[]>('GET', '/admin/offices'),
  createOffice: (body: OfficeInput) => send<AdminOfficeView>('POST', '/admin/offices', body),
  updateOffice: (id: string, body: Partial<OfficeInput>) => send<AdminOfficeView>('PATCH', `/admin/offices/${id}`, body),

  services: (officeId: string) => send<AdminServiceView[]>('GET', `/admin/offices/${officeId}/services`),
  createService: (officeId: string, body: ServiceInput) => send<AdminServiceView>('POST', `/admin/offices/${officeId}/services`, body),
  updateService: (id: string, body: Partial<ServiceInput>) => send<AdminServiceView>('PATCH', `/admin/services/${id}`, body),

  counters: (officeId: string) => send<AdminCounterView[]>('GET', `/admin/offices/${officeId}/counters`),
  createCounter: (officeId: string, body: CounterInput) => send<AdminCounterView>('POST', `/admin/offices/${officeId}/counters`, body),
  updateCounter: (id: string, body: Partial<CounterInput>) => send<AdminCounterView>('PATCH', `/admin/counters/${id}`, body),

  staff: () => send<AdminStaffView[]>('GET', '/admin/staff'),
  createStaff: (body: StaffInput) => send<AdminStaffView>('POST', '/admin/staff', body),
  updateStaff: (id: string, body: Partial<Omit<StaffInput, 'password' | 'username'>>) => send<AdminStaffView>('PATCH', `/admin/staff/${id}`, body),
  resetPassword: (id: string, password: string) => send<AdminStaffView>('POST', `/admin/staff/${id}/reset-password`, { password }),
  setActive: (id: string, active: boolean) => send<AdminStaffView>('POST', `/admin/staff/${id}/${active ? 'reactivate' : 'deactivate'}`),

  checklists: (officeId: string) => send<ChecklistTemplateView[]>('GET', `/admin/offices/${officeId}/checklists`),
  replaceChecklist: (officeId: string, kind: ChecklistKind, items: ChecklistItemInput[]) => send<ChecklistTemplateView>('PUT', `/admin/offices/${officeId}/checklists/${kind}`, { items }),

  audit: (filter: AuditFilter) => send<AuditPage>('GET', `/audit?${query(filter)}`),
};
