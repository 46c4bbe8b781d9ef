import type { OfficeEvent, SupervisionState } from '@loket/domain';
import { OfficeEventsPublisher } from '../src/realtime/office-events.publisher.js';
import { AlertsService } from '../src/supervision/alerts.service.js';
import { SupervisionLiveState, supervisionReloads } from '../src/supervision/supervision-live-state.js';
import { SupervisionStateLoader } from '../src/supervision/supervision-state.loader.js';
import { type OfficeFixture, createOffice, createStaff } from './support/fixtures.js';
import { useTestApp } from './support/test-app.js';

/**
 * The supervision state kept by events (SupervisionLiveState): events published out of
 * order are waited for, not a reason to read the office; a lost one still ends in a read;
 * a counter opening reads only who staffs the counters.
 */
describe('supervision state kept by events', () => {
  // These tests scan when they choose (the timer is off in tests: quiet-timers.ts).
  process.env.SUPERVISION_REACT_MS = '0';
  const t = useTestApp();
  const api = t.api;
  let office: OfficeFixture;
  let live: SupervisionLiveState;
  let alerts: AlertsService;
  let publisher: OfficeEventsPublisher;
  let loader: SupervisionStateLoader;
  let loads: number;

  beforeAll(() => {
    live = t.app.get(SupervisionLiveState);
    alerts = t.app.get(AlertsService);
    publisher = t.app.get(OfficeEventsPublisher);
    loader = t.app.get(SupervisionStateLoader);
  });
  beforeEach(async () => {
    t.clock.set('2026-11-30T01:00:00.000Z');
    office = await createOffice(t, {
      services: [{ code: 'A', maxWaitMinutes: 30, serviceTimeMinutes: 10 }],
      counters: [
        { number: 1, services: ['A'] },
        { number: 2, services: ['A'] },
      ],
    });
    loads = 0;
    loader.load = (...args) => ((loads += 1), SupervisionStateLoader.prototype.load.apply(loader, args));
    // Counter 1 opens: the scan its opening starts reads the office, once.
    await api.post(`/counters/${office.counters[1]}/open`, undefined, office.officers[1].token);
    await alerts.settled();
    await live.current(office.slug, t.clock.now());
    loads = 0;
  });
  afterEach(() => {
    delete (loader as Partial<SupervisionStateLoader>).load;
    delete (publisher as Partial<OfficeEventsPublisher>).publish;
    live.gapWaitMs = 1_000;
  });

  const issue = async () => (await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A })).body;

  /** Holds back this office's next published event until `release` is called (or for good). */
  const holdNextEvent = () => {
    let held: OfficeEvent | null = null;
    publisher.publish = (officeId: string, event: OfficeEvent) => {
      if (officeId === office.id && held === null) {
        held = event;
        return;
      }
      OfficeEventsPublisher.prototype.publish.call(publisher, officeId, event);
    };
    return {
      seq: () => held?.seq,
      release: () => {
        delete (publisher as Partial<OfficeEventsPublisher>).publish;
        publisher.publish(office.id, held!);
      },
    };
  };

  /** The kept state and a fresh read of the office agree (but for the time of the read). */
  const expectSameAsFresh = async (kept: SupervisionState) => {
    const fresh = await SupervisionStateLoader.prototype.load.call(loader, office.slug, t.clock.now());
    expect(kept.office.seq).toBe(fresh.office.seq);
    expect(kept.office.waiting).toEqual(fresh.office.waiting);
    expect(kept.office.counters).toEqual(fresh.office.counters);
    expect(kept.ticketEvents).toEqual(fresh.ticketEvents);
    expect(kept.counterEvents).toEqual(fresh.counterEvents);
    expect(kept.staffing).toEqual(fresh.staffing);
  };

  it('waits for an event published after a later one, and reads nothing', async () => {
    const first = holdNextEvent();
    await issue();
    const second = await issue();
    expect(first.seq()).toBeDefined();
    const before = { ...supervisionReloads() };

    // The second event is known, the first not yet here: the scan waits for it.
    const scanned = live.current(office.slug, t.clock.now());
    first.release();
    const kept = await scanned;

    expect(kept.office.waiting.map((ticket) => ticket.id)).toContain(second.id);
    expect(loads).toBe(0);
    expect(supervisionReloads()).toEqual(before);
    await expectSameAsFresh(kept);
  });

  it('reads the office when a missing event never comes', async () => {
    live.gapWaitMs = 0;
    const lost = holdNextEvent();
    const missing = await issue();
    await issue();
    expect(lost.seq()).toBeDefined();
    const gaps = supervisionReloads().gap;

    const kept = await live.current(office.slug, t.clock.now());

    expect(loads).toBe(1);
    expect(supervisionReloads().gap).toBe(gaps + 1);
    expect(kept.office.waiting.map((ticket) => ticket.id)).toContain(missing.id);
    await expectSameAsFresh(kept);
  });

  it('reads the office when a number was announced with no event (the set-up)', async () => {
    const admin = await createStaff(t, 'admin');
    expect((await api.send('PATCH', `/admin/services/${office.services.A}`, { body: { name: 'Diubah' }, token: admin.token })).status).toBe(200);

    const kept = await live.current(office.slug, t.clock.now());

    expect(loads).toBe(1);
    expect(kept.office.services.find((service) => service.id === office.services.A)?.name).toBe('Diubah');
    await expectSameAsFresh(kept);
  });

  /** The next read of an office holds its result until `resume`; `read` resolves once it has read. */
  const gatedLoad = () => {
    let resume!: () => void;
    let done!: () => void;
    const gate = new Promise<void>((open) => (resume = open));
    const read = new Promise<void>((signal) => (done = signal));
    loader.load = async (...args) => {
      loads += 1;
      const loaded = await SupervisionStateLoader.prototype.load.apply(loader, args);
      done();
      await gate;
      return loaded;
    };
    return { read, resume };
  };

  it('reads an office again when events came during its first read, then keeps it moved on by those held meanwhile', async () => {
    // An office not kept yet: events published during its first read are not held, so it is read again.
    const other = await createOffice(t, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });
    const issueThere = () => api.post(`/offices/${other.slug}/tickets`, { serviceId: other.services.A });
    const first = gatedLoad();
    const reading = live.current(other.slug, t.clock.now());
    await first.read;
    await issueThere();
    first.resume();
    await reading;

    // Read again; while that read is on its way, two more tickets come, held by the state kept.
    const second = gatedLoad();
    const again = live.current(other.slug, t.clock.now());
    await second.read;
    await issueThere();
    await issueThere();
    second.resume();
    const kept = await again;
    expect(loads).toBe(2);

    loader.load = (...args) => ((loads += 1), SupervisionStateLoader.prototype.load.apply(loader, args));
    const fresh = await SupervisionStateLoader.prototype.load.call(loader, other.slug, t.clock.now());
    expect(kept.office.seq).toBe(fresh.office.seq);
    expect(kept.office.waiting).toEqual(fresh.office.waiting);
    expect(kept.ticketEvents).toEqual(fresh.ticketEvents);
    // What was read is kept, moved on by the events: nothing is read any more.
    expect(await live.current(other.slug, t.clock.now())).toBe(kept);
    expect(loads).toBe(2);
  });

  it('reads only who staffs the counters when one opens', async () => {
    const staffings = supervisionReloads().staffing;
    expect((await api.post(`/counters/${office.counters[2]}/open`, undefined, office.officers[2].token)).status).toBe(200);
    await alerts.settled();

    const kept = await live.current(office.slug, t.clock.now());

    expect(loads).toBe(0);
    expect(supervisionReloads().staffing).toBe(staffings + 1);
    expect(kept.staffing.find((counter) => counter.counterId === office.counters[2])?.staffId).toBe(office.officers[2].id);
    await expectSameAsFresh(kept);
  });
});
