import type { BookingView, OfficeReportView, SupervisionBookingsView } from '@loket/domain';
import { bookingSettings, createOffice, createStaff, type OfficeFixture } from './support/fixtures.js';
import { onPostgres, useTestApp } from './support/test-app.js';

// Monday 30 November 2026 in Jakarta (UTC+7); the office is open 08:00–12:00.
const jakarta = (hhmm: string) => `2026-11-30T${String(Number(hhmm.slice(0, 2)) - 7).padStart(2, '0')}:${hhmm.slice(3)}:00.000Z`;
const HOURS = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '12:00' }));
// Cancellable until the slot starts.
const SETTINGS = bookingSettings({ changeCutoffDays: 0 });

/**
 * Issue 17: the supervisor sees today's bookings per slot (booked, checked in, late, no-show)
 * and booked citizens' punctuality (called within 10 minutes of the slot); the reports count
 * bookings, check-ins, no-shows and the same punctuality per service and day, in CSV too; an
 * agency supervisor sees their agency's services only. Driven by the injected clock.
 */
describe(`booking figures for supervisors and reports on ${onPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
  const t = useTestApp();
  const api = t.api;
  let office: OfficeFixture;
  let clients = 0;

  beforeEach(async () => {
    t.clock.set(jakarta('08:00'));
    office = await createOffice(t, {
      services: [
        { code: 'A', maxWaitMinutes: 60, serviceTimeMinutes: 10 },
        { code: 'B', maxWaitMinutes: 60, serviceTimeMinutes: 10 },
        { code: 'C', maxWaitMinutes: 60, serviceTimeMinutes: 10 },
      ],
      counters: [
        { number: 1, services: ['A'] },
        { number: 2, services: ['A'] },
        { number: 3, services: ['B'] },
      ],
    });
    await t.db.query('UPDATE offices SET opening_hours = $2 WHERE id = $1', [office.id, JSON.stringify(HOURS)]);
    const admin = (await createStaff(t, 'admin')).token;
    for (const code of ['A', 'B']) {
      expect((await api.send('PUT', `/admin/services/${office.services[code]}/booking`, { body: SETTINGS, token: admin })).status).toBe(200);
    }
  });

  const book = async (service: string, startsAt: string) => {
    clients += 1;
    const reply = await api.post<BookingView>(`/offices/${office.slug}/bookings`, { serviceId: office.services[service], startsAt }, undefined, {
      'x-loket-client': `figures-client-${clients}-abcdef`,
    });
    expect(reply.status).toBe(201);
    return reply.body;
  };
  const checkIn = async (booking: BookingView) => {
    const reply = await api.post<{ late: boolean; ticket: { id: string } }>(
      `/staff/offices/${office.id}/bookings/check-in`,
      { reference: booking.reference },
      office.officers[1].token,
    );
    expect(reply.status).toBe(200);
    return reply.body;
  };
  const callNext = async (n: number) => {
    const reply = await api.post<{ id: string }>(`/counters/${office.counters[n]}/call-next`, undefined, office.officers[n].token);
    expect(reply.status).toBe(200);
    return reply.body;
  };
  const csvOf = async (query: string) => {
    const response = await fetch(`${t.url}/api/v1/offices/${office.slug}/reports/bookings.csv?${query}`, {
      headers: { authorization: `Bearer ${office.supervisor.token}` },
    });
    expect(response.status).toBe(200);
    return { text: await response.text(), disposition: response.headers.get('content-disposition') };
  };
  const bookings = (token = office.supervisor.token) => api.get<SupervisionBookingsView>(`/offices/${office.slug}/supervision/bookings`, token);

  /** The morning: A 08:30 booked and never comes; A 09:00 four booked: one called in time, one called late, one checks in late, one cancels; B 09:00 one in time. */
  async function playMorning(): Promise<void> {
    const missed = await book('A', jakarta('08:30'));
    const [early, onTime, late, cancelled] = [
      await book('A', jakarta('09:00')),
      await book('A', jakarta('09:00')),
      await book('A', jakarta('09:00')),
      await book('A', jakarta('09:00')),
    ];
    const other = await book('B', jakarta('09:00'));
    expect(missed.phase).toBe('booked');
    expect((await api.post(`/bookings/${cancelled.code}/cancel`)).status).toBe(200);

    t.clock.set(jakarta('08:50'));
    expect((await checkIn(early)).late).toBe(false);
    expect((await checkIn(other)).late).toBe(false);
    for (const n of [1, 2, 3]) expect((await api.post(`/counters/${office.counters[n]}/open`, undefined, office.officers[n].token)).status).toBe(200);
    // Nobody else waits: the early citizen is called before the slot, which is in time.
    t.clock.set(jakarta('08:55'));
    await callNext(1);
    await callNext(3);

    t.clock.set(jakarta('09:12'));
    expect((await checkIn(onTime)).late).toBe(false);
    // Past 09:10 and not yet called: a miss already.
    const midway = (await bookings()).body;
    expect(midway.services.find((s) => s.code === 'A')!.total.punctuality).toEqual({ measured: 2, within: 1, share: 0.5 });
    t.clock.set(jakarta('09:16'));
    // Past the 15-minute tolerance: a walk-in, left out of the punctuality.
    expect((await checkIn(late)).late).toBe(true);
    t.clock.set(jakarta('09:25'));
    await callNext(2);
  }

  it('shows today per service and slot: booked, checked in, late, no-show, and who was called within 10 minutes of the slot', async () => {
    // Before anything happens the services taking bookings are listed, with nothing booked; C takes none.
    const empty = await bookings();
    expect(empty.status).toBe(200);
    expect(empty.body.services.map((s) => [s.code, s.slots.length])).toEqual([
      ['A', 0],
      ['B', 0],
    ]);
    expect(empty.body).toMatchObject({ day: '2026-11-30', punctualityMinutes: 10 });

    await playMorning();
    t.clock.set(jakarta('09:40'));
    const view = (await bookings()).body;
    const [a, b] = view.services;
    expect(a.slots.map((slot) => [slot.startsAt, slot.booked, slot.checkedIn, slot.late, slot.noShows, slot.expected, slot.cancelled])).toEqual([
      [jakarta('08:30'), 1, 0, 0, 1, 0, 0],
      [jakarta('09:00'), 3, 2, 1, 0, 0, 1],
    ]);
    expect(a.total).toMatchObject({ booked: 4, checkIns: 3, noShows: 1, noShowShare: 0.25, punctuality: { measured: 2, within: 1, share: 0.5 } });
    expect(b.total).toMatchObject({ booked: 1, checkedIn: 1, punctuality: { measured: 1, within: 1, share: 1 } });
    expect(view.total).toMatchObject({ booked: 5, checkIns: 4, noShows: 1, punctuality: { measured: 3, within: 2 } });

    // An officer may not read it.
    expect((await bookings(office.officers[1].token)).status).toBe(403);
  });

  it('reports bookings, check-ins, no-show share and punctuality per service and day, on screen and in CSV', async () => {
    await playMorning();
    // The next day: the morning is past, and whoever was still expected was a no-show.
    t.clock.set('2026-12-01T03:00:00.000Z');
    const report = await api.get<OfficeReportView>(`/offices/${office.slug}/reports?preset=day&date=2026-11-30`, office.supervisor.token);
    expect(report.status).toBe(200);
    expect(report.body.bookings.rows.map((row) => [row.day, row.code, row.booked, row.checkIns, row.late, row.noShows, row.cancelled])).toEqual([
      ['2026-11-30', 'A', 4, 3, 1, 1, 1],
      ['2026-11-30', 'B', 1, 1, 0, 0, 0],
    ]);
    expect(report.body.bookings.rows[0]).toMatchObject({ noShowShare: 0.25, punctuality: { measured: 2, within: 1, share: 0.5 } });
    expect(report.body.bookings.total).toMatchObject({ booked: 5, punctuality: { measured: 3, within: 2 } });
    // Another day has none.
    const before = await api.get<OfficeReportView>(`/offices/${office.slug}/reports?preset=day&date=2026-11-27`, office.supervisor.token);
    expect(before.body.bookings.rows).toEqual([]);

    const csv = await csvOf('preset=day&date=2026-11-30&lang=en');
    expect(csv.disposition).toBe(`attachment; filename="report-${office.slug}-booking-2026-11-30.csv"`);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Day,Service code,Service,Bookings,Check-ins,Late check-ins (served as walk-ins),No-shows,No-shows (%),Cancelled by the citizen,' +
        'Called within 10 min of the slot: measured,Called within 10 min of the slot,Called within 10 min of the slot (%)',
    );
    expect(lines.slice(1)).toEqual([
      '2026-11-30,A,Layanan A,4,3,1,1,25,1,2,1,50',
      '2026-11-30,B,Layanan B,1,1,0,0,0,0,1,1,100',
      ',,Whole office,5,4,1,1,20,1,3,2,66.67',
    ]);
    const id = await csvOf('preset=day&date=2026-11-30');
    expect(id.text.split('\r\n')[1]).toBe('2026-11-30;A;Layanan A;4;3;1;1;25;1;2;1;50');
  });

  it('gives an agency supervisor their agency’s services only, on screen and in the report', async () => {
    const admin = (await createStaff(t, 'admin')).token;
    const samsat = await api.post<{ id: string }>(`/admin/offices/${office.id}/agencies`, { name: 'Samsat', shortName: 'Samsat', color: '#15803d' }, admin);
    expect(samsat.status).toBe(201);
    expect((await api.send('PATCH', `/admin/services/${office.services.B}`, { body: { agencyId: samsat.body.id }, token: admin })).status).toBe(200);
    const [row] = await t.db.query<{ id: string }[]>(
      `INSERT INTO staff (username, name, role, password_hash, created_at, agency_id) VALUES ($1, 'Supervisor Samsat', 'supervisor', 'no-login', $2, $3) RETURNING id`,
      [`spv-samsat-${office.slug}`, t.clock.now(), samsat.body.id],
    );
    await t.db.query('INSERT INTO staff_offices (staff_id, office_id) VALUES ($1, $2)', [row.id, office.id]);
    const agencyToken = await t.jwt.signAsync({ sub: row.id, role: 'supervisor', ver: 0 });

    await playMorning();
    t.clock.set(jakarta('09:40'));
    const narrowed = (await bookings(agencyToken)).body;
    expect(narrowed.services.map((s) => s.code)).toEqual(['B']);
    expect(narrowed.total).toMatchObject({ booked: 1, punctuality: { measured: 1, within: 1 } });
    expect(JSON.stringify(narrowed)).not.toContain(office.services.A);
    const whole = (await bookings()).body;
    expect(whole.services.map((s) => s.code)).toEqual(['A', 'B']);

    const report = (await api.get<OfficeReportView>(`/offices/${office.slug}/reports?preset=day`, agencyToken)).body;
    expect(report.bookings.rows.map((r) => r.code)).toEqual(['B']);
    expect(report.bookings.total.booked).toBe(1);
  });
});
