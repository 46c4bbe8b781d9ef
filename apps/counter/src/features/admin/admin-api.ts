/** The admin endpoints (/admin, /audit). */
import type {
  AgencyView,
  ZoneView,
  AdminCalendarView,
  AdminCounterView,
  AdminOfficeView,
  AdminServiceView,
  AdminStaffView,
  AuditPage,
  BookingSettings,
  BookingSettingsView,
  ChecklistItemInput,
  ChecklistKind,
  ChecklistTemplateView,
  CounterScheduleDay,
  KioskDeviceView,
  ServiceStandardDetails,
  KioskSettingsView,
  OfficeOwnDay,
  MaklumatInput,
  MaklumatView,
  NotificationSettingsView,
  NotificationType,
  OpeningHours,
  PairedKioskView,
  StaffRole,
  WebhookDeliveryView,
  WebhookEndpointView,
  WebhookEndpointWithSecret,
} from '@loket/domain';
import { sendJson as send } from '../../shared/api/http';

export interface OfficeInput {
  name: string;
  slug: string;
  timeZone: string;
  openingHours: OpeningHours[];
  priorityMaxWaitMinutes: number;
  noShowAfterMinutes: number;
  offlineAfterMinutes: number;
  shiftEndGraceMinutes: number;
  address: string;
  city: string;
}

/** A service as the admin form sends it: its figures, and the standard's longer texts (libs/domain). */
export interface ServiceInput extends ServiceStandardDetails {
  /** Left out: the office's first agency. */
  agencyId?: string;
  code: string;
  name: string;
  maxWaitMinutes: number;
  serviceTimeMinutes: number;
  costRupiah: number;
  requirements: string[];
  completionTime: string;
  dailyQuota: number | null;
  active: boolean;
  issueCutoffMinutes: number;
  dynamicQuota: boolean;
}

/** A service's booking settings, with the office's limit on active bookings per person. */
export type BookingSettingsInput = BookingSettings & { bookingsPerPerson: number };

export interface AgencyInput {
  name: string;
  shortName: string;
  color: string;
  sortOrder: number;
}

export interface ZoneInput {
  name: string;
  agencyIds: string[];
  counterIds: string[];
}

export interface CounterInput {
  /** Left out: the office's first agency. */
  agencyId?: string;
  number: number;
  name: string;
  serviceIds: string[];
  schedule: CounterScheduleDay[];
  priorityOnly: boolean;
  active: boolean;
}

export interface StaffInput {
  username: string;
  name: string;
  nip: string | null;
  role: StaffRole;
  officeIds: string[];
  /** The one agency they act for (an agency supervisor); null: the whole office. */
  agencyId: string | null;
  password: string;
}

/** An own day; `confirm` closes it although citizens are booked on it (or, today, waiting). */
export type OfficeDayInput = OfficeOwnDay & { confirm?: boolean };

export interface ClosureInput {
  /** Absent: from now. */
  startsAt?: string;
  endsAt: string;
  reason: string;
  /** Close although citizens are waiting (asked for after 409 closure_needs_confirmation). */
  confirm?: boolean;
}

export interface WebhookEndpointInput {
  url: string;
  events: NotificationType[];
  enabled: boolean;
  description: string;
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
  new URLSearchParams(
    Object.entries(filter)
      .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
      .map(([key, value]) => [key, String(value)]),
  ).toString();

export const adminApi = {
  offices: () => send<AdminOfficeView[]>('GET', '/admin/offices'),
  createOffice: (body: OfficeInput) => send<AdminOfficeView>('POST', '/admin/offices', body),
  updateOffice: (id: string, body: Partial<OfficeInput>) => send<AdminOfficeView>('PATCH', `/admin/offices/${id}`, body),

  agencies: (officeId: string) => send<AgencyView[]>('GET', `/admin/offices/${officeId}/agencies`),
  createAgency: (officeId: string, body: AgencyInput) => send<AgencyView>('POST', `/admin/offices/${officeId}/agencies`, body),
  updateAgency: (id: string, body: Partial<AgencyInput>) => send<AgencyView>('PATCH', `/admin/agencies/${id}`, body),
  deleteAgency: (id: string) => send<void>('DELETE', `/admin/agencies/${id}`),
  zones: (officeId: string) => send<ZoneView[]>('GET', `/admin/offices/${officeId}/zones`),
  createZone: (officeId: string, body: ZoneInput) => send<ZoneView>('POST', `/admin/offices/${officeId}/zones`, body),
  updateZone: (id: string, body: Partial<ZoneInput>) => send<ZoneView>('PATCH', `/admin/zones/${id}`, body),
  deleteZone: (id: string) => send<void>('DELETE', `/admin/zones/${id}`),

  services: (officeId: string) => send<AdminServiceView[]>('GET', `/admin/offices/${officeId}/services`),
  createService: (officeId: string, body: ServiceInput) => send<AdminServiceView>('POST', `/admin/offices/${officeId}/services`, body),
  updateService: (id: string, body: Partial<ServiceInput>) => send<AdminServiceView>('PATCH', `/admin/services/${id}`, body),

  bookingSettings: (serviceId: string) => send<BookingSettingsView>('GET', `/admin/services/${serviceId}/booking`),
  updateBookingSettings: (serviceId: string, body: BookingSettingsInput) => send<BookingSettingsView>('PUT', `/admin/services/${serviceId}/booking`, body),

  counters: (officeId: string) => send<AdminCounterView[]>('GET', `/admin/offices/${officeId}/counters`),
  createCounter: (officeId: string, body: CounterInput) => send<AdminCounterView>('POST', `/admin/offices/${officeId}/counters`, body),
  updateCounter: (id: string, body: Partial<CounterInput>) => send<AdminCounterView>('PATCH', `/admin/counters/${id}`, body),

  staff: () => send<AdminStaffView[]>('GET', '/admin/staff'),
  createStaff: (body: StaffInput) => send<AdminStaffView>('POST', '/admin/staff', body),
  updateStaff: (id: string, body: Partial<Omit<StaffInput, 'password' | 'username'>>) => send<AdminStaffView>('PATCH', `/admin/staff/${id}`, body),
  resetPassword: (id: string, password: string) => send<AdminStaffView>('POST', `/admin/staff/${id}/reset-password`, { password }),
  setActive: (id: string, active: boolean) => send<AdminStaffView>('POST', `/admin/staff/${id}/${active ? 'reactivate' : 'deactivate'}`),

  checklists: (officeId: string) => send<ChecklistTemplateView[]>('GET', `/admin/offices/${officeId}/checklists`),
  replaceChecklist: (officeId: string, kind: ChecklistKind, items: ChecklistItemInput[]) =>
    send<ChecklistTemplateView>('PUT', `/admin/offices/${officeId}/checklists/${kind}`, { items }),

  kiosks: (officeId: string) => send<KioskSettingsView>('GET', `/admin/offices/${officeId}/kiosks`),
  pairKiosk: (officeId: string, name: string) => send<PairedKioskView>('POST', `/admin/offices/${officeId}/kiosks`, { name }),
  revokeKiosk: (id: string) => send<KioskDeviceView>('POST', `/admin/kiosks/${id}/revoke`),
  setAnonymousIssue: (officeId: string, anonymousIssue: boolean) =>
    send<KioskSettingsView>('PUT', `/admin/offices/${officeId}/kiosk-settings`, { anonymousIssue }),

  calendar: (officeId: string) => send<AdminCalendarView>('GET', `/admin/offices/${officeId}/calendar`),
  addOfficeDay: (officeId: string, body: OfficeDayInput) => send<AdminCalendarView>('POST', `/admin/offices/${officeId}/calendar/days`, body),
  removeOfficeDay: (officeId: string, day: string) => send<AdminCalendarView>('DELETE', `/admin/offices/${officeId}/calendar/days/${day}`),
  addClosure: (officeId: string, body: ClosureInput) => send<AdminCalendarView>('POST', `/admin/offices/${officeId}/calendar/closures`, body),
  endClosure: (officeId: string, closureId: string) => send<AdminCalendarView>('POST', `/admin/offices/${officeId}/calendar/closures/${closureId}/end`),
  maklumat: (officeId: string) => send<MaklumatView[]>('GET', `/admin/offices/${officeId}/maklumat`),
  recordMaklumat: (officeId: string, body: MaklumatInput) => send<MaklumatView>('POST', `/admin/offices/${officeId}/maklumat`, body),

  notificationSettings: (officeId: string) => send<NotificationSettingsView>('GET', `/admin/offices/${officeId}/notification-settings`),
  updateNotificationSettings: (officeId: string, body: NotificationSettingsView) =>
    send<NotificationSettingsView>('PUT', `/admin/offices/${officeId}/notification-settings`, body),
  webhooks: (officeId: string) => send<WebhookEndpointView[]>('GET', `/admin/offices/${officeId}/webhooks`),
  createWebhook: (officeId: string, body: WebhookEndpointInput) => send<WebhookEndpointWithSecret>('POST', `/admin/offices/${officeId}/webhooks`, body),
  updateWebhook: (officeId: string, id: string, body: Partial<WebhookEndpointInput>) =>
    send<WebhookEndpointView>('PATCH', `/admin/offices/${officeId}/webhooks/${id}`, body),
  removeWebhook: (officeId: string, id: string) => send<void>('DELETE', `/admin/offices/${officeId}/webhooks/${id}`),
  rotateWebhook: (officeId: string, id: string) => send<WebhookEndpointWithSecret>('POST', `/admin/offices/${officeId}/webhooks/${id}/rotate`),
  webhookDeliveries: (officeId: string, id: string) => send<WebhookDeliveryView[]>('GET', `/admin/offices/${officeId}/webhooks/${id}/deliveries`),
  testWebhook: (officeId: string, id: string) => send<WebhookDeliveryView>('POST', `/admin/offices/${officeId}/webhooks/${id}/test`),
  replayWebhookDelivery: (officeId: string, id: string, deliveryId: string) =>
    send<WebhookDeliveryView>('POST', `/admin/offices/${officeId}/webhooks/${id}/deliveries/${deliveryId}/replay`),

  audit: (filter: AuditFilter) => send<AuditPage>('GET', `/audit?${query(filter)}`),
};
