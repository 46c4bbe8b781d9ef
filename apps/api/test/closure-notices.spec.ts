import type { AdminCalendarView, BookingView, OfficeClosedNotificationData, TrackedTicketView } from '@loket/domain';
import { bookingSettings, createOffice, createStaff, type OfficeFixture } from './support/fixtures.js';
import { useTestApp } from './support/test-app.js';

// Monday to Friday 08:00–12:00 in Jakarta; bookings in 30-minute slots.
const HOURS = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '12:00' }));
const BOOKING = bookingSettings({ seatsPerSlot: 2 });
const REASON = 'Gangguan jaringan, layanan dihentikan sementara';

interface NoticeRow {
  subject_key: string;
  data: OfficeClosedNotificationData;
}

describe('closing over citizens waiting or booked asks first, then tells each of them (issue 16)', () => {
  const t = useTestApp();
  let office: OfficeFixture;
  let admin: string;
  let endpointId: string;

  beforeAll(async () => {
    t.clock.set('2026-11-30T01:00:00.000Z'); // Monday 08:00 WIB
    office = await createOffice(t, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });
    await t.db.query(`UPDATE offices SET opening_hours = $2 WHERE id = $1`, [office.id, JSON.stringify(HOURS)]);
    admin = (await createStaff(t, 'admin', [office.id])).token;
    expect((await t.api.send('PUT', `/admin/services/${office.services.A}/booking`, { body: BOOKING, token: admin })).status).toBe(200);
    const endpoint = await t.api.post(
      `/admin/offices/${office.id}/webhooks`,
      { url: 'https://gateway.example/loket', events: ['office.closed_unexpectedly'] },
      admin,
    );
    expect(endpoint.status).toBe(201);
    endpointId = endpoint.body.id;
  });

  const book = async (startsAt: string, name: string) => {
    const reply = await t.api.post<BookingView>(
      `/offices/${office.slug}/bookings`,
      { serviceId: office.services.A, startsAt, name, phone: '0812-1111-2222' },
      undefined,
      {
        'x-loket-client': `client-${name}`,
      },
    );
    expect(reply.status).toBe(201);
    return reply.body;
  };
  const issue = async () => {
    const reply = await t.api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A });
    expect(reply.status).toBe(201);
    return reply.body as TrackedTicketView;
  };
  const notices = () =>
    t.db.query<NoticeRow[]>(`SELECT subject_key, data FROM outbox WHERE office_id = $1 AND type = 'office.closed_unexpectedly' ORDER BY id`, [office.id]);
  const deliveries = async () =>
    (await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1`, [endpointId]))[0].n;

  let tomorrow: BookingView;

  it('refuses a closure naming how many wait and how many are booked, writes nothing, and once confirmed tells each one and shows it on their pages', async () => {
    t.clock.set('2026-12-01T01:30:00.000Z'); // Tuesday 08:30 WIB
    const booked = await book('2026-12-01T03:00:00.000Z', 'Siti'); // today 10:00, inside the closure
    tomorrow = await book('2026-12-02T02:00:00.000Z', 'Budi'); // Wednesday 09:00, outside it
    const [first, second] = [await issue(), await issue()];

    const body = { endsAt: '2026-12-01T04:00:00.000Z', reason: REASON };
    const unconfirmed = await t.api.post(`/admin/offices/${office.id}/calendar/closures`, body, admin);
    expect(unconfirmed.status).toBe(409);
    expect(unconfirmed.body).toMatchObject({ code: 'closure_needs_confirmation', details: { waiting: 2, bookings: 1 } });
    expect(await notices()).toEqual([]);
    expect(((await t.api.get(`/admin/offices/${office.id}/calendar`, admin)).body as AdminCalendarView).closures).toEqual([]);

    const closed = await t.api.post(`/admin/offices/${office.id}/calendar/closures`, { ...body, confirm: true }, admin);
    expect(closed.status).toBe(201);

    // One notice per citizen stranded, in the closing transaction, each fanned out to the endpoint.
    const rows = await notices();
    expect(rows).toHaveLength(3);
    expect(rows.map((row) => row.subject_key).filter((key) => key.startsWith('ticket:'))).toEqual(
      expect.arrayContaining([`ticket:${first.id}`, `ticket:${second.id}`]),
    );
    const forTicket = rows.find((row) => row.subject_key === `ticket:${first.id}`)!.data;
    expect(forTicket).toMatchObject({
      from: '2026-12-01T01:30:00.000Z',
      to: body.endsAt,
      reason: REASON,
      office: { id: office.id, slug: office.slug },
      service: { code: 'A' },
      ticket: { id: first.id, number: 'A-001', trackingCode: first.trackingCode },
      booking: null,
      link: `/t/${first.trackingCode}`,
      contact: null,
    });
    const forBooking = rows.find((row) => row.data.booking !== null)!;
    expect(forBooking.subject_key).toBe(`booking:${forBooking.data.booking!.id}`);
    expect(forBooking.data).toMatchObject({
      ticket: null,
      booking: { code: booked.code, reference: booked.reference, day: '2026-12-01' },
      link: `/b/${booked.code}`,
      contact: { name: 'Siti', phone: expect.any(String) },
    });
    expect(await deliveries()).toBe(3);

    // The phone pages say so, with the reason.
    const notice = { startsAt: '2026-12-01T01:30:00.000Z', endsAt: body.endsAt, reason: REASON };
    expect(((await t.api.get(`/tickets/track/${second.trackingCode}`)).body as TrackedTicketView).officeClosure).toEqual(notice);
    expect(((await t.api.get(`/bookings/${booked.code}`)).body as BookingView).closure).toEqual(notice);
    expect(((await t.api.get(`/bookings/${tomorrow.code}`)).body as BookingView).closure).toBeNull();
  });

  it('asks before an own holiday on a booked day, then tells the booked citizen; a day nobody is booked on needs no asking', async () => {
    const day = { day: '2026-12-02', kind: 'holiday', name: 'Hari jadi kota' };
    const unconfirmed = await t.api.post(`/admin/offices/${office.id}/calendar/days`, day, admin);
    expect(unconfirmed.status).toBe(409);
    // Tomorrow's holiday strands none of today's waiting tickets, only tomorrow's booking.
    expect(unconfirmed.body).toMatchObject({ code: 'closure_needs_confirmation', details: { waiting: 0, bookings: 1 } });
    const before = (await notices()).length;

    expect((await t.api.post(`/admin/offices/${office.id}/calendar/days`, { ...day, confirm: true }, admin)).status).toBe(201);
    const added = (await notices()).slice(before);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      subject_key: `booking:${added[0].data.booking!.id}`,
      data: { reason: 'Hari jadi kota', booking: { code: tomorrow.code }, from: '2026-12-01T17:00:00.000Z', to: '2026-12-02T17:00:00.000Z' },
    });
    expect(((await t.api.get(`/bookings/${tomorrow.code}`)).body as BookingView).closure).toEqual({
      startsAt: '2026-12-01T17:00:00.000Z',
      endsAt: '2026-12-02T17:00:00.000Z',
      reason: 'Hari jadi kota',
    });

    expect((await t.api.post(`/admin/offices/${office.id}/calendar/days`, { day: '2026-12-03', kind: 'holiday', name: 'Rapat kerja' }, admin)).status).toBe(
      201,
    );
    expect((await notices()).length).toBe(before + 1);
  });
});
