import { createOffice } from './support/fixtures.js';
import { onPostgres, useTestApp } from './support/test-app.js';

/**
 * Call-next skips a ticket another counter is claiming (`SKIP LOCKED`), and nothing else.
 * Writing a row that refers to a ticket (an alert the scan raises about it, an event, a
 * checklist answer) holds a KEY SHARE lock on the ticket while its statement runs: a claim
 * locking FOR UPDATE would see that as "being claimed" and call the next one instead, so
 * the most overdue ticket, the one the alert is about, would be passed over. This held
 * lock is what the alert scan's insert holds; only PostgreSQL runs two transactions at
 * once (PGlite's one connection runs them in turn), so only there can the test hold it.
 */
(onPostgres ? describe : describe.skip)('call-next beside a row being written about a ticket', () => {
  const t = useTestApp();

  it('calls the ticket first in line though an alert about it is being written', async () => {
    const office = await createOffice(t, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });
    const token = office.officers[1].token;
    const first = (await t.api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A })).body;
    t.clock.advanceMinutes(1);
    const second = (await t.api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A })).body;
    expect([first.status, second.status]).toEqual(['waiting', 'waiting']);
    expect((await t.api.post(`/counters/${office.counters[1]}/open`, undefined, token)).status).toBe(200);

    const writer = t.db.createQueryRunner();
    await writer.connect();
    try {
      await writer.startTransaction();
      // What the foreign key check of `INSERT INTO supervision_alerts (..., ticket_id)` takes.
      await writer.query('SELECT id FROM tickets WHERE id = $1 FOR KEY SHARE', [first.id]);
      const reply = await t.api.post(`/counters/${office.counters[1]}/call-next`, undefined, token);
      expect([reply.status, reply.body.id]).toEqual([200, first.id]);
    } finally {
      await writer.rollbackTransaction();
      await writer.release();
    }
  });
});
