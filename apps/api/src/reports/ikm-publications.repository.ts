import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { type IkmGrade, type IkmPlanItem, type IkmPlanProgress, type IkmPublicationView, type SkmPreset, planWithProgress } from '@loket/domain';

export const IKM_PUBLICATIONS_SQL = {
  insert: `INSERT INTO ikm_publications (office_id, preset, period_from, period_to, ikm, grade, responses, served, sample_size, plan, published_at, published_by)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
  // The latest publication of an office (who published it is in the audit trail, not on the board).
  // With each item's progress, oldest first (the domain takes the last of each item), and the
  // publishing day in the office's zone (the day an item without an update has been "belum").
  latest: `SELECT p.id, p.preset, to_char(p.period_from, 'YYYY-MM-DD') AS period_from, to_char(p.period_to, 'YYYY-MM-DD') AS period_to,
      p.ikm::float8 AS ikm, p.grade, p.responses, p.served, p.sample_size, p.plan, p.published_at,
      to_char(p.published_at AT TIME ZONE o.time_zone, 'YYYY-MM-DD') AS published_on,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('item', g.item, 'status', g.status, 'on', to_char(g.status_on, 'YYYY-MM-DD'), 'note', g.note) ORDER BY g.id), '[]')
         FROM ikm_plan_progress g WHERE g.publication_id = p.id) AS progress
    FROM offices o JOIN ikm_publications p ON p.office_id = o.id
    WHERE o.slug = $1
    ORDER BY p.published_at DESC, p.id DESC LIMIT 1`,
  insertProgress: `INSERT INTO ikm_plan_progress (publication_id, item, status, status_on, note, recorded_at, recorded_by)
    VALUES ($1, $2, $3, $4, $5, $6, $7)`,
} as const;

interface PublicationRow {
  id: string;
  preset: SkmPreset | 'custom';
  period_from: string;
  period_to: string;
  ikm: number;
  grade: IkmGrade;
  responses: number;
  served: number;
  sample_size: number;
  plan: IkmPlanItem[];
  published_at: Date;
  published_on: string;
  progress: (IkmPlanProgress & { item: number })[];
}

export interface NewPublication {
  officeId: string;
  period: IkmPublicationView['period'];
  ikm: number;
  grade: IkmGrade;
  responses: number;
  served: number;
  sampleSize: number;
  plan: IkmPlanItem[];
  publishedAt: Date;
  publishedBy: string;
}

/** Published IKMs with their follow-up plans (ikm_publications). */
@Injectable()
export class IkmPublicationsRepository {
  constructor(private readonly db: DataSource) {}

  async insert(tx: EntityManager, entry: NewPublication): Promise<string> {
    const [row] = await tx.query<{ id: string }[]>(IKM_PUBLICATIONS_SQL.insert, [
      entry.officeId,
      entry.period.preset,
      entry.period.from,
      entry.period.to,
      entry.ikm,
      entry.grade,
      entry.responses,
      entry.served,
      entry.sampleSize,
      JSON.stringify(entry.plan),
      entry.publishedAt,
      entry.publishedBy,
    ]);
    return row.id;
  }

  async recordProgress(tx: EntityManager, publicationId: string, item: number, progress: IkmPlanProgress, at: Date, staffId: string): Promise<void> {
    await tx.query(IKM_PUBLICATIONS_SQL.insertProgress, [publicationId, item, progress.status, progress.on, progress.note, at, staffId]);
  }

  async latest(officeSlug: string): Promise<IkmPublicationView | null> {
    const [row] = await this.db.query<PublicationRow[]>(IKM_PUBLICATIONS_SQL.latest, [officeSlug]);
    if (!row) return null;
    return {
      id: row.id,
      period: { preset: row.preset, from: row.period_from, to: row.period_to },
      ikm: row.ikm,
      grade: row.grade,
      responses: row.responses,
      served: row.served,
      sampleSize: row.sample_size,
      sampleReached: row.responses >= row.sample_size,
      plan: planWithProgress(row.plan, row.progress, row.published_on),
      publishedAt: row.published_at.toISOString(),
      publishedOn: row.published_on,
    };
  }
}
