import { InitialSchema1764316800000 } from './1764316800000-initial-schema.js';
import { SatisfactionSurveys1764400000000 } from './1764400000000-satisfaction-surveys.js';
import { Checklists1764400000001 } from './1764400000001-checklists.js';
import { Supervision1764500000000 } from './1764500000000-supervision.js';
import { AuditTrail1764500000001 } from './1764500000001-audit-trail.js';
import { StaffSessions1764500000002 } from './1764500000002-staff-sessions.js';
import { ForecastIndexes1764600000000 } from './1764600000000-forecast-indexes.js';
import { RefuseTruncate1764720000000 } from './1764720000000-refuse-truncate.js';
import { KioskDevices1764730000000 } from './1764730000000-kiosk-devices.js';
import { CounterCare1764750000000 } from './1764750000000-counter-care.js';
import { AlertResolvedAt1764760000000 } from './1764760000000-alert-resolved-at.js';
import { OfficeLetterhead1764810000000 } from './1764810000000-office-letterhead.js';
import { IdempotencyClient1764830000000 } from './1764830000000-idempotency-client.js';
import { ChecklistCorrections1764850000000 } from './1764850000000-checklist-corrections.js';
import { CounterScheduledSince1764850000001 } from './1764850000001-counter-scheduled-since.js';
import { ChecklistFiledAt1764920000000 } from './1764920000000-checklist-filed-at.js';
import { OfficeCalendar1764950000000 } from './1764950000000-office-calendar.js';
import { PriorityGroupsAsTheLawNames1764960000000 } from './1764960000000-priority-groups-as-the-law-names.js';
import { ServiceStandardAndMaklumat1765030000000 } from './1765030000000-service-standard-and-maklumat.js';
import { FinishedEventsIndex1765040000000 } from './1765040000000-finished-events-index.js';
import { TicketClosedEndOfDay1765060000000 } from './1765060000000-ticket-closed-end-of-day.js';
import { Complaints1765080000000 } from './1765080000000-complaints.js';
import { SurveyProfile1765080000001 } from './1765080000001-survey-profile.js';
import { Bookings1765090000000 } from './1765090000000-bookings.js';
import { ChecklistTemplateVersion1765120000000 } from './1765120000000-checklist-template-version.js';
import { SkmEducationAsTheQuestionnaire1765170000000 } from './1765170000000-skm-education-as-the-questionnaire.js';

/** Every migration, in order. Listed by hand: ESM builds cannot be globbed reliably. */
export const migrations = [InitialSchema1764316800000, SatisfactionSurveys1764400000000, Checklists1764400000001, Supervision1764500000000, AuditTrail1764500000001, StaffSessions1764500000002, ForecastIndexes1764600000000, RefuseTruncate1764720000000, KioskDevices1764730000000, CounterCare1764750000000, AlertResolvedAt1764760000000, OfficeLetterhead1764810000000, IdempotencyClient1764830000000, ChecklistCorrections1764850000000, CounterScheduledSince1764850000001, ChecklistFiledAt1764920000000, OfficeCalendar1764950000000, PriorityGroupsAsTheLawNames1764960000000, ServiceStandardAndMaklumat1765030000000, FinishedEventsIndex1765040000000, TicketClosedEndOfDay1765060000000, Complaints1765080000000, SurveyProfile1765080000001, Bookings1765090000000, ChecklistTemplateVersion1765120000000, SkmEducationAsTheQuestionnaire1765170000000];
