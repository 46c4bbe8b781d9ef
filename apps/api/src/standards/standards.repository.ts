import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { MaklumatInput, MaklumatView, PublishedServiceStandard } from '@loket/domain';
import { type ServiceDetailsRow, serviceDetailsFromRow } from '../offices/office-views.js';

export const STANDARDS_SQL = {
  // The public page lists what a citizen can still take a ticket for: active services, in kiosk order.
  publishedServices: `SELECT id, code, name, requirements, completion_time, cost_rupiah, max_wait_minutes,
                             procedure, product, complaint_handling, legal_basis, facilities, executor_competence, internal_supervision,
                             executor_count, service_guarantee, safety_guarantee, performance_evaluation
                        FROM services WHERE office_id = $1 AND active ORDER BY sort_order, code`,
  maklumatVersions: `SELECT m.version, m.text, m.signer_name, m.signer_position, to_char(m.signed_on, 'YYYY-MM-DD') AS signed_on, m.recorded_at,
                            s.id AS recorded_by_id, s.name AS recorded_by_name
                       FROM office_maklumat m LEFT JOIN staff s ON s.id = m.recorded_by
                      WHERE m.office_id = $1 ORDER BY m.version DESC LIMIT $2`,
  latestVersion: `SELECT max(version)::int AS version FROM office_maklumat WHERE office_id = $1`,
  insertMaklumat: `INSERT INTO office_maklumat (office_id, version, text, signer_name, signer_position, signed_on, recorded_at, recorded_by)
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
} as const;

interface PublishedRow extends ServiceDetailsRow {
  id: string;
  code: string;
  name: string;
  requirements: string[];
  completion_time: string;
  cost_rupiah: number;
  max_wait_minutes: number;
}

interface MaklumatRow {
  version: number;
  text: string;
  signer_name: string;
  signer_position: string;
  signed_on: string;
  recorded_at: Date;
  recorded_by_id: string | null;
  recorded_by_name: string | null;
}

function toMaklumat(row: MaklumatRow): MaklumatView {
  return {
    version: row.version,
    text: row.text,
    signerName: row.signer_name,
    signerPosition: row.signer_position,
    signedOn: row.signed_on,
    recordedAt: row.recorded_at.toISOString(),
    recordedBy: row.recorded_by_id ? { id: row.recorded_by_id, name: row.recorded_by_name ?? '' } : null,
  };
}

/** The published service standards and the maklumat versions of an office. */
@Injectable()
export class StandardsRepository {
  constructor(private readonly db: DataSource) {}

  async publishedServices(officeId: string): Promise<PublishedServiceStandard[]> {
    const rows = await this.db.query<PublishedRow[]>(STANDARDS_SQL.publishedServices, [officeId]);
    return rows.map((row) => ({
      serviceId: row.id,
      code: row.code,
      name: row.name,
      requirements: row.requirements,
      completionTime: row.completion_time,
      costRupiah: row.cost_rupiah,
      maxWaitMinutes: row.max_wait_minutes,
      ...serviceDetailsFromRow(row),
    }));
  }

  /** The office's maklumat versions, the latest first. */
  async maklumatVersions(officeId: string, limit: number, tx: EntityManager = this.db.manager): Promise<MaklumatView[]> {
    return (await tx.query<MaklumatRow[]>(STANDARDS_SQL.maklumatVersions, [officeId, limit])).map(toMaklumat);
  }

  async latestVersion(tx: EntityManager, officeId: string): Promise<number | null> {
    const [row] = await tx.query<{ version: number | null }[]>(STANDARDS_SQL.latestVersion, [officeId]);
    return row.version;
  }

  async insertMaklumat(tx: EntityManager, officeId: string, version: number, input: MaklumatInput, at: Date, staffId: string | null): Promise<void> {
    await tx.query(STANDARDS_SQL.insertMaklumat, [officeId, version, input.text, input.signerName, input.signerPosition, input.signedOn, at, staffId]);
  }
}
