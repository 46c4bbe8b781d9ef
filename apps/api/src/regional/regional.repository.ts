import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface RegionalOffice {
  id: string;
  slug: string;
  timeZone: string;
}

export const REGIONAL_SQL = {
  // $1 null: every office (an admin's dashboard).
  offices: `SELECT id, slug, time_zone FROM offices WHERE $1::uuid[] IS NULL OR id = ANY($1::uuid[]) ORDER BY name, id`,
  // The offices some active regional head oversees: the rows the API keeps moving with their events.
  watchedOffices: `SELECT DISTINCT so.office_id FROM staff_offices so JOIN staff s ON s.id = so.staff_id
         WHERE s.role = 'regional' AND s.active`,
  // Going on and not yet acknowledged: one that ended by itself waits in the supervisor's list, but fails nothing now.
  openAlertCounts: `SELECT office_id, count(*)::int AS open FROM supervision_alerts
         WHERE office_id = ANY($1::uuid[]) AND resolved_at IS NULL AND acknowledged_at IS NULL GROUP BY office_id`,
} as const;

/** What the regional dashboard reads beside the offices' live state: which offices, their open alerts (the period's answers: `SupervisionRepository.surveyTotals`). */
@Injectable()
export class RegionalRepository {
  constructor(private readonly db: DataSource) {}

  /** The offices with these ids (null: every office), by name. */
  async offices(ids: readonly string[] | null): Promise<RegionalOffice[]> {
    const rows = await this.db.query<{ id: string; slug: string; time_zone: string }[]>(REGIONAL_SQL.offices, [ids]);
    return rows.map((row) => ({ id: row.id, slug: row.slug, timeZone: row.time_zone }));
  }

  async watchedOffices(): Promise<string[]> {
    const rows = await this.db.query<{ office_id: string }[]>(REGIONAL_SQL.watchedOffices);
    return rows.map((row) => row.office_id);
  }

  /** Open alerts per office; an office with none is left out. */
  async openAlertCounts(officeIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.db.query<{ office_id: string; open: number }[]>(REGIONAL_SQL.openAlertCounts, [officeIds]);
    return new Map(rows.map((row) => [row.office_id, row.open]));
  }
}
