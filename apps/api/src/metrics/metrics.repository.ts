import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export const METRICS_SQL = {
  // Every active service appears, with 0 when nobody waits: an alert rule needs the zero, not a missing series.
  queues: `SELECT o.slug AS office, s.code AS service,
              count(t.id)::int AS waiting,
              (count(t.id) FILTER (WHERE t.due_at < $1))::int AS overdue
       FROM services s
       JOIN offices o ON o.id = s.office_id
       LEFT JOIN tickets t ON t.service_id = s.id AND t.status = 'waiting'
       WHERE s.active
       GROUP BY o.slug, s.code`,
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

/** The queue figures a scrape reads: two grouped queries over partial indexes, and the office list. */
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
