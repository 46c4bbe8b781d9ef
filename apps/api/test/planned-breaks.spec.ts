import type { AdminCounterView, CounterScheduleDay, SupervisionSnapshot } from '@loket/domain';
import { type OfficeFixture, createOffice, createStaff } from './support/fixtures.js';
import { useTestApp } from './support/test-app.js';

/**
 * A counter's planned breaks (issue 16): set by the admin, refused when they do not fit, and
 * seen by the supervisor's break figures and by the wait forecast over a day driven across
 * the midday ishoma with the injected clock.
 */
describe('planned breaks: the admin sets them, the supervisor and the forecast see them', () => {
  // No finish's scan a second later, when the window is already open (none on its timer in tests: quiet-timers.ts).
  process.env.SUPERVISION_REACT_MS = '0';
  const t = useTestApp();
  const api = t.api;
  let office: OfficeFixture;
  let admin: string;
  // Monday 30 November 2026, 11:30 in Jakarta (UTC+7).
  const start = '2026-11-30T04:30:00.000Z';
  const monday = (breaks: CounterScheduleDay['breaks']): CounterScheduleDay[] => [{ weekday: 1, opens: '08:00', closes: '15:00', breaks }];

  beforeEach(async () => {
    t.clock.set(start);
    office = await createOffice(t, {
      services: [{ code: 'A', maxWaitMinutes: 180, serviceTimeMinutes: 10 }],
      counters: [
        { number: 1, services: ['A'] },
        { number: 2, services: ['A'] },
      ],
    });
    admin = (await createStaff(t, 'admin', [office.id])).token;
  });

  const patchSchedule = (n: number, schedule: unknown) => api.send('PATCH', `/admin/counters/${office.counters[n]}`, { body: { schedule }, token: admin });
  const counters = async () => (await api.get<AdminCounterView[]>(`/admin/offices/${office.id}/counters`, admin)).body;
  const auditCount = async () => Number((await t.db.query<{ n: string }[]>('SELECT count(*) AS n FROM audit_log'))[0].n);

  it('refuses a break outside the hours or overlapping another with a stable code, and changes nothing', async () => {
    const before = { counters: await counters(), audit: await auditCount() };
    const outside = await patchSchedule(1, monday([{ from: '14:30', to: '15:30' }]));
    expect(outside.status).toBe(400);
    expect(outside.body).toMatchObject({ code: 'break_outside_hours', details: [{ field: 'schedule.0.breaks.0' }] });
    const overlapping = await patchSchedule(
      1,
      monday([
        { from: '12:00', to: '13:00' },
        { from: '12:30', to: '12:45' },
      ]),
    );
    expect(overlapping.status).toBe(400);
    expect(overlapping.body).toMatchObject({ code: 'breaks_overlap', details: [{ field: 'schedule.0.breaks.1' }] });
    const malformed = await patchSchedule(1, monday([{ from: '12:00', to: '25:00' }]));
    expect(malformed.body).toMatchObject({ statusCode: 400, code: 'validation_failed' });
    const unknownField = await patchSchedule(1, monday([{ from: '12:00', to: '13:00', paid: true } as never]));
    expect(unknownField.status).toBe(400);
    expect({ counters: await counters(), audit: await auditCount() }).toEqual(before);

    const saved = await patchSchedule(1, monday([{ from: '12:00', to: '13:00' }]));
    expect(saved.status).toBe(200);
    expect(saved.body.schedule).toEqual(monday([{ from: '12:00', to: '13:00' }]));
  });

  it('drives a day across the ishoma: no overrun for the planned hour, the overrun beyond it, no idle in it, and a forecast that waits for it', async () => {
    for (const n of [1, 2]) expect((await patchSchedule(n, monday([{ from: '12:00', to: '13:00' }]))).status).toBe(200);
    const tickets = [];
    for (let i = 0; i < 6; i += 1) tickets.push((await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A })).body);
    for (const n of [1, 2]) expect((await api.post(`/counters/${office.counters[n]}/open`, undefined, office.officers[n].token)).status).toBe(200);

    const newTicketWait = async () =>
      ((await api.get(`/offices/${office.slug}/services`)).body as { estimatedWaitMinutes: number | null }[])[0].estimatedWaitMinutes;
    const track = async (ticket: { trackingCode: string }) => (await api.get(`/tickets/track/${ticket.trackingCode}`)).body.estimatedWaitMinutes;
    const figures = async () => {
      const snapshot = (await api.get<SupervisionSnapshot>(`/offices/${office.slug}/supervision`, office.supervisor.token)).body;
      const byNumber = new Map(snapshot.figures.counters.map((counter) => [counter.number, counter]));
      return { snapshot, one: byNumber.get(1)!, two: byNumber.get(2)! };
    };

    // 11:30. Each counter takes three of the six (11:30, 11:41, 11:52) and is free at 12:03, inside the break:
    // a new ticket is called when the break ends at 13:00, 90 minutes on; without the break it would be 33. The point is the
    // replays' median, one replay's own figure: 90 too, never a time inside the break.
    expect(await newTicketWait()).toBe(90);
    // The last of the six is called third at Loket 2: 22 minutes on in the plain play, 25 as the replays' median.
    expect(await track(tickets[5])).toBe(25);
    expect((await figures()).snapshot.figures.services[0].estimatedWaitMinutes).toBe(90);

    // 12:00: Loket 1 goes on its ishoma; Loket 2's officer stays at the open desk over the break, calling nobody.
    t.clock.advanceMinutes(30);
    expect((await api.post(`/counters/${office.counters[1]}/pause`, { reason: 'ishoma' }, office.officers[1].token)).status).toBe(200);
    t.clock.advanceMinutes(30);

    // 12:30: both are expected back at 13:00; the six then take 11 minutes each at two counters: a new ticket 63 minutes on
    // in the plain play, 58 as the replays' median (drawn, a service takes less than its mean as often as not).
    expect(await track(tickets[0])).toBe(30);
    expect(await newTicketWait()).toBe(58);
    const half = await figures();
    expect(half.snapshot.figures.services[0].estimatedWaitMinutes).toBe(58);
    expect(half.one).toMatchObject({ state: 'paused', currentPauseAllowedMinutes: 60, breakOverrunMinutes: 0 });
    // Idle while people waited from 11:30 to 12:00 only: the planned break is no idle time.
    expect(half.two).toMatchObject({ state: 'open', idleWhileWaitingMinutes: 30, idleSince: null });

    // 13:10: Loket 1 comes back ten minutes after its planned hour; Loket 2 has been idle again since 13:00.
    t.clock.advanceMinutes(40);
    expect((await api.post(`/counters/${office.counters[1]}/resume`, undefined, office.officers[1].token)).status).toBe(200);
    const after = await figures();
    expect(after.one).toMatchObject({ state: 'open', breakOverrunMinutes: 10 });
    expect(after.two.idleWhileWaitingMinutes).toBe(40);
    expect(after.two.idleSince).toBe(Date.parse('2026-11-30T06:00:00.000Z'));
    const today = (await api.get('/staff/me/today', office.officers[1].token)).body;
    expect(today).toMatchObject({ breakOverrunMinutes: 10 });
  });
});
