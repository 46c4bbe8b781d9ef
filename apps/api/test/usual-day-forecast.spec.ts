import { ARRIVAL_PROFILE } from '@loket/domain';
import { DataSource } from 'typeorm';
import { ForecastInputRepository } from '../src/forecast/forecast-input.repository.js';
import { OfficesService } from '../src/offices/offices.service.js';
import { type OfficeFixture, createOffice } from './support/fixtures.js';
import { backgroundSettled, queriesDuring } from './support/query-log.js';
import { useTestApp } from './support/test-app.js';

/**
 * The forecast foresees arrivals by the office's usual day (libs/domain `arrivalProfile`), learnt
 * from the same weekdays back, at today's level; read once per office and day.
 */
describe('the forecast’s usual day of arrivals', () => {
  const t = useTestApp();
  const api = t.api;
  let office: OfficeFixture;

  beforeEach(async () => {
    t.clock.set('2026-11-09T00:00:00.000Z');
    office = await createOffice(t, {
      services: [
        { code: 'A', maxWaitMinutes: 60, serviceTimeMinutes: 10 },
        { code: 'B', maxWaitMinutes: 30, serviceTimeMinutes: 5 },
      ],
      counters: [{ number: 1, services: ['A', 'B'] }],
    });
  });

  /** Three A tickets at 08:05, 08:10 and 08:15 (WIB) on `day`. */
  const morning = async (day: string) => {
    for (const minute of [5, 10, 15]) {
      t.clock.set(`${day}T01:${String(minute).padStart(2, '0')}:00.000Z`);
      expect((await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A })).status).toBe(201);
    }
  };
  // A repository of the test's own, so its cache holds only what the test read (the app's forecast reads on issue too).
  let repository: ForecastInputRepository;
  beforeEach(() => {
    repository = new ForecastInputRepository(t.app.get(DataSource));
  });
  const read = async (iso: string) => {
    t.clock.set(iso);
    const entity = await t.app.get(OfficesService).bySlug(office.slug);
    return repository.read(entity, t.clock.now());
  };
  const historyRead = (statements: string[]) => statements.filter((sql) => sql.includes('ANY($2::date[])')).length;

  it('carries today’s rate forward while the office has no history', async () => {
    await morning('2026-11-30');
    const input = await read('2026-11-30T01:20:00.000Z');
    expect(input.arrivalSchedule).toBeUndefined();
    expect(input.arrivalsPerMinute![office.services.A].regular).toBeCloseTo(3 / 30, 12);
  });

  it('follows the same weekdays back, slot by slot, at today’s level', async () => {
    for (const monday of ['2026-11-09', '2026-11-16', '2026-11-23']) await morning(monday);
    // A Tuesday's tickets at 09:00 are not a Monday's.
    t.clock.set('2026-11-24T02:00:00.000Z');
    for (let i = 0; i < 5; i += 1) await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.B });
    await morning('2026-11-30');

    const input = await read('2026-11-30T01:20:00.000Z');
    const schedule = input.arrivalSchedule!;
    const eight = Date.parse('2026-11-30T01:00:00.000Z');
    expect(schedule[0].from).toBe(Date.parse('2026-11-30T01:20:00.000Z'));
    expect(schedule[1].from).toBe(eight + 30 * 60_000);
    // Usually 3 A tickets in 08:00–08:30; over the window (07:50–08:20) 2 are usual and 3 came: the level is (3 + prior) ÷ (2 + prior).
    const level = (3 + ARRIVAL_PROFILE.levelPrior) / (2 + ARRIVAL_PROFILE.levelPrior);
    expect(schedule[0].rates[office.services.A].regular).toBeCloseTo((3 / 30) * level, 12);
    // Usually nobody after 08:30, of either service, and no B at 09:00 on a Monday.
    expect(schedule.slice(1).every((step) => Object.values(step.rates).every((rate) => rate.regular === 0 && rate.priority === 0))).toBe(true);
    // Today's own rate is still read (the replays weigh how sure it is).
    expect(input.arrivalsPerMinute![office.services.A].regular).toBeCloseTo(3 / 30, 12);
  });

  it('reads the history once per office and day', async () => {
    for (const monday of ['2026-11-09', '2026-11-16', '2026-11-23']) await morning(monday);
    await morning('2026-11-30');
    await backgroundSettled(t);
    expect(historyRead(await queriesDuring(t, () => read('2026-11-30T01:20:00.000Z')))).toBe(2);
    expect(historyRead(await queriesDuring(t, () => read('2026-11-30T01:40:00.000Z')))).toBe(0);
    // The next day has a history of its own weekday (none here: Tuesdays had no tickets).
    const statements = await queriesDuring(t, async () => expect((await read('2026-12-01T01:20:00.000Z')).arrivalSchedule).toBeUndefined());
    expect(historyRead(statements)).toBe(2);
  });
});
