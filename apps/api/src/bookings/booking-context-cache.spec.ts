import { ManualClock } from '../clock/clock.js';
import { OfficeChanges } from '../offices/office-changes.js';
import { BookingContextCache } from './booking-context-cache.js';
import type { BookingContextRow } from './bookings.repository.js';

const OFFICE = 'office-1';
const SERVICE = 'service-a';

function context(name: string, officeId = OFFICE, serviceId = SERVICE): BookingContextRow {
  return {
    office_id: officeId,
    slug: 'kantor',
    office_name: name,
    address: '',
    time_zone: 'Asia/Jakarta',
    opening_hours: [],
    bookings_per_person: 1,
    anonymous_issue: true,
    own_days: [],
    closures: [],
    services: [
      {
        service_id: serviceId,
        service_code: 'A',
        service_name: 'A',
        service_active: true,
        max_wait_minutes: 30,
        daily_quota: null,
        requirements: [],
        booking_settings: {},
        counters: [],
      },
    ],
  };
}

/** Loads the test finishes by hand. */
function manualLoads() {
  const pending: ((value: BookingContextRow | undefined) => void)[] = [];
  let started = 0;
  return {
    get started() {
      return started;
    },
    finish: (value: BookingContextRow | undefined) => pending.shift()!(value),
    load: () => {
      started += 1;
      return new Promise<BookingContextRow | undefined>((resolve) => pending.push(resolve));
    },
  };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('BookingContextCache', () => {
  let changes: OfficeChanges;
  let clock: ManualClock;
  let cache: BookingContextCache;
  beforeEach(() => {
    changes = new OfficeChanges();
    clock = new ManualClock();
    cache = new BookingContextCache(changes, clock);
    cache.maxAgeMs = 60_000;
  });

  it('shares one read among the callers meanwhile and keeps it while nothing changed', async () => {
    const loads = manualLoads();
    const first = cache.read('kantor', SERVICE, loads.load);
    const second = cache.read('kantor', SERVICE, loads.load);
    loads.finish(context('v1'));
    await expect(Promise.all([first, second])).resolves.toEqual([context('v1'), context('v1')]);
    await settle();
    await expect(cache.read('kantor', SERVICE, loads.load)).resolves.toEqual(context('v1'));
    expect(loads.started).toBe(1);
  });

  it('reads again after a change of its office is announced, or a booking setting changed here, but not after another office’s', async () => {
    const loads = manualLoads();
    let reads = 0;
    const read = async () => {
      const answer = cache.read('kantor', SERVICE, loads.load);
      if (loads.started > reads) loads.finish(context(`v${loads.started}`));
      reads = loads.started;
      return (await answer)!.office_name;
    };
    expect(await read()).toBe('v1');
    await settle();
    changes.announce('office-2', 5);
    expect(await read()).toBe('v1');
    changes.announce(OFFICE, 6);
    expect(await read()).toBe('v2');
    await settle();
    cache.changed(OFFICE);
    expect(await read()).toBe('v3');
  });

  it('keeps nobody a read that ran across a change of its office', async () => {
    const loads = manualLoads();
    const first = cache.read('kantor', SERVICE, loads.load);
    loads.finish(context('v1'));
    await first;
    await settle();
    cache.changed(OFFICE);
    const during = cache.read('kantor', SERVICE, loads.load);
    changes.announce(OFFICE, 7);
    const after = cache.read('kantor', SERVICE, loads.load);
    expect(loads.started).toBe(3);
    loads.finish(context('old'));
    loads.finish(context('new'));
    expect((await during)!.office_name).toBe('old');
    expect((await after)!.office_name).toBe('new');
  });

  it('reads again once older than its age, on the real clock or the API clock', async () => {
    const loads = manualLoads();
    const first = cache.read('kantor', SERVICE, loads.load);
    loads.finish(context('v1'));
    await first;
    await settle();
    clock.advanceMinutes(2);
    void cache.read('kantor', SERVICE, loads.load);
    expect(loads.started).toBe(2);
  });

  it('keeps no context of an unknown office or service', async () => {
    const loads = manualLoads();
    const unknown = cache.read('nowhere', SERVICE, loads.load);
    loads.finish(undefined);
    await unknown;
    const other = cache.read('kantor', 'service-x', loads.load);
    loads.finish(context('v1'));
    await other;
    await settle();
    void cache.read('nowhere', SERVICE, loads.load);
    void cache.read('kantor', 'service-x', loads.load);
    expect(loads.started).toBe(4);
  });
});
