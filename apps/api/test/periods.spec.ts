import { randomBytes } from 'node:crypto';
import { type OfficeFixture, createOffice } from './support/fixtures.js';
import { useTestApp } from './support/test-app.js';

/**
 * Every date and time a caller may send the API is bounded, so none reaches date
 * arithmetic or the database out of range: a far-future report period was a 500 (a
 * RangeError, issue 13).
 */
describe('dates and periods the API is sent', () => {
  const t = useTestApp();
  const api = t.api;
  let office: OfficeFixture;
  let admin: string;

  beforeAll(async () => {
    office = await createOffice(t, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });
    const [row] = await t.db.query<{ id: string }[]>(
      `INSERT INTO staff (username, name, role, password_hash, created_at) VALUES ($1, 'Admin Uji', 'admin', 'no-login', $2) RETURNING id`,
      [`admin-${randomBytes(4).toString('hex')}`, t.clock.now()],
    );
    admin = await t.jwt.signAsync({ sub: row.id, role: 'admin' });
  });

  it.each([
    'from=9999-12-30&to=9999-12-31',
    'from=2026-11-30&to=9999-12-31',
    'from=0001-01-01&to=0001-01-31',
    'from=0000-01-01&to=0000-01-02',
    'date=9999-12-31',
    'preset=week&date=9999-12-31',
    'preset=month&date=0001-01-15',
    'date=0000-03-01',
  ])('refuses the report period %s with 400 invalid_period, in the view and the CSV', async (query) => {
    for (const path of [`/offices/${office.slug}/reports?${query}`, `/offices/${office.slug}/reports/services.csv?${query}`]) {
      const reply = await api.get(path, office.supervisor.token);
      expect([path, reply.status, reply.body?.code]).toEqual([path, 400, 'invalid_period']);
      expect(reply.body.message).toContain('outside the days a report covers: between 2000-01-01 and 2099-12-31');
    }
  });

  it('still reports a period at the edges of the range', async () => {
    for (const query of ['from=2000-01-01&to=2000-01-31', 'from=2099-12-01&to=2099-12-31', 'preset=month&date=2099-12-31']) {
      const reply = await api.get(`/offices/${office.slug}/reports?${query}`, office.supervisor.token);
      expect([query, reply.status]).toEqual([query, 200]);
    }
  });

  it.each([
    'from=9999-12-31T00:00:00Z',
    'to=0000-01-01T00:00:00Z',
    'from=0001-01-01T00:00:00Z',
    'from=2026-W48-1',
    'from=2026-334',
    'to=2026-11-30T10:00:00+25:00',
  ])('refuses the audit trail bound %s with 400 validation_failed', async (query) => {
    const reply = await api.get(`/audit?${query}`, admin);
    expect([query, reply.status, reply.body?.code]).toEqual([query, 400, 'validation_failed']);
  });

  it('still pages the audit trail between plain instants', async () => {
    const reply = await api.get(`/audit?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00%2B07:00`, admin);
    expect(reply.status).toBe(200);
  });
});
