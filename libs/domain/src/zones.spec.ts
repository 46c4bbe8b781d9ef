import { agencyView, callView, counterView, officeSnapshot, serviceView, ticketView, zoneView } from './testing/index.js';
import { assertZoneMembers, boardSelection, boardShowsCall, findZone, zoneSlug } from './zones.js';

/**
 * A building of three agencies on two floors: Dukcapil (services A, K; counters 1–3) and
 * Samsat (service S; counters 11–12) on the ground floor, Imigrasi (service P; counter 21)
 * upstairs, where one Samsat counter (12) also sits.
 */
function building() {
  const ground = zoneView({ id: 'z-ground', name: 'Lantai 1 – Zona A', slug: 'lantai-1-zona-a', agencyIds: ['dukcapil'], counterIds: ['c11'] });
  const upstairs = zoneView({ id: 'z-up', name: 'Lantai 2', slug: 'lantai-2', agencyIds: ['imigrasi'], counterIds: ['c12'] });
  return officeSnapshot({
    agencies: [
      agencyView({ id: 'dukcapil', shortName: 'Dukcapil' }),
      agencyView({ id: 'samsat', shortName: 'Samsat' }),
      agencyView({ id: 'imigrasi', shortName: 'Imigrasi' }),
    ],
    zones: [ground, upstairs],
    services: [
      serviceView({ id: 'svc-a', code: 'A', agencyId: 'dukcapil' }),
      serviceView({ id: 'svc-k', code: 'K', agencyId: 'dukcapil' }),
      serviceView({ id: 'svc-s', code: 'S', agencyId: 'samsat' }),
      serviceView({ id: 'svc-p', code: 'P', agencyId: 'imigrasi' }),
      serviceView({ id: 'svc-x', code: 'X', agencyId: 'imigrasi', active: false }),
    ],
    counters: [
      counterView({ id: 'c1', number: 1, agencyId: 'dukcapil', serviceIds: ['svc-a'] }),
      counterView({ id: 'c2', number: 2, agencyId: 'dukcapil', serviceIds: ['svc-a', 'svc-k'] }),
      counterView({ id: 'c3', number: 3, agencyId: 'dukcapil', serviceIds: ['svc-k'] }),
      counterView({ id: 'c11', number: 11, agencyId: 'samsat', serviceIds: ['svc-s'] }),
      counterView({ id: 'c12', number: 12, agencyId: 'samsat', serviceIds: ['svc-s'] }),
      counterView({ id: 'c21', number: 21, agencyId: 'imigrasi', serviceIds: ['svc-p'] }),
    ],
  });
}

const ids = (set: ReadonlySet<string>) => [...set].sort();
const shown = (selection: ReturnType<typeof boardSelection>) => {
  if (!selection.found) throw new Error(`unknown ${selection.unknown}`);
  return { services: ids(selection.serviceIds), counters: ids(selection.counterIds) };
};

describe('zones', () => {
  it('makes a board address of a zone name: lower case, accents and dashes folded', () => {
    expect(zoneSlug('Lantai 1 – Zona A')).toBe('lantai-1-zona-a');
    expect(zoneSlug('  Ruang Tunggu  Utara ')).toBe('ruang-tunggu-utara');
    expect(zoneSlug('Zona Pelayanan Terpadu (Timur)')).toBe('zona-pelayanan-terpadu-timur');
    expect(zoneSlug('Lantai 1 - Zona A')).toBe(zoneSlug('lantai 1 zona a'));
  });

  it('finds a zone by id, by slug, or by its name as typed, and nothing for an unknown one', () => {
    const { zones } = building();
    expect(findZone(zones, 'z-up')?.name).toBe('Lantai 2');
    expect(findZone(zones, 'lantai-1-zona-a')?.id).toBe('z-ground');
    expect(findZone(zones, 'LANTAI 1 – Zona A')?.id).toBe('z-ground');
    expect(findZone(zones, 'lantai-3')).toBeNull();
    expect(findZone(zones, ' ')).toBeNull();
  });

  it('covers the counters of its agencies and those named one by one, and the services they serve', () => {
    const office = building();
    expect(shown(boardSelection(office, { zone: 'lantai-1-zona-a' }))).toEqual({ services: ['svc-a', 'svc-k', 'svc-s'], counters: ['c1', 'c11', 'c2', 'c3'] });
    // Upstairs: Imigrasi's counter and the Samsat counter that sits there; not Imigrasi's inactive service.
    expect(shown(boardSelection(office, { zone: 'z-up' }))).toEqual({ services: ['svc-p', 'svc-s'], counters: ['c12', 'c21'] });
    // A counter added to an agency later joins its zone without the zone being edited.
    office.counters.push(counterView({ id: 'c4', number: 4, agencyId: 'dukcapil', serviceIds: ['svc-a'] }));
    expect(shown(boardSelection(office, { zone: 'lantai-1-zona-a' })).counters).toContain('c4');
  });

  it('shows the whole building by default, and narrows a zone further by service code and counter number', () => {
    const office = building();
    expect(shown(boardSelection(office, {})).counters).toHaveLength(6);
    expect(shown(boardSelection(office, {})).services).toEqual(['svc-a', 'svc-k', 'svc-p', 'svc-s']);
    expect(shown(boardSelection(office, { zone: 'lantai-1-zona-a', services: ['K'] }))).toEqual({ services: ['svc-k'], counters: ['c2', 'c3'] });
    expect(shown(boardSelection(office, { zone: 'lantai-1-zona-a', counters: [1, 21] })).counters).toEqual(['c1']);
    expect(shown(boardSelection(office, { agency: 'samsat' }))).toEqual({ services: ['svc-s'], counters: ['c11', 'c12'] });
  });

  it('says a zone or agency is unknown rather than showing the whole building', () => {
    const office = building();
    expect(boardSelection(office, { zone: 'lantai-9' })).toEqual({ found: false, unknown: 'zone', reference: 'lantai-9' });
    expect(boardSelection(office, { agency: 'Pajak' })).toEqual({ found: false, unknown: 'agency', reference: 'Pajak' });
    const none = boardSelection(office, { zone: 'lantai-9' });
    expect(boardShowsCall(none, { counterId: 'c1', serviceId: 'svc-a' })).toBe(false);
  });

  it('shows and says only the calls to its own counters', () => {
    const office = building();
    const ground = boardSelection(office, { zone: 'lantai-1-zona-a' });
    const up = boardSelection(office, { zone: 'lantai-2' });
    const atOne = callView(ticketView({ id: 't1', serviceId: 'svc-a', counterId: 'c1' }), { id: 'c1', number: 1 });
    const atTwelve = callView(ticketView({ id: 't2', serviceId: 'svc-s', counterId: 'c12' }), { id: 'c12', number: 12 });
    const atEleven = callView(ticketView({ id: 't3', serviceId: 'svc-s', counterId: 'c11' }), { id: 'c11', number: 11 });
    expect([atOne, atTwelve, atEleven].map((call) => boardShowsCall(ground, call))).toEqual([true, false, true]);
    expect([atOne, atTwelve, atEleven].map((call) => boardShowsCall(up, call))).toEqual([false, true, false]);
    expect([atOne, atTwelve, atEleven].every((call) => boardShowsCall(boardSelection(office, {}), call))).toBe(true);
  });

  it('refuses a zone of nothing, or naming another office’s agencies or counters', () => {
    const office = { agencyIds: new Set(['dukcapil']), counterIds: new Set(['c1', 'c2']) };
    expect(() => assertZoneMembers({ agencyIds: ['dukcapil'], counterIds: ['c2'] }, office)).not.toThrow();
    expect(() => assertZoneMembers({ agencyIds: [], counterIds: [] }, office)).toThrow(expect.objectContaining({ code: 'zone_empty' }));
    expect(() => assertZoneMembers({ agencyIds: [], counterIds: ['c1', 'c-elsewhere'] }, office)).toThrow(
      expect.objectContaining({ code: 'zone_outside_office', details: [{ field: 'counterIds', problems: ['not counters of this office: c-elsewhere'] }] }),
    );
    expect(() => assertZoneMembers({ agencyIds: ['pajak'], counterIds: [] }, office)).toThrow(expect.objectContaining({ code: 'zone_outside_office' }));
  });
});
