import { randomBytes } from 'node:crypto';
import { bookingSettings, createOffice, createStaff } from './support/fixtures.js';
import { client } from './support/http.js';
import { onPostgres, useTwoInstances } from './support/test-app.js';

const WED_0900 = '2026-12-02T02:00:00.000Z';

// Two API instances need a shared database, so this runs on PostgreSQL only (CI runs both).
(onPostgres ? describe : describe.skip)('booking the last seat from two API instances', () => {
  const instances = useTwoInstances();

  it('gives the last seat to exactly one of 200 attempts split over both instances', async () => {
    const { a, b } = instances;
    const office = await createOffice(a, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });
    const hours = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '12:00' }));
    await a.db.query('UPDATE offices SET opening_hours = $2 WHERE id = $1', [office.id, JSON.stringify(hours)]);
    const admin = (await createStaff(a, 'admin')).token;
    const settings = bookingSettings({ seatsPerSlot: 3 });
    expect((await client(a.url).send('PUT', `/admin/services/${office.services.A}/booking`, { body: settings, token: admin })).status).toBe(200);
    // Two seats taken already: one left.
    for (let i = 0; i < 2; i += 1) {
      const reply = await client(b.url).post(`/offices/${office.slug}/bookings`, { serviceId: office.services.A, startsAt: WED_0900 }, undefined, {
        'x-loket-client': randomBytes(12).toString('hex'),
      });
      expect(reply.status).toBe(201);
    }

    const replies = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        client((i % 2 === 0 ? a : b).url).post(`/offices/${office.slug}/bookings`, { serviceId: office.services.A, startsAt: WED_0900 }, undefined, {
          'x-loket-client': randomBytes(12).toString('hex'),
        }),
      ),
    );

    expect(replies.filter((reply) => reply.status === 201)).toHaveLength(1);
    expect(replies.filter((reply) => reply.status !== 201).every((reply) => reply.status === 409 && reply.body.code === 'slot_full')).toBe(true);
    const [{ count }] = await a.db.query(`SELECT count(*)::int AS count FROM bookings WHERE service_id = $1 AND status = 'booked'`, [office.services.A]);
    expect(count).toBe(3);
  }, 120_000);
});
