/**
 * The SQL behind a report. Counts and waiting times are aggregated in the database, so a
 * month of tickets never travels to Node for them; test/reports.spec.ts proves each figure
 * equals the libs/domain definition (reports.ts) computed from the raw event rows.
 */
import type { EntityManager } from 'typeorm';
import type { OutcomeCounts, ReportTable, WaitingFigures } from '@loket/domain';

/** Which table a grouping-sets row belongs to; `total` is the whole office. */
export type Dimension = ReportTable | 'total';

export interface PeriodScope {
  officeId: string;
  from: string;
  to: string;
}

// GROUPING() tells which of the three grouping sets produced a row.
const DIMENSION = `CASE WHEN GROUPING(service_id) = 0 THEN 'services' WHEN GROUPING(counter_id) = 0 THEN 'counters'
                        WHEN GROUPING(staff_id) = 0 THEN 'officers' ELSE 'total' END`;
const KEY = `COALESCE(CASE WHEN GROUPING(service_id) = 0 THEN service_id WHEN GROUPING(counter_id) = 0 THEN counter_id ELSE staff_id END::text, '')`;
const SETS = `GROUPING SETS ((service_id), (counter_id), (staff_id), ())`;

/** The tickets of the period: issued on its office-local days. */
const PERIOD_EVENTS = `ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE t.office_id = $1 AND t.service_day BETWEEN $2::date AND $3::date`;

export interface Grouped<T> {
  dimension: Dimension;
  /** The service, counter or staff id; '' for the total and for events without one (a ticket issued, a citizen's cancel). */
  key: string;
  figures: T;
}

/**
 * Distinct tickets per outcome and group (domain `ticketFacts` + `outcomeCounts`): a
 * transfer counts for the service it left (`payload.fromServiceId`), an issue for no counter
 * or officer.
 */
export async function outcomeCountsSql(db: EntityManager, scope: PeriodScope): Promise<Grouped<OutcomeCounts>[]> {
  const rows = await db.query<{ dimension: Dimension; key: string; issued: number; served: number; no_shows: number; cancelled: number; transferred: number }[]>(
    `WITH ev AS (
       SELECT e.ticket_id, e.type,
              CASE WHEN e.type = 'transferred' THEN (e.payload->>'fromServiceId')::uuid ELSE e.service_id END AS service_id,
              CASE WHEN e.type = 'issued' THEN NULL ELSE e.counter_id END AS counter_id,
              CASE WHEN e.type = 'issued' THEN NULL ELSE e.actor_staff_id END AS staff_id
       FROM ${PERIOD_EVENTS} AND e.type IN ('issued', 'finished', 'no_show', 'cancelled', 'transferred'))
     SELECT ${DIMENSION} AS dimension, ${KEY} AS key,
            count(DISTINCT ticket_id) FILTER (WHERE type = 'issued')::int AS issued,
            count(DISTINCT ticket_id) FILTER (WHERE type = 'finished')::int AS served,
            count(DISTINCT ticket_id) FILTER (WHERE type = 'no_show')::int AS no_shows,
            count(DISTINCT ticket_id) FILTER (WHERE type = 'cancelled')::int AS cancelled,
            count(DISTINCT ticket_id) FILTER (WHERE type = 'transferred')::int AS transferred
     FROM ev GROUP BY ${SETS}`,
    [scope.officeId, scope.from, scope.to],
  );
  return rows.map((row) => ({
    dimension: row.dimension,
    key: row.key,
    figures: { issued: row.issued, served: row.served, noShows: row.no_shows, cancelled: row.cancelled, transferred: row.transferred },
  }));
}

/**
 * Waiting times per group (domain `waitingSegments` + `waitingFigures`): a queue stay opens
 * at the issue or a transfer and ends at the first call after it; events are ordered by
 * time, then by recording order, as the domain sorts them. The stay counts for its queue's
 * service and for the counter and officer who called. Percentiles by `percentile_cont`,
 * which is the domain's PERCENTILE_METHOD.
 */
export async function waitingFiguresSql(db: EntityManager, scope: PeriodScope): Promise<Grouped<WaitingFigures>[]> {
  const rows = await db.query<
    { dimension: Dimension; key: string; measured: number; average: number | null; median: number | null; p90: number | null; within: number }[]
  >(
    `WITH ev AS (
       SELECT e.id, e.ticket_id, e.type, e.at, e.service_id, e.counter_id, e.actor_staff_id,
              count(*) FILTER (WHERE e.type IN ('issued', 'transferred'))
                OVER (PARTITION BY e.ticket_id ORDER BY e.at, e.id ROWS UNBOUNDED PRECEDING) AS segment
       FROM ${PERIOD_EVENTS}),
     opening AS (SELECT ticket_id, segment, at AS from_at, service_id FROM ev WHERE type IN ('issued', 'transferred')),
     first_call AS (
       SELECT DISTINCT ON (ticket_id, segment) ticket_id, segment, at AS to_at, counter_id, actor_staff_id AS staff_id
       FROM ev WHERE type = 'called' AND segment > 0 ORDER BY ticket_id, segment, at, id),
     waits AS (
       SELECT o.service_id, c.counter_id, c.staff_id, s.max_wait_minutes,
              extract(epoch FROM c.to_at - o.from_at)::float8 / 60 AS minutes
       FROM opening o JOIN first_call c ON c.ticket_id = o.ticket_id AND c.segment = o.segment JOIN services s ON s.id = o.service_id)
     SELECT ${DIMENSION} AS dimension, ${KEY} AS key,
            count(*)::int AS measured,
            avg(minutes) AS average,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY minutes) AS median,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY minutes) AS p90,
            count(*) FILTER (WHERE minutes <= max_wait_minutes)::int AS within
     FROM waits GROUP BY ${SETS}`,
    [scope.officeId, scope.from, scope.to],
  );
  return rows.map((row) => ({
    dimension: row.dimension,
    key: row.key,
    figures: {
      measured: row.measured,
      averageMinutes: row.average === null ? null : Number(row.average),
      medianMinutes: row.median === null ? null : Number(row.median),
      p90Minutes: row.p90 === null ? null : Number(row.p90),
      withinStandard: row.within,
      shareWithinStandard: row.measured === 0 ? null : row.within / row.measured,
    },
  }));
}
