import { createPinia, setActivePinia } from 'pinia';
import { REGIONAL_RULES, type RegionalOfficeRow, type RegionalSnapshot, regionalFailures } from '@loket/domain';
import { useRegionalStore } from './regional-store';

const at = Date.parse('2026-11-30T02:00:00.000Z');

function row(id: string, seq: number, overrides: Partial<RegionalOfficeRow> = {}): RegionalOfficeRow {
  const base: Omit<RegionalOfficeRow, 'failing'> = {
    office: { id, slug: id, name: `Kantor ${id}`, timeZone: 'Asia/Jakarta' },
    seq,
    at,
    open: true,
    waitingNow: 0,
    longestWait: null,
    countersOpen: 1,
    countersScheduled: 1,
    withinStandardShare: null,
    measuredWaits: 0,
    ikm: null,
    openAlerts: 0,
    ...overrides,
  };
  return { ...base, failing: regionalFailures(base) };
}

const snapshot = (rows: RegionalOfficeRow[]): RegionalSnapshot => ({ rows, period: { from: '2026-07-01', to: '2026-12-31' }, rules: REGIONAL_RULES });

describe('the regional dashboard’s store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('moves an office’s row as it arrives and puts a failing office first', () => {
    const store = useRegionalStore();
    store.hydrate(snapshot([row('a', 3), row('b', 7)]));
    expect(store.failing).toBe(0);
    store.apply(row('b', 8, { waitingNow: 4, openAlerts: 1 }));
    expect(store.rows.map((r) => [r.office.id, r.waitingNow])).toEqual([
      ['b', 4],
      ['a', 0],
    ]);
    expect(store.failing).toBe(1);
    // An older row of b (another instance's, late) changes nothing.
    store.apply(row('b', 7));
    expect(store.rows[0]).toMatchObject({ office: { id: 'b' }, seq: 8, waitingNow: 4 });
  });

  it('keeps a row that came before a fresh snapshot when it is newer than the snapshot’s own', () => {
    const store = useRegionalStore();
    store.hydrate(snapshot([row('a', 3), row('b', 7)]));
    store.apply(row('a', 5, { waitingNow: 2 }));
    // The snapshot asked for on a reconnect was read before that row.
    store.hydrate(snapshot([row('a', 4, { waitingNow: 1 }), row('b', 7)]));
    expect(store.rows.find((r) => r.office.id === 'a')).toMatchObject({ seq: 5, waitingNow: 2 });
  });
});
