import { Injectable } from '@nestjs/common';
import { DatabaseUnavailableException } from '../common/database-unavailable.js';
import { HealthRepository } from './health.repository.js';

// A probe must answer before the prober gives up (Docker's HEALTHCHECK waits 5 s).
const READY_TIMEOUT_MS = 2_000;

@Injectable()
export class HealthService {
  constructor(private readonly health: HealthRepository) {}

  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Asks the database for `SELECT 1`, bounded in time: a hung connection reads as not ready. */
  async ready(): Promise<{ status: 'ok'; database: 'ok' }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DatabaseUnavailableException()), READY_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.health.ping(), timeout]);
    } catch {
      throw new DatabaseUnavailableException();
    } finally {
      clearTimeout(timer);
    }
    return { status: 'ok', database: 'ok' };
  }
}
