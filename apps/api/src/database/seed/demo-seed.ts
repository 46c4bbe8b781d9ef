import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../../auth/password.js';
import { KioskDevicesRepository } from '../../kiosks/kiosk-devices.repository.js';
import { kioskTokenHash } from '../../kiosks/kiosk-token.js';
import { newTrackingCode } from '../../tickets/tracking-code.js';
import { SeedRepository } from './seed.repository.js';
import { DEMO_COUNTERS, DEMO_COUNTER_SCHEDULE, DEMO_HOURS, DEMO_KIOSK, DEMO_MAKLUMAT, DEMO_OFFICE, DEMO_SERVICES, DEMO_STAFF } from './demo-office.js';

export interface SeedResult {
  seeded: boolean;
  accountsFile?: string;
  passwords?: Record<string, string>;
  /** The demo kiosk's pairing: its token is shown once, like the passwords, so the demo's kiosk issues as a paired device. */
  kiosk?: { name: string; token: string };
}

/** Where the kiosk page pairs the browser it is opened in (`#pair=`: a fragment never reaches a server or its logs). */
export function kioskPairingPath(token: string): string {
  return `/kiosk#pair=${token}`;
}

/**
 * Seeds the demo office, its services, counters, staff and one paired kiosk when the
 * database has no office yet. Passwords come from `demoPassword`, or are generated; they
 * and the kiosk's pairing code are returned (to print once) and written to a file in
 * `dataDir` that only its owner can read. The kiosk is paired because anonymous issuing
 * allows an address a few tickets an hour (README, "Kiosks are paired"): an unpaired demo
 * kiosk would stop after three.
 */
export async function seedDemoIfEmpty(db: DataSource, options: { dataDir: string; demoPassword: string | null; now: Date }): Promise<SeedResult> {
  const seed = new SeedRepository();
  if ((await seed.countOffices(db.manager)) > 0) return { seeded: false };
  const passwords: Record<string, string> = {};
  for (const staff of DEMO_STAFF) passwords[staff.username] = options.demoPassword ?? randomBytes(9).toString('base64url');
  const kioskToken = newTrackingCode();
  const hashes = Object.fromEntries(await Promise.all(Object.entries(passwords).map(async ([user, password]) => [user, await hashPassword(password)])));

  const seeded = await db.transaction(async (manager) => {
    // Another instance starting at the same moment must not seed twice.
    if ((await seed.lockAndCountOffices(manager)) > 0) return false;
    const officeId = await seed.insertOffice(manager, { ...DEMO_OFFICE, openingHours: DEMO_HOURS }, options.now);
    const serviceIds = new Map<string, string>();
    for (const [order, service] of DEMO_SERVICES.entries()) {
      serviceIds.set(service.code, await seed.insertService(manager, officeId, { ...service, sortOrder: order }));
    }
    await seed.insertMaklumat(manager, officeId, DEMO_MAKLUMAT, options.now);
    for (const counter of DEMO_COUNTERS) {
      await seed.insertCounter(
        manager,
        officeId,
        { ...counter, schedule: DEMO_COUNTER_SCHEDULE },
        counter.services.map((code) => serviceIds.get(code)!),
      );
    }
    for (const staff of DEMO_STAFF) {
      await seed.upsertStaff(manager, officeId, { ...staff, passwordHash: hashes[staff.username] }, options.now);
    }
    await new KioskDevicesRepository().insert(manager, officeId, DEMO_KIOSK.name, kioskTokenHash(kioskToken), options.now);
    return true;
  });
  if (!seeded) return { seeded: false };

  await mkdir(options.dataDir, { recursive: true });
  const accountsFile = join(options.dataDir, 'demo-accounts.txt');
  const lines = Object.entries(passwords).map(([user, password]) => `${user}\t${password}`);
  const kiosk = `# The demo kiosk's pairing code, and the page that pairs a browser with it\nkiosk\t${kioskToken}\t${kioskPairingPath(kioskToken)}`;
  await writeFile(accountsFile, `# Loket demo accounts (username, password)\n${lines.join('\n')}\n${kiosk}\n`, { mode: 0o600 });
  return { seeded: true, accountsFile, passwords, kiosk: { name: DEMO_KIOSK.name, token: kioskToken } };
}
