import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export const HEALTH_SQL = {
  ping: 'SELECT 1',
} as const;

/** Whether the database answers at all. */
@Injectable()
export class HealthRepository {
  constructor(private readonly db: DataSource) {}

  async ping(): Promise<void> {
    await this.db.query(HEALTH_SQL.ping);
  }
}
