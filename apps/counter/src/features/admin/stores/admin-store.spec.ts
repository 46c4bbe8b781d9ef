import { jest } from '@jest/globals';
import { createPinia, setActivePinia } from 'pinia';
import type { AdminServiceView } from '@loket/domain';
import { adminApi } from '../admin-api';
import { useAdminStore } from './admin-store';

const service = (id: string, officeId: string): AdminServiceView => ({ id, officeId, code: 'A', sortOrder: 1 }) as AdminServiceView;

describe('the admin store', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => jest.restoreAllMocks());

  it('shows none of the office left while the chosen one loads, and no row of another office after', async () => {
    const store = useAdminStore();
    store.officeId = 'north';
    store.services = [service('n-a', 'north')];
    let answer: (rows: AdminServiceView[]) => void = () => undefined;
    jest.spyOn(adminApi, 'services').mockReturnValue(new Promise((done) => (answer = done)));
    for (const call of ['agencies', 'zones', 'counters', 'checklists'] as const) jest.spyOn(adminApi, call).mockResolvedValue([]);

    const choosing = store.chooseOffice('south');
    // North's rows leave at once: an edit cannot reach a service of the office just left.
    expect(store.services).toEqual([]);
    // North's save answers late: it is not a row of south.
    store.keep.service(service('n-a', 'north'));
    expect(store.services).toEqual([]);

    answer([service('s-a', 'south')]);
    await choosing;
    store.keep.service({ ...service('s-a', 'south'), sortOrder: 2 });
    expect(store.services.map((row) => [row.id, row.sortOrder])).toEqual([['s-a', 2]]);
  });
});
