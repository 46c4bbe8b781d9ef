import { ADMIN_AGENCIES_SQL } from '../../src/admin/admin-agencies.repository.js';
import { ADMIN_ZONES_SQL } from '../../src/admin/admin-zones.repository.js';
import { BOOKING_RECORDS_SQL } from '../../src/bookings/booking-records.repository.js';
import { ADMIN_CALENDAR_SQL } from '../../src/admin/admin-calendar.repository.js';
import { ADMIN_COUNTERS_SQL } from '../../src/admin/admin-counters.repository.js';
import { ADMIN_SERVICES_SQL } from '../../src/admin/admin-services.repository.js';
import { AUDIT_SQL } from '../../src/admin/audit.repository.js';
import { BOOKINGS_SQL } from '../../src/bookings/bookings.repository.js';
import { CHECKLISTS_SQL } from '../../src/checklists/checklists.repository.js';
import { COMPLAINTS_SQL } from '../../src/complaints/complaints.repository.js';
import { COUNTERS_SQL } from '../../src/counters/counters.repository.js';
import { OFFICE_SEQUENCE_SQL } from '../../src/database/office-sequence.repository.js';
import { TABLE_STATISTICS_SQL } from '../../src/database/table-statistics.repository.js';
import { SEED_SQL } from '../../src/database/seed/seed.repository.js';
import { FORECAST_INPUT_SQL } from '../../src/forecast/forecast-input.repository.js';
import { HEALTH_SQL } from '../../src/health/health.repository.js';
import { KIOSK_DEVICES_SQL } from '../../src/kiosks/kiosk-devices.repository.js';
import { METRICS_SQL } from '../../src/metrics/metrics.repository.js';
import { PUSH_SQL } from '../../src/push/push-subscriptions.repository.js';
import { OUTBOX_SQL } from '../../src/notifications/outbox.repository.js';
import { WEBHOOKS_SQL } from '../../src/notifications/webhooks.repository.js';
import { PUSH_DELIVERIES_SQL } from '../../src/push/push-deliveries.repository.js';
import { OFFICES_SQL } from '../../src/offices/offices.repository.js';
import { COMPLIANCE_SQL } from '../../src/reports/compliance.repository.js';
import { IKM_PUBLICATIONS_SQL } from '../../src/reports/ikm-publications.repository.js';
import { SKM_SQL } from '../../src/reports/skm.repository.js';
import { REPORTS_SQL } from '../../src/reports/reports.repository.js';
import { REGIONAL_SQL } from '../../src/regional/regional.repository.js';
import { OFFICER_DAY_SQL } from '../../src/staff/officer-day.repository.js';
import { NOTIFICATION_SETTINGS_SQL } from '../../src/notifications/notification-settings.repository.js';
import { STAFF_SQL } from '../../src/staff/staff.repository.js';
import { STANDARDS_SQL } from '../../src/standards/standards.repository.js';
import { SUPERVISION_SQL } from '../../src/supervision/supervision.repository.js';
import { SURVEYS_SQL } from '../../src/surveys/surveys.repository.js';
import { END_OF_DAY_SQL } from '../../src/tickets/end-of-day.repository.js';
import { TICKETS_SQL } from '../../src/tickets/tickets.repository.js';

/**
 * Every repository's SQL, by the name of its snapshot file in apps/api/queries/ (checked
 * by sql-snapshots.spec.ts). A new repository adds one line here.
 */
export const SQL_REGISTRY: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'office-sequence': OFFICE_SEQUENCE_SQL,
  checklists: CHECKLISTS_SQL,
  counters: COUNTERS_SQL,
  'ikm-publications': IKM_PUBLICATIONS_SQL,
  compliance: COMPLIANCE_SQL,
  skm: SKM_SQL,
  complaints: COMPLAINTS_SQL,
  'forecast-input': FORECAST_INPUT_SQL,
  offices: OFFICES_SQL,
  regional: REGIONAL_SQL,
  tickets: TICKETS_SQL,
  'end-of-day': END_OF_DAY_SQL,
  'admin-agencies': ADMIN_AGENCIES_SQL,
  'admin-zones': ADMIN_ZONES_SQL,
  'admin-counters': ADMIN_COUNTERS_SQL,
  'admin-services': ADMIN_SERVICES_SQL,
  'admin-calendar': ADMIN_CALENDAR_SQL,
  audit: AUDIT_SQL,
  health: HEALTH_SQL,
  'kiosk-devices': KIOSK_DEVICES_SQL,
  metrics: METRICS_SQL,
  'officer-day': OFFICER_DAY_SQL,
  reports: REPORTS_SQL,
  seed: SEED_SQL,
  staff: STAFF_SQL,
  standards: STANDARDS_SQL,
  supervision: SUPERVISION_SQL,
  surveys: SURVEYS_SQL,
  bookings: BOOKINGS_SQL,
  'booking-records': BOOKING_RECORDS_SQL,
  'push-subscriptions': PUSH_SQL,
  'table-statistics': TABLE_STATISTICS_SQL,
  outbox: OUTBOX_SQL,
  webhooks: WEBHOOKS_SQL,
  'notification-settings': NOTIFICATION_SETTINGS_SQL,
  'push-deliveries': PUSH_DELIVERIES_SQL,
};
