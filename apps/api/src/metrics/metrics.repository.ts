import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export const METRICS_SQL = {
  // Every active service appears, with 0 when nobody waits: an alert rule needs the zero, not a missing series.
  // The waiting count is the one the database keeps with every ticket (`service_waiting`, migration
  // 1765180000000); only the overdue tickets are read, per service through `tickets_waiting_service_due`
  // (test/repositories/timer-query-plans.spec.ts). Joining the tickets made a scrape read every waiting
  // ticket of every office, by a sequential scan of tickets once the waiting were a large share of it.
  queues: `SELECT o.slug AS office, s.code AS service,
              coalesce(w.waiting, 0) AS waiting,
              (SELECT count(*) FROM tickets t WHERE t.service_id = s.id AND t.status = 'waiting' AND t.due_at < $1)::int AS overdue
       FROM services s
       JOIN offices o ON o.id = s.office_id
       LEFT JOIN service_waiting w ON w.service_id = s.id
       WHERE s.active`,
  sessions: `SELECT o.slug AS office, cs.state, count(*)::int AS count
       FROM counter_sessions cs
       JOIN counters c ON c.id = cs.counter_id
       JOIN offices o ON o.id = c.office_id
       WHERE cs.state <> 'closed'
       GROUP BY o.slug, cs.state`,
  offices: 'SELECT slug AS office FROM offices',
} as const;

export interface QueueFigureRow {
  office: string;
  service: string;
  waiting: number;
  overdue: number;
}

export interface SessionFigureRow {
  office: string;
  state: string;
  count: number;
}

/** The queue figures a scrape reads: the services' waiting counts with their overdue tickets, the sessions, and the office list. */
@Injectable()
export class MetricsRepository {
  constructor(private readonly db: DataSource) {}

  /** Waiting and overdue (past `now`) tickets per office and active service. */
  queues(now: Date): Promise<QueueFigureRow[]> {
    return this.db.query<QueueFigureRow[]>(METRICS_SQL.queues, [now]);
  }

  /** Counter sessions per office and state, closed ones left out. */
  sessions(): Promise<SessionFigureRow[]> {
    return this.db.query<SessionFigureRow[]>(METRICS_SQL.sessions);
  }

  async officeSlugs(): Promise<string[]> {
    return (await this.db.query<{ office: string }[]>(METRICS_SQL.offices)).map((row) => row.office);
  }
}
