import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client } from '../support/http.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';
import { ApiProcess, createPrivateDatabase, eventually, freePort, officeHoursClock } from './support/api-process.js';

const OFFICE = 'mpp-kota-harapan';
const DEMO_PASSWORD = 'fault-test-password';
const TICKETS = 60;

/**
 * kill -9 of the API after its changes committed and before any webhook went out: the
 * outbox rows were written by the changes' own statements, so the restarted API sends every
 * one. The first run has no dispatcher (WEBHOOK_DISPATCH_MS=0), so the kill falls exactly
 * between commit and delivery for every event. PGlite (the data folder) and PostgreSQL.
 */
describe('kill -9 of the API between commit and webhook delivery', () => {
  const onPostgres = Boolean(process.env.DATABASE_URL);
  let dataDir: string;
  let database: { url: string; drop(): Promise<void> } | null = null;
  let api: ApiProcess | null = null;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'loket-webhook-kill-'));
    if (onPostgres) database = await createPrivateDatabase(process.env.DATABASE_URL!, `loket_whkill_${randomBytes(4).toString('hex')}`);
    await receiver.start();
  });
  afterAll(async () => {
    await api?.stop();
    await receiver.stop();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('sends every committed event after the restart, each webhook-id once after dedupe', async () => {
    const env: Record<string, string> = {
      DATA_DIR: dataDir,
      DEMO_PASSWORD,
      WEBHOOK_ALLOW_PRIVATE: 'true',
      ...(database ? { DATABASE_URL: database.url } : {}),
      ...officeHoursClock(),
    };
    api = await ApiProcess.start({ ...env, WEBHOOK_DISPATCH_MS: '0' }, await freePort());
    const http = client(api.url);
    const admin = (await http.post('/auth/login', { username: 'admin', password: DEMO_PASSWORD })).body.accessToken as string;
    const offices = (await http.get('/admin/offices', admin)).body as { id: string; slug: string }[];
    const officeId = offices.find((o) => o.slug === OFFICE)!.id;
    const created = await http.post(`/admin/offices/${officeId}/webhooks`, { url: receiver.url, events: ['ticket.issued'] }, admin);
    expect(created.status).toBe(201);
    receiver.secrets = [created.body.secret];
    const services = (await http.get(`/offices/${OFFICE}/services`)).body as { id: string }[];

    const acknowledged: string[] = [];
    for (let i = 0; i < TICKETS; i += 1) {
      const reply = await http.post(`/offices/${OFFICE}/tickets`, { serviceId: services[i % services.length].id }, undefined, {
        'Idempotency-Key': `whkill-${i}`,
      });
      if (reply.status === 201) acknowledged.push((reply.body as { id: string }).id);
    }
    expect(acknowledged).toHaveLength(TICKETS);
    await api.kill9();
    expect(receiver.hits).toBe(0);

    api = await ApiProcess.start({ ...env, WEBHOOK_DISPATCH_MS: '200' }, await freePort());
    await eventually('every issued ticket to reach the receiver', () => receiver.uniqueIds().size >= TICKETS, 300, 200);
    const ticketIds = new Set(receiver.received.map((r) => r.data.ticket.id as string));
    const counts = {
      sent: TICKETS,
      delivered: receiver.uniqueIds().size,
      duplicated: receiver.duplicates(),
      lost: acknowledged.filter((id) => !ticketIds.has(id)).length,
    };
    console.log(`webhook kill -9: ${JSON.stringify(counts)}`);
    expect(counts).toEqual({ sent: TICKETS, delivered: TICKETS, duplicated: 0, lost: 0 });
    expect(receiver.rejected).toBe(0);
  }, 300_000);
});
