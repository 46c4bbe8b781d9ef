import { createPinia, setActivePinia } from 'pinia';
import { newIdempotencyKey, useKioskStore } from './kiosk-store';
import { stubFetch } from './fetch-stub';
import { service } from './test-fixtures';

const A = service('svc-a', 'A');
const issued = { id: 't-1', number: 'A-001', trackingCode: 'ABCDE-FGHJK-MNPQR-STUVW', status: 'waiting' };

describe('useKioskStore', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('takes a priority ticket in two taps, sending the category and an idempotency key', async () => {
    const requests = stubFetch([{ status: 201, body: issued }]);
    const kiosk = useKioskStore();

    kiosk.chooseService(A);
    expect(kiosk.step).toBe('priority');
    const ticket = await kiosk.take('kantor', 'lanjut_usia');

    expect(ticket?.number).toBe('A-001');
    expect(kiosk.step).toBe('ticket');
    expect(requests[0]).toMatchObject({ url: '/api/v1/offices/kantor/tickets', method: 'POST', body: { serviceId: 'svc-a', priority: 'lanjut_usia' } });
    expect(requests[0].headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('goes back from the priority question to the agency and search it came from, and starting over forgets both', () => {
    const kiosk = useKioskStore();
    kiosk.chooseAgency('samsat');
    kiosk.search('pajak');
    kiosk.chooseService(A);
    expect(kiosk.step).toBe('priority');

    kiosk.back();
    expect(kiosk).toMatchObject({ step: 'service', agencyId: 'samsat', query: 'pajak', service: null });
    kiosk.chooseAgency(null);
    expect(kiosk.query).toBe('');
    kiosk.chooseAgency('imigrasi');
    kiosk.start();
    expect(kiosk).toMatchObject({ agencyId: null, query: '' });
  });

  it('checks a booking in by its reference and shows the ticket it became; a late one says so, and starting over forgets it', async () => {
    const requests = stubFetch([
      { status: 409, body: { statusCode: 409, error: 'Conflict', message: 'x', code: 'already_checked_in' } },
      { status: 200, body: { reference: 'BK-7Q4M', late: true, ticket: issued } },
    ]);
    const kiosk = useKioskStore();
    kiosk.openBooking();
    expect(kiosk.step).toBe('booking');

    expect(await kiosk.checkIn('kantor', 'bk 7q4m')).toBeNull();
    expect(kiosk.refusal).toBe('already_checked_in');
    expect(kiosk.step).toBe('booking');
    const ticket = await kiosk.checkIn('kantor', 'BK-7Q4M');

    expect(ticket?.number).toBe('A-001');
    expect(kiosk.step).toBe('ticket');
    expect(kiosk.lateCheckIn).toBe(true);
    expect(requests[1]).toMatchObject({ url: '/api/v1/offices/kantor/bookings/check-in', method: 'POST', body: { reference: 'BK-7Q4M' } });
    kiosk.start();
    expect(kiosk.lateCheckIn).toBe(false);
  });

  it('checks in the booking whose QR the camera read, by the reference its code gives, and refuses another office’s', async () => {
    const code = '7Q4MA-BCDEF-GHJKM-NPQRS';
    const requests = stubFetch([
      { status: 200, body: { code, reference: 'BK-9XYZ', officeSlug: 'kantor-lain' } },
      { status: 200, body: { code, reference: 'BK-7Q4M', officeSlug: 'kantor' } },
      { status: 200, body: { reference: 'BK-7Q4M', late: false, ticket: issued } },
    ]);
    const kiosk = useKioskStore();
    kiosk.openBooking();

    expect(await kiosk.checkInScanned('kantor', code)).toBeNull();
    expect(kiosk.refusal).toBe('wrong_office');
    expect(kiosk.step).toBe('booking');
    const ticket = await kiosk.checkInScanned('kantor', code);

    expect(ticket?.number).toBe('A-001');
    expect(kiosk.step).toBe('ticket');
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET /api/v1/bookings/${code}`,
      `GET /api/v1/bookings/${code}`,
      'POST /api/v1/offices/kantor/bookings/check-in',
    ]);
    expect(requests[2].body).toEqual({ reference: 'BK-7Q4M' });
  });

  it('closes the "Apa yang perlu saya bawa?" panel when the kiosk starts over, so the next citizen sees the list', () => {
    const kiosk = useKioskStore();
    kiosk.showInfo(A);
    expect(kiosk.infoFor?.id).toBe('svc-a');

    kiosk.start();

    expect(kiosk.infoFor).toBeNull();
    expect(kiosk.step).toBe('service');
  });

  it('retries a failed tap with the same key, so the API never issues two tickets', async () => {
    const requests = stubFetch(['network-error', { status: 201, body: issued }]);
    const kiosk = useKioskStore();
    kiosk.chooseService(A);

    expect(await kiosk.take('kantor', null)).toBeNull();
    expect(kiosk.error).toBe('network');
    expect(kiosk.refusal).toBeNull();
    expect(kiosk.step).toBe('priority');
    await kiosk.take('kantor', null);

    expect(requests).toHaveLength(2);
    expect(requests[1].headers['idempotency-key']).toBe(requests[0].headers['idempotency-key']);
    expect(requests[1].body).toEqual({ serviceId: 'svc-a' });
  });

  it('ignores a second tap while the first is on its way', async () => {
    const requests = stubFetch([{ status: 201, body: issued }]);
    const kiosk = useKioskStore();
    kiosk.chooseService(A);

    const [first, second] = await Promise.all([kiosk.take('kantor', null), kiosk.take('kantor', null)]);

    expect(first?.number).toBe('A-001');
    expect(second).toBeNull();
    expect(requests).toHaveLength(1);
  });

  it('uses a new key for the next citizen', async () => {
    const requests = stubFetch([
      { status: 201, body: issued },
      { status: 201, body: { ...issued, number: 'A-002' } },
    ]);
    const kiosk = useKioskStore();
    kiosk.chooseService(A);
    await kiosk.take('kantor', null);
    kiosk.start();
    kiosk.chooseService(A);
    await kiosk.take('kantor', null);

    expect(requests[1].headers['idempotency-key']).not.toBe(requests[0].headers['idempotency-key']);
  });

  it('explains a full quota, and never lets a closed or full service be chosen', async () => {
    stubFetch([{ status: 409, body: { statusCode: 409, error: 'Conflict', message: 'full', code: 'quota_reached' } }]);
    const kiosk = useKioskStore();

    kiosk.chooseService(service('svc-x', 'X', { quotaReached: true }));
    kiosk.chooseService(service('svc-y', 'Y', { active: false }));
    expect(kiosk.step).toBe('service');

    kiosk.chooseService(A);
    await kiosk.take('kantor', null);
    expect(kiosk.error).toBe('quota');
    expect(kiosk.refusal).toBe('quota_reached');
  });

  it('keeps when a closed office opens again, and forgets it when the kiosk starts over', async () => {
    const details = { opensAt: '2026-12-07T01:00:00.000Z', reason: 'holiday', reasonText: 'Cuti bersama' };
    stubFetch([{ status: 409, body: { statusCode: 409, error: 'Conflict', message: 'closed', code: 'office_closed', details } }]);
    const kiosk = useKioskStore();

    kiosk.chooseService(A);
    await kiosk.take('kantor', null);
    expect(kiosk.ticket).toBeNull();
    expect(kiosk.refusal).toBe('office_closed');
    expect(kiosk.closed).toEqual(details);
    kiosk.start();
    expect(kiosk.closed).toBeNull();
  });

  it('keeps the chosen paper width', () => {
    const kiosk = useKioskStore();
    kiosk.setPaperWidth(58);
    expect(kiosk.paperWidth).toBe(58);
  });

  it('makes UUID keys even where crypto.randomUUID is missing (plain http on the office LAN)', () => {
    const original = crypto.randomUUID;
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      const keys = new Set(Array.from({ length: 100 }, () => newIdempotencyKey()));
      expect(keys.size).toBe(100);
      for (const key of keys) expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { value: original, configurable: true });
    }
  });
});
