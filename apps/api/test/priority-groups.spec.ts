import { PRIORITY_CATEGORIES, type TicketView } from '@loket/domain';
import { PriorityGroupsAsTheLawNames1764960000000 } from '../src/database/migrations/1764960000000-priority-groups-as-the-law-names.js';
import { createOffice, type OfficeFixture } from './support/fixtures.js';
import { useTestApp } from './support/test-app.js';

describe('the priority groups are the six the law names (UU 25/2009 Pasal 29, issue 19)', () => {
  const t = useTestApp();
  let office: OfficeFixture;

  beforeAll(async () => {
    office = await createOffice(t, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });
  });

  const issue = (priority: string) => t.api.post<TicketView>(`/offices/${office.slug}/tickets`, { serviceId: office.services.A, priority });
  const storedPriorities = async (ids: string[]) =>
    (await t.db.query<{ priority: string }[]>(`SELECT priority FROM tickets WHERE id = ANY($1::uuid[]) ORDER BY number`, [ids])).map((row) => row.priority);

  it('issues a ticket for each of the six groups, and refuses the old codes with a 400 naming the field', async () => {
    for (const priority of PRIORITY_CATEGORIES) expect((await issue(priority)).status).toBe(201);
    for (const old of ['ibu_hamil', 'anak_balita', 'korban_bencana']) {
      const reply = await issue(old);
      expect(reply.status).toBe(400);
      expect(JSON.stringify(reply.body)).toContain('priority');
    }
  });

  it('renames tickets stored under the old codes, and puts them back on the way down', async () => {
    const ids = [];
    for (const priority of ['wanita_hamil', 'anak_anak', 'korban_bencana_sosial', 'lanjut_usia']) ids.push((await issue(priority)).body.id);
    const migration = new PriorityGroupsAsTheLawNames1764960000000();
    // One runner at a time: on PGlite the pool is one connection, which a held runner keeps.
    const run = async (step: 'up' | 'down') => {
      const runner = t.db.createQueryRunner();
      try {
        await migration[step](runner);
      } finally {
        await runner.release();
      }
    };
    await run('down');
    expect(await storedPriorities(ids)).toEqual(['ibu_hamil', 'anak_balita', 'korban_bencana', 'lanjut_usia']);
    await run('up');
    // The old single disaster group becomes the natural-disaster group it was read as.
    expect(await storedPriorities(ids)).toEqual(['wanita_hamil', 'anak_anak', 'korban_bencana_alam', 'lanjut_usia']);
    await expect(t.db.query(`UPDATE tickets SET priority = 'ibu_hamil' WHERE id = $1`, [ids[0]])).rejects.toThrow(/tickets_priority_check/);
  });
});
