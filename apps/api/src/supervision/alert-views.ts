import type { AlertDetails, AlertKind, AlertView } from '@loket/domain';

/** The one select every alert view is read with. */
export const ALERT_VIEW_SELECT = `
  SELECT a.id, a.office_id, a.kind, a.subject_key, a.subject, a.service_id, a.counter_id, a.ticket_id, a.since, a.raised_at,
         a.details, a.acknowledged_at, a.acknowledged_by_staff_id, st.name AS acknowledged_by_name
  FROM supervision_alerts a LEFT JOIN staff st ON st.id = a.acknowledged_by_staff_id`;

export interface AlertRow {
  id: string;
  office_id: string;
  kind: AlertKind;
  subject_key: string;
  subject: string;
  service_id: string | null;
  counter_id: string | null;
  ticket_id: string | null;
  since: Date;
  raised_at: Date;
  details: AlertDetails;
  acknowledged_at: Date | null;
  acknowledged_by_staff_id: string | null;
  acknowledged_by_name: string | null;
}

export function toAlertView(row: AlertRow): AlertView {
  return {
    id: row.id,
    officeId: row.office_id,
    kind: row.kind,
    key: row.subject_key,
    serviceId: row.service_id,
    counterId: row.counter_id,
    ticketId: row.ticket_id,
    subject: row.subject,
    since: row.since.toISOString(),
    raisedAt: row.raised_at.toISOString(),
    details: row.details,
    acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
    acknowledgedBy: row.acknowledged_by_staff_id ? { id: row.acknowledged_by_staff_id, name: row.acknowledged_by_name ?? '' } : null,
  };
}
