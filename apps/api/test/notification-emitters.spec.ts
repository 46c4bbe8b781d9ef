import type { NotificationSettingsView, WebhookEndpointWithSecret } from '@loket/domain';
import { defaultRateLimits, parseRateWindows } from '../src/rate-limit/rate-limit-config.js';
import { WebhookDispatcher } from '../src/notifications/webhook-dispatcher.js';
import { AlertsService } from '../src/supervision/alerts.service.js';
import { bookingSettings, createOffice, createStaff, type OfficeFixture } from './support/fixtures.js';
import { useTestApp } from './support/test-app.js';
import { WebhookReceiver } from './support/webhook-receiver.js';

const rateLimits = (() => {
  const config = defaultRateLimits(true);
  for (const rule of ['issue', 'issueAnonymous', 'track', 'read', 'complaint'] as const) config.rules[rule] = parseRateWindows('10000/1m', rule);
  return config;
})();

/**
 * Issue 18: the events written outside a ticket's own statements — booking reminders (by the
 * injected clock, each once), `alert.raised` (staff only), `complaint.updated` — and the
 * office's notification settings, each checked at a real receiver that verifies signatures
 * with the Standard Webhooks library.
 */
describe('notification emitters', () => {
  // Monday 30 November 2026, 08:00 WIB.
  const t = useTestApp({ rateLimits, webhooks: { allowPrivate: true, timeoutMs: 300 }, start: '2026-11-30T01:00:00.000Z' });
  const receiver = new WebhookReceiver();
  let admin: { id: string; token: string };

  beforeAll(async () => {
    await receiver.start();
    admin = await createStaff(t, 'admin');
  });
  afterAll(() => receiver.stop());
  beforeEach(() => {
    receiver.received.length = 0;
    receiver.mode = 'ok';
    // Each test starts on Monday morning: the clock is the suite's, and the reminder tests move it by days.
    t.clock.set('2026-11-30T01:00:00.000Z');
  });

  const dispatcher = () => t.app.get(WebhookDispatcher);
  const office = () => createOffice(t, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });
  const endpoint = async (o: OfficeFixture, events: string[]): Promise<WebhookEndpointWithSecret> => {
    const reply = await t.api.post(`/admin/offices/${o.id}/webhooks`, { url: receiver.url, events }, admin.token);
    expect(reply.status).toBe(201);
    receiver.secrets = [reply.body.secret];
    return reply.body;
  };
  const settingsOf = (o: OfficeFixture) => t.api.get<NotificationSettingsView>(`/admin/offices/${o.id}/notification-settings`, admin.token);
  const putSettings = (o: OfficeFixture, body: unknown, token = admin.token) =>
    t.api.send('PUT', `/admin/offices/${o.id}/notification-settings`, { body, token });

  describe('booking reminders', () => {
    // Wednesday 2 December, 09:00 WIB.
    const SLOT = '2026-12-02T02:00:00.000Z';

    async function book(o: OfficeFixture): Promise<{ code: string; reference: string }> {
      await t.db.query('UPDATE offices SET opening_hours = $2 WHERE id = $1', [
        o.id,
        JSON.stringify([1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '12:00' }))),
      ]);
      const put = await t.api.send('PUT', `/admin/services/${o.services.A}/booking`, {
        body: bookingSettings({ seatsPerSlot: 2, bookingsPerPerson: 2 }),
        token: admin.token,
      });
      expect(put.status).toBe(200);
      const booked = await t.api.post<{ code: string; reference: string }>(
        `/offices/${o.slug}/bookings`,
        { serviceId: o.services.A, startsAt: SLOT, name: 'Siti', phone: '081234567890' },
        undefined,
        { 'x-loket-client': `reminder-${o.slug}` },
      );
      expect(booked.status).toBe(201);
      return booked.body;
    }

    it('reminds the day before at the office’s hour and an hour before, each once, by the clock', async () => {
      const o = await office();
      await endpoint(o, ['booking.reminder']);
      const booking = await book(o);
      const scan = () => dispatcher().scanReminders(t.clock.now(), o.id);

      t.clock.set('2026-12-01T08:59:00.000Z'); // Tuesday 15:59 WIB
      expect(await scan()).toBe(0);
      t.clock.set('2026-12-01T09:00:00.000Z'); // 16:00, the default hour
      expect(await scan()).toBe(1);
      expect(await scan()).toBe(0);
      t.clock.set('2026-12-02T00:59:00.000Z');
      expect(await scan()).toBe(0);
      t.clock.set('2026-12-02T01:00:00.000Z'); // an hour before the slot
      expect(await scan()).toBe(1);
      expect(await scan()).toBe(0);
      t.clock.set('2026-12-02T02:00:00.000Z');
      expect(await scan()).toBe(0);
      await dispatcher().drain(undefined, o.id);

      expect(receiver.received.map((r) => `${r.type}:${r.data.reminder}`)).toEqual(['booking.reminder:day_before', 'booking.reminder:hour_before']);
      expect(receiver.received.every((r) => r.verifiedWith.length === 1)).toBe(true);
      expect(receiver.received[0].data).toMatchObject({
        booking: { reference: booking.reference, code: booking.code, startsAt: expect.any(String) },
        office: { id: o.id },
        link: `/b/${booking.code}`,
        // Booked phone numbers are kept in their canonical 62… form.
        contact: { name: 'Siti', phone: expect.stringMatching(/^62?81234567890$/) },
      });
    });

    it('follows the office’s reminder hour, and sends none for a cancelled booking', async () => {
      const o = await office();
      await endpoint(o, ['booking.reminder']);
      expect((await putSettings(o, { nearAhead: 3, nearMinutes: 10, reminderHour: 19 })).status).toBe(200);
      const booking = await book(o);
      const scan = () => dispatcher().scanReminders(t.clock.now(), o.id);

      t.clock.set('2026-12-01T09:00:00.000Z'); // 16:00: not yet
      expect(await scan()).toBe(0);
      t.clock.set('2026-12-01T12:00:00.000Z'); // 19:00 WIB
      expect(await scan()).toBe(1);
      expect((await t.api.post(`/bookings/${booking.code}/cancel`)).status).toBe(200);
      t.clock.set('2026-12-02T01:00:00.000Z');
      expect(await scan()).toBe(0);
    });
  });

  it('tells the office’s endpoints of a supervisor alert, and never a phone', async () => {
    const o = await office();
    await endpoint(o, ['alert.raised']);
    await t.api.post(`/offices/${o.slug}/tickets`, { serviceId: o.services.A });
    t.clock.advanceMinutes(31);
    const raised = await t.app.get(AlertsService).scanOffice(o.slug);
    expect(raised.map((a) => a.kind)).toEqual(['max_wait']);
    // A second scan raises nothing new, and writes nothing new.
    await t.app.get(AlertsService).scanOffice(o.slug);
    await dispatcher().drain(undefined, o.id);

    expect(receiver.received.map((r) => r.type)).toEqual(['alert.raised']);
    expect(receiver.received[0].data).toEqual({
      office: expect.objectContaining({ id: o.id, slug: o.slug }),
      alert: { id: raised[0].id, kind: 'max_wait', subject: 'A-001', since: expect.any(String) },
    });
    const pushes = await t.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM push_deliveries d JOIN outbox o ON o.id = d.outbox_id WHERE o.office_id = $1`,
      [o.id],
    );
    expect(pushes[0].n).toBe(0);
  });

  it('tells of a complaint’s new status and the office’s reply, with the citizen’s contact and status page', async () => {
    const o = await office();
    await endpoint(o, ['complaint.updated']);
    const filed = await t.api.post<{ code: string; number: number }>(`/offices/${o.slug}/complaints`, {
      category: 'waktu',
      description: 'Antrean tidak bergerak selama satu jam penuh.',
      contactName: 'Budi',
      contact: '0812-1111-2222',
    });
    expect(filed.status).toBe(201);
    const [{ id }] = await t.db.query<{ id: string }[]>('SELECT id FROM complaints WHERE code = $1', [filed.body.code]);
    // Filing is not an update: nothing yet.
    await dispatcher().drain(undefined, o.id);
    expect(receiver.received).toHaveLength(0);

    expect((await t.api.post(`/complaints/${id}/status`, { status: 'diproses' }, o.supervisor.token)).status).toBe(200);
    expect((await t.api.post(`/complaints/${id}/reply`, { reply: 'Kami menambah petugas pada jam sibuk.' }, o.supervisor.token)).status).toBe(200);
    // A refused change writes nothing: it rolled back with the complaint.
    expect((await t.api.post(`/complaints/${id}/status`, { status: 'ditolak' }, o.supervisor.token)).body.code).toBe('reason_required');
    await dispatcher().drain(undefined, o.id);

    expect(receiver.received.map((r) => `${r.type}:${r.data.complaint.status}`)).toEqual(['complaint.updated:diproses', 'complaint.updated:diproses']);
    expect(receiver.received[1].data).toEqual({
      office: expect.objectContaining({ id: o.id }),
      complaint: { id, number: String(filed.body.number), status: 'diproses', code: filed.body.code, publicReply: 'Kami menambah petugas pada jam sibuk.' },
      link: `/pengaduan/${filed.body.code}`,
      contact: { name: 'Budi', phone: '0812-1111-2222' },
    });
  });

  describe('the office’s notification settings', () => {
    it('reads the defaults, saves a change with an audit row, and the near scan follows it', async () => {
      const o = await office();
      expect((await settingsOf(o)).body).toEqual({ nearAhead: 3, nearMinutes: 10, reminderHour: 16 });
      const saved = await putSettings(o, { nearAhead: 1, nearMinutes: 0, reminderHour: 17 });
      expect(saved).toMatchObject({ status: 200, body: { nearAhead: 1, nearMinutes: 0, reminderHour: 17 } });
      expect((await settingsOf(o)).body).toEqual({ nearAhead: 1, nearMinutes: 0, reminderHour: 17 });
      const audit = await t.db.query<{ action: string; before: unknown; after: unknown }[]>(
        `SELECT action, before, after FROM audit_log WHERE office_id = $1 AND action = 'office.notifications_updated'`,
        [o.id],
      );
      expect(audit).toEqual([
        {
          action: 'office.notifications_updated',
          before: { nearAhead: 3, nearMinutes: 10, reminderHour: 16 },
          after: { nearAhead: 1, nearMinutes: 0, reminderHour: 17 },
        },
      ]);

      await endpoint(o, ['ticket.near']);
      for (let i = 0; i < 5; i += 1) await t.api.post(`/offices/${o.slug}/tickets`, { serviceId: o.services.A });
      await dispatcher().scanNear();
      const near = await t.db.query<{ ahead: number }[]>(
        `SELECT (data->>'ahead')::int AS ahead FROM outbox WHERE office_id = $1 AND type = 'ticket.near' ORDER BY 1`,
        [o.id],
      );
      // One or fewer ahead, and no estimate rule (0 minutes): the first two tickets only.
      expect(near.map((row) => row.ahead)).toEqual([0, 1]);
    });

    it('refuses values out of range, not whole, or missing, field by field, and other roles', async () => {
      const o = await office();
      const refused = await putSettings(o, { nearAhead: 51, nearMinutes: 2.5, reminderHour: 24 });
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('validation_failed');
      expect((refused.body.details as { field: string }[]).map((d) => d.field).sort()).toEqual(['nearAhead', 'nearMinutes', 'reminderHour']);
      expect((await putSettings(o, { nearAhead: 3, nearMinutes: 10 })).status).toBe(400);
      expect((await putSettings(o, { nearAhead: '3', nearMinutes: 10, reminderHour: 16 })).status).toBe(400);
      expect((await putSettings(o, { nearAhead: -1, nearMinutes: 10, reminderHour: 16 })).status).toBe(400);
      expect((await putSettings(o, { nearAhead: 3, nearMinutes: 10, reminderHour: 16 }, o.supervisor.token)).status).toBe(403);
      expect((await settingsOf(o)).body).toEqual({ nearAhead: 3, nearMinutes: 10, reminderHour: 16 });
    });
  });
});
