import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { serviceInAgency } from '../common/agency-scope-sql.js';
import type { SkmAgeBand, SkmEducation, SkmGender, SkmOccupation, SurveyChannel, SurveyScore } from '@loket/domain';

export const SKM_SQL = {
  // As the performance report counts them: a response by its ticket's service day.
  responses: `SELECT ss.service_id, ss.u1, ss.u2, ss.u3, ss.u4, ss.u5, ss.u6, ss.u7, ss.u8, ss.u9,
              ss.gender, ss.age_band, ss.education, ss.occupation, ss.suggestion, ss.submitted_at, ss.channel
         FROM satisfaction_surveys ss JOIN tickets t ON t.id = ss.ticket_id
         WHERE ss.office_id = $1 AND t.service_day BETWEEN $2::date AND $3::date AND ${serviceInAgency('ss.service_id', '$4')}
         ORDER BY ss.submitted_at DESC`,
  // The population of the sample: people served (tickets done) per service in the period.
  // Both take an agency ($4): its services' only (an agency supervisor's SKM); null: the whole office.
  served: `SELECT service_id, count(*)::int AS served FROM tickets
         WHERE office_id = $1 AND status = 'done' AND service_day BETWEEN $2::date AND $3::date AND ${serviceInAgency('service_id', '$4')}
         GROUP BY service_id`,
} as const;

export interface SkmResponseRow {
  service_id: string;
  u1: SurveyScore;
  u2: SurveyScore;
  u3: SurveyScore;
  u4: SurveyScore;
  u5: SurveyScore;
  u6: SurveyScore;
  u7: SurveyScore;
  u8: SurveyScore;
  u9: SurveyScore;
  gender: SkmGender | null;
  age_band: SkmAgeBand | null;
  education: SkmEducation | null;
  occupation: SkmOccupation | null;
  suggestion: string | null;
  submitted_at: Date;
  channel: SurveyChannel;
}

/** The SKM tables' rows over a semester or a year: the responses with their profile, and the people served. */
@Injectable()
export class SkmRepository {
  constructor(private readonly db: DataSource) {}

  responses(officeId: string, from: string, to: string, agencyId: string | null = null): Promise<SkmResponseRow[]> {
    return this.db.query(SKM_SQL.responses, [officeId, from, to, agencyId]);
  }

  async served(officeId: string, from: string, to: string, agencyId: string | null = null): Promise<Map<string, number>> {
    const rows = await this.db.query<{ service_id: string; served: number }[]>(SKM_SQL.served, [officeId, from, to, agencyId]);
    return new Map(rows.map((row) => [row.service_id, row.served]));
  }
}
