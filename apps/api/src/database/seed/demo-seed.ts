import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../../auth/password.js';
import { DEMO_COUNTERS, DEMO_HOURS, DEMO_OFFICE, DEMO_SERVICES, DEMO_STAFF } from './demo-office.js';

export interface SeedResult {
  seeded: boolean;
  accountsFile?: string;
  passwords?: Record<string, string>;
}

/**
 * Seeds the demo office, its services, counters and staff when the database has no
 * office yet. Passwords come from `demoPassword`, or are generated; they are returned
 * (to print once) and written to a file in `dataDir` that only its owner can read.
 */
export async function seedDemoIfEmpty(db: DataSource, options: { dataDir: string; demoPassword: string | null; now: Date }): Promise<SeedResult> {
  const [{ count: offices }] = await db.query<{ count: number }[]>('SELECT count(*)::int AS count FROM offices');
  if (offices > 0) return { seeded: false };
  const passwords: Record<string, string> = {};
  for (const staff of DEMO_STAFF) passwords[staff.username] = options.demoPassword ?? randomBytes(9).toString('base64url');
  const hashes = Object.fromEntries(await Promise.all(Object.entries(passwords).map(async ([user, password]) => [user, await hashPassword(password)])));

  const seeded = await db.transaction(async (manager) => {
    // Another instance starting at the same moment must not seed twice.
    await manager.query('LOCK TABLE offices IN EXCLUSIVE MODE');
    const [{ count }] = await manager.query<{ count: number }[]>('SELECT count(*)::int AS count FROM offices');
    if (count > 0) return false;
    const [office] = await manager.query<{ id: string }[]>(
      `INSERT INTO offices (slug, name, time_zone, opening_hours, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [DEMO_OFFICE.slug, DEMO_OFFICE.name, DEMO_OFFICE.timeZone, JSON.stringify(DEMO_HOURS), options.now],
    );
    const serviceIds = new Map<string, string>();
    for (const [order, service] of DEMO_SERVICES.entries()) {
      const [row] = await manager.query<{ id: string }[]>(
        `INSERT INTO services (office_id, code, name, max_wait_minutes, service_time_minutes, cost_rupiah, requirements, completion_time, daily_quota, sort_order)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [office.id, service.code, service.name, service.maxWaitMinutes, service.serviceTimeMinutes, service.costRupiah, JSON.stringify(service.requirements), service.completionTime, service.dailyQuota, order],
      );
      serviceIds.set(service.code, row.id);
    }
    for (const counter of DEMO_COUNTERS) {
      const [row] = await manager.query<{ id: string }[]>(
        `INSERT INTO counters (office_id, number, name, priority_only, schedule) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [office.id, counter.number, counter.name, counter.priorityOnly, JSON.stringify(DEMO_HOURS)],
      );
      for (const code of counter.services) {
        await manager.query('INSERT INTO counter_services (counter_id, service_id) VALUES ($1, $2)', [row.id, serviceIds.get(code)]);
      }
    }
    for (const staff of DEMO_STAFF) {
      const [row] = await manager.query<{ id: string }[]>(
        `INSERT INTO staff (username, name, nip, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (username) DO UPDATE SET username = EXCLUDED.username RETURNING id`,
        [staff.username, staff.name, staff.nip, staff.role, hashes[staff.username], options.now],
      );
      await manager.query('INSERT INTO staff_offices (staff_id, office_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [row.id, office.id]);
    }
    return true;
  });
  if (!seeded) return { seeded: false };

  await mkdir(options.dataDir, { recursive: true });
  const accountsFile = join(options.dataDir, 'demo-accounts.txt');
  const lines = Object.entries(passwords).map(([user, password]) => `${user}\t${password}`);
  await writeFile(accountsFile, `# Loket demo accounts (username, password)\n${lines.join('\n')}\n`, { mode: 0o600 });
  return { seeded: true, accountsFile, passwords };
}
