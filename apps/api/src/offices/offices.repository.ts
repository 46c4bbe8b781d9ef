import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { OfficeEntity } from './office.entity.js';
import type { AgencyView, OfficeOwnDay, OpeningHours, PauseReason, ZoneView } from '@loket/domain';
import type { TicketViewRow } from '../tickets/ticket-views.js';
import { TICKET_VIEW_SELECT } from '../tickets/tickets.repository.js';
import type { ServiceStandardRow } from './office-views.js';
import { countersServingSql } from '../common/counters-serving-sql.js';

/** A zone with its members; the admin set-up reads one zone through it too (ADMIN_ZONES_SQL.byId). */
export const ZONE_SELECT = `SELECT z.id, z.office_id, z.name, z.slug, z.sort_order,
         ARRAY(SELECT za.agency_id FROM zone_agencies za JOIN agencies a ON a.id = za.agency_id
           WHERE za.zone_id = z.id ORDER BY a.sort_order, a.created_at, a.id) AS agency_ids,
         ARRAY(SELECT zc.counter_id FROM zone_counters zc JOIN counters c ON c.id = zc.counter_id
           WHERE zc.zone_id = z.id ORDER BY c.number) AS counter_ids
  FROM zones z`;

/** How many of the latest calls a screen starts with. */
export const RECENT_CALLS = 10;

export const OFFICES_SQL = {
  // The calendar the domain's officeOpenState needs, as the issue statement reads it (TICKETS_SQL.issueContext):
  // own days from yesterday to the reach of "opens next", and the closures not yet over.
  calendar: `SELECT
      (SELECT coalesce(json_agg(json_build_object('day', d.day::text, 'kind', d.kind, 'name', d.name)), '[]')
       FROM office_days d
       WHERE d.office_id = o.id AND d.day BETWEEN ($2::timestamptz AT TIME ZONE o.time_zone)::date - 1 AND ($2::timestamptz AT TIME ZONE o.time_zone)::date + 401) AS own_days,
      (SELECT coalesce(json_agg(json_build_object('from', c.starts_at, 'to', c.ends_at, 'reason', c.reason)), '[]')
       FROM office_closures c WHERE c.office_id = o.id AND c.ends_at > $2::timestamptz) AS closures
    FROM offices o WHERE o.id = $1`,
  // The set-up's writes (admin): an office's own fields.
  insert: `INSERT INTO offices (slug, name, time_zone, opening_hours, priority_max_wait_minutes, no_show_after_minutes, offline_after_minutes, shift_end_grace_minutes, address, city, created_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
  update: `UPDATE offices SET slug = $2, name = $3, time_zone = $4, opening_hours = $5, priority_max_wait_minutes = $6,
  no_show_after_minutes = $7, offline_after_minutes = $8, shift_end_grace_minutes = $9, address = $10, city = $11 WHERE id = $1`,
  slugTaken: `SELECT id FROM offices WHERE slug = $1 AND id IS DISTINCT FROM $2::uuid`,
  // Live load per service: waiting now, counters open for it, tickets drawn on `day`.
  services: `SELECT s.id, s.agency_id, s.code, s.name, s.active, s.max_wait_minutes, s.service_time_minutes, s.cost_rupiah,
         s.requirements, s.completion_time, s.daily_quota, s.issue_cutoff_minutes,
         (SELECT count(*)::int FROM tickets t WHERE t.office_id = s.office_id AND t.service_id = s.id AND t.status = 'waiting') AS waiting_count,
         (SELECT count(*)::int FROM counter_services cs JOIN counter_sessions cn ON cn.counter_id = cs.counter_id AND cn.state = 'open'
           WHERE cs.service_id = s.id) AS counters_open,
         ${countersServingSql('s.id')} AS counters_serving,
         COALESCE((SELECT n.last_number FROM ticket_number_counters n WHERE n.service_id = s.id AND n.service_day = $2), 0) AS issued_today
  FROM services s
  WHERE s.office_id = $1
  ORDER BY s.sort_order, s.code`,
  // The latest call of each ticket (a recall replaces its call), none of a ticket back in a
  // queue (transferred, returned): as `applyOfficeEvent` of libs/domain keeps the list.
  recentCalls: `SELECT e.ticket_id, t.issued_code, t.number, e.service_id, e.counter_id, c.number AS counter_number,
         c.name AS counter_name, e.at, e.type
  FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id JOIN counters c ON c.id = e.counter_id
  WHERE e.office_id = $1 AND e.type IN ('called', 'recalled') AND t.status <> 'waiting'
    AND NOT EXISTS (SELECT 1 FROM ticket_events later
      WHERE later.ticket_id = e.ticket_id AND later.id > e.id AND later.type IN ('called', 'recalled'))
  ORDER BY e.id DESC LIMIT ${RECENT_CALLS}`,
  counters: `SELECT c.id, c.agency_id, c.number, c.name, c.priority_only,
         (SELECT array_agg(cs.service_id ORDER BY cs.service_id) FROM counter_services cs WHERE cs.counter_id = c.id) AS service_ids,
         cn.state, cn.pause_reason, cn.pause_note, cn.paused_at, cn.id AS session_id
  FROM counters c
  LEFT JOIN counter_sessions cn ON cn.counter_id = c.id AND cn.state <> 'closed'
  WHERE c.office_id = $1 AND c.active
  ORDER BY c.number`,
  counter: `SELECT c.id, c.agency_id, c.number, c.name, c.priority_only,
         (SELECT array_agg(cs.service_id ORDER BY cs.service_id) FROM counter_services cs WHERE cs.counter_id = c.id) AS service_ids,
         cn.state, cn.pause_reason, cn.pause_note, cn.paused_at, cn.id AS session_id
  FROM counters c
  LEFT JOIN counter_sessions cn ON cn.counter_id = c.id AND cn.state <> 'closed'
  WHERE c.office_id = $1 AND c.active AND c.id = $2`,
  // In the office's order; the first is the one a service or counter written without an agency joins (migration 1765192000000).
  agencies: `SELECT id, office_id, name, short_name, color, sort_order FROM agencies WHERE office_id = $1 ORDER BY sort_order, created_at, id`,
  // In the office's order, each with its agencies and the counters named one by one (issue 20).
  zones: `${ZONE_SELECT} WHERE z.office_id = $1 ORDER BY z.sort_order, lower(z.name), z.id`,
  // In call order (`compareForCall` of libs/domain).
  waiting: `${TICKET_VIEW_SELECT} WHERE t.office_id = $1 AND t.status = 'waiting' ORDER BY t.due_at, t.issued_at, t.issue_order`,
  atCounters: `${TICKET_VIEW_SELECT} WHERE t.office_id = $1 AND t.status IN ('called', 'serving')`,
  atCounter: `${TICKET_VIEW_SELECT} WHERE t.office_id = $1 AND t.status IN ('called', 'serving') AND t.counter_id = $2`,
} as const;

export interface ServiceLoadRow extends ServiceStandardRow {
  id: string;
  agency_id: string;
  code: string;
  name: string;
  active: boolean;
  waiting_count: number;
  counters_open: number;
  counters_serving: number;
  issued_today: number;
  /** Null on a service that never set one: the domain's default applies. */
  issue_cutoff_minutes: number | null;
}

export interface CallRow {
  ticket_id: string;
  issued_code: string;
  number: number;
  service_id: string;
  counter_id: string;
  counter_number: number;
  counter_name: string;
  at: Date;
  type: 'called' | 'recalled';
}

/** A counter as a screen shows it, with its session. */
export interface CounterRow {
  id: string;
  agency_id: string;
  number: number;
  name: string;
  priority_only: boolean;
  service_ids: string[] | null;
  state: 'open' | 'paused' | null;
  pause_reason: PauseReason | null;
  pause_note: string | null;
  paused_at: Date | null;
  session_id: string | null;
}

export interface AgencyRow {
  id: string;
  office_id: string;
  name: string;
  short_name: string;
  color: string;
  sort_order: number;
}

export function toAgencyView(row: AgencyRow): AgencyView {
  return { id: row.id, officeId: row.office_id, name: row.name, shortName: row.short_name, color: row.color, sortOrder: row.sort_order };
}

export interface ZoneRow {
  id: string;
  office_id: string;
  name: string;
  slug: string;
  sort_order: number;
  agency_ids: string[];
  counter_ids: string[];
}

export function toZoneView(row: ZoneRow): ZoneView {
  return {
    id: row.id,
    officeId: row.office_id,
    name: row.name,
    slug: row.slug,
    agencyIds: row.agency_ids,
    counterIds: row.counter_ids,
    sortOrder: row.sort_order,
  };
}

/** An office's own days and its closures not yet over, as the calendar queries give them (timestamps as JSON strings). */
export interface OfficeCalendarRows {
  own_days: OfficeOwnDay[];
  closures: { from: string; to: string; reason: string }[];
}

/** An office's own fields, as the set-up writes them. */
export interface OfficeFields {
  slug: string;
  name: string;
  timeZone: string;
  openingHours: OpeningHours[];
  priorityMaxWaitMinutes: number;
  noShowAfterMinutes: number;
  offlineAfterMinutes: number;
  shiftEndGraceMinutes: number;
  address: string;
  city: string;
}

/**
 * An office as its screens show it, and as the set-up writes it: services with their live load, counters with their
 * sessions, the tickets waiting and at the counters, the latest calls. The office itself is read
 * through its entity (the one TypeORM entity in use): a lookup by a key says itself.
 */
@Injectable()
export class OfficesRepository {
  constructor(private readonly db: DataSource) {}

  list(): Promise<OfficeEntity[]> {
    return this.db.getRepository(OfficeEntity).find({ order: { name: 'ASC' } });
  }

  async bySlug(slug: string, tx: EntityManager = this.db.manager): Promise<OfficeEntity | null> {
    return tx.getRepository(OfficeEntity).findOneBy({ slug });
  }

  async byId(id: string, tx: EntityManager = this.db.manager): Promise<OfficeEntity | null> {
    return tx.getRepository(OfficeEntity).findOneBy({ id });
  }

  /** The office, locked to the end of the caller's transaction. */
  locked(tx: EntityManager, id: string): Promise<OfficeEntity | null> {
    return tx.getRepository(OfficeEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(tx: EntityManager, office: OfficeFields, createdAt: Date): Promise<string> {
    const [row] = await tx.query<{ id: string }[]>(OFFICES_SQL.insert, [...fieldParams(office), createdAt]);
    return row.id;
  }

  async update(tx: EntityManager, id: string, office: OfficeFields): Promise<void> {
    await tx.query(OFFICES_SQL.update, [id, ...fieldParams(office)]);
  }

  async slugTaken(tx: EntityManager, slug: string, exceptId: string | null): Promise<boolean> {
    return (await tx.query<{ id: string }[]>(OFFICES_SQL.slugTaken, [slug, exceptId])).length > 0;
  }

  /** Every service of the office with its standard and live load; `day` is the office's service day. */
  services(tx: EntityManager, officeId: string, day: string): Promise<ServiceLoadRow[]> {
    return tx.query<ServiceLoadRow[]>(OFFICES_SQL.services, [officeId, day]);
  }

  /** The office's agencies, in their order. */
  async agencies(tx: EntityManager, officeId: string): Promise<AgencyView[]> {
    return (await tx.query<AgencyRow[]>(OFFICES_SQL.agencies, [officeId])).map(toAgencyView);
  }

  /** The office's zones, in their order, with their members. */
  async zones(tx: EntityManager, officeId: string): Promise<ZoneView[]> {
    return (await tx.query<ZoneRow[]>(OFFICES_SQL.zones, [officeId])).map(toZoneView);
  }

  /** The latest calls and recalls, newest first. */
  recentCalls(tx: EntityManager, officeId: string): Promise<CallRow[]> {
    return tx.query<CallRow[]>(OFFICES_SQL.recentCalls, [officeId]);
  }

  /** The office's active counters in number order (or only one of them), with their sessions. */
  counters(tx: EntityManager, officeId: string, onlyCounterId?: string): Promise<CounterRow[]> {
    return onlyCounterId ? tx.query<CounterRow[]>(OFFICES_SQL.counter, [officeId, onlyCounterId]) : tx.query<CounterRow[]>(OFFICES_SQL.counters, [officeId]);
  }

  /** The office's waiting tickets in call order. */
  async calendar(tx: EntityManager, officeId: string, now: Date): Promise<OfficeCalendarRows> {
    const [row] = await tx.query<OfficeCalendarRows[]>(OFFICES_SQL.calendar, [officeId, now]);
    return row ?? { own_days: [], closures: [] };
  }

  waiting(tx: EntityManager, officeId: string): Promise<TicketViewRow[]> {
    return tx.query<TicketViewRow[]>(OFFICES_SQL.waiting, [officeId]);
  }

  /** The tickets called to or served at the office's counters (or at one counter). */
  atCounters(tx: EntityManager, officeId: string, onlyCounterId?: string): Promise<TicketViewRow[]> {
    return onlyCounterId
      ? tx.query<TicketViewRow[]>(OFFICES_SQL.atCounter, [officeId, onlyCounterId])
      : tx.query<TicketViewRow[]>(OFFICES_SQL.atCounters, [officeId]);
  }
}

/** An office's editable fields as `OFFICES_SQL.insert` and `update` take them, in their order. */
function fieldParams(office: OfficeFields): unknown[] {
  return [
    office.slug,
    office.name,
    office.timeZone,
    JSON.stringify(office.openingHours),
    office.priorityMaxWaitMinutes,
    office.noShowAfterMinutes,
    office.offlineAfterMinutes,
    office.shiftEndGraceMinutes,
    office.address,
    office.city,
  ];
}
