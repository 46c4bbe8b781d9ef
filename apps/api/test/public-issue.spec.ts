import { KIOSK_TOKEN_HEADER, type KioskSettingsView, type OfficeSnapshot, type PairedKioskView, type TrackedTicketView } from '@loket/domain';
import { defaultRateLimits } from '../src/rate-limit/rate-limit-config.js';
import { createOffice, type OfficeFixture } from './support/fixtures.js';
import { useTestApp } from './support/test-app.js';

describe('a cross-site form cannot change anything (issue 13, defect 7)', () => {
  const t = useTestApp();
  let office: OfficeFixture;

  beforeAll(async () => {
    office = await createOffice(t, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });
  });

  const post = (path: string, contentType: string, body: string) =>
    fetch(`${t.url}/api/v1${path}`, { method: 'POST', headers: { 'content-type': contentType, origin: 'https://evil.example' }, body });

  it('refuses a form post (urlencoded, multipart, text/plain) to the issue route with 415, and issues nothing', async () => {
    const forms: [string, string][] = [
      ['application/x-www-form-urlencoded', `serviceId=${office.services.A}`],
      ['multipart/form-data; boundary=x', `--x\r\nContent-Disposition: form-data; name="serviceId"\r\n\r\n${office.services.A}\r\n--x--\r\n`],
      ['text/plain', `{"serviceId":"${office.services.A}","x":"="}`],
    ];
    for (const [type, body] of forms) {
      const reply = await post(`/offices/${office.slug}/tickets`, type, body);
      expect(reply.status).toBe(415);
      expect(await reply.json()).toMatchObject({ statusCode: 415, code: 'unsupported_media_type' });
    }
    expect(((await t.api.get(`/offices/${office.slug}/board`)).body as OfficeSnapshot).waiting).toEqual([]);
    // A JSON body, and a request without one, go on as before.
    expect((await t.api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A })).status).toBe(201);
    expect((await t.api.post(`/counters/${office.counters[1]}/open`, undefined, office.officers[1].token)).status).toBe(200);
  });

  it('refuses a form post to the other state-changing routes too (a citizen cancel, a staff login)', async () => {
    expect((await post(`/tickets/track/ABCDE-FGHJK-MNPQR-STUVW/cancel`, 'application/x-www-form-urlencoded', '')).status).toBe(415);
    expect((await post(`/auth/login`, 'application/x-www-form-urlencoded', 'username=admin&password=x')).status).toBe(415);
  });
});

describe('kiosks issue as their office’s paired device; anonymous clients are limited or refused (issue 13, defect 7)', () => {
  const t = useTestApp({ rateLimits: defaultRateLimits(true, `loket:rl:test-${process.pid}:`) });
  let office: OfficeFixture;
  let other: OfficeFixture;
  let admin: string;

  beforeAll(async () => {
    office = await createOffice(t, { services: [{ code: 'A', dailyQuota: 30 }], counters: [{ number: 1, services: ['A'] }] });
    other = await createOffice(t, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });
    const [row] = await t.db.query<{ id: string }[]>(
      `INSERT INTO staff (username, name, role, password_hash, created_at) VALUES ($1, 'Admin', 'admin', 'x', now()) RETURNING id`,
      [`admin-${office.slug}`],
    );
    admin = await t.jwt.signAsync({ sub: row.id, role: 'admin' });
  });

  const issue = (slug: string, serviceId: string, address: string, token?: string) =>
    t.api.post(`/offices/${slug}/tickets`, { serviceId }, undefined, { 'x-forwarded-for': address, ...(token ? { [KIOSK_TOKEN_HEADER]: token } : {}) });
  const pair = async (target: OfficeFixture, name: string) => {
    const reply = await t.api.post<PairedKioskView>(`/admin/offices/${target.id}/kiosks`, { name }, admin);
    expect(reply.status).toBe(201);
    return reply.body;
  };

  it('pairs a kiosk once from admin: its token is shown then, never listed, and issues past the anonymous limit', async () => {
    const kiosk = await pair(office, 'Kios pintu utama');
    expect(kiosk.token).toMatch(/^[A-Z0-9]{5}(-[A-Z0-9]{5}){3}$/);
    const settings = (await t.api.get<KioskSettingsView>(`/admin/offices/${office.id}/kiosks`, admin)).body;
    expect(settings).toMatchObject({ anonymousIssue: true, kiosks: [{ id: kiosk.id, name: 'Kios pintu utama', revokedAt: null }] });
    expect(JSON.stringify(settings)).not.toContain(kiosk.token);
    for (let n = 0; n < 6; n += 1) expect((await issue(office.slug, office.services.A, '10.60.0.1', kiosk.token)).status).toBe(201);
    // The supervisor may not pair kiosks.
    expect((await t.api.post(`/admin/offices/${office.id}/kiosks`, { name: 'x' }, office.supervisor.token)).status).toBe(403);
  });

  it('limits an anonymous client to a few tickets per address and office, well below any quota', async () => {
    const statuses: number[] = [];
    for (let n = 0; n < 5; n += 1) statuses.push((await issue(office.slug, office.services.A, '10.60.0.2')).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    const refused = await issue(office.slug, office.services.A, '10.60.0.2');
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'rate_limited' });
    // Another address, and the same address at another office, are counted apart.
    expect((await issue(office.slug, office.services.A, '10.60.0.3')).status).toBe(201);
    expect((await issue(other.slug, other.services.A, '10.60.0.2')).status).toBe(201);
  });

  it('refuses a revoked token, an unknown one and another office’s with 401 kiosk_not_paired', async () => {
    const kiosk = await pair(office, 'Kios lama');
    expect((await issue(office.slug, office.services.A, '10.60.0.4', kiosk.token)).status).toBe(201);
    expect((await t.api.post(`/admin/kiosks/${kiosk.id}/revoke`, undefined, admin)).body).toMatchObject({ id: kiosk.id, revokedAt: expect.any(String) });
    for (const [slug, serviceId, token] of [
      [office.slug, office.services.A, kiosk.token],
      [office.slug, office.services.A, 'ABCDE-FGHJK-MNPQR-STUVW'],
      [other.slug, other.services.A, (await pair(office, 'Kios kantor lain')).token],
      [office.slug, office.services.A, 'not a token'],
    ]) {
      const reply = await issue(slug, serviceId, '10.60.0.4', token);
      expect(reply.status).toBe(401);
      expect(reply.body).toMatchObject({ code: 'kiosk_not_paired' });
    }
  });

  it('lets an office turn anonymous issuing off: only its paired kiosks issue then', async () => {
    const kiosk = await pair(office, 'Kios loket');
    const off = await t.api.send('PUT', `/admin/offices/${office.id}/kiosk-settings`, { body: { anonymousIssue: false }, token: admin });
    expect(off.body).toMatchObject({ anonymousIssue: false });
    const anonymous = await issue(office.slug, office.services.A, '10.60.0.5');
    expect(anonymous.status).toBe(403);
    expect(anonymous.body).toMatchObject({ code: 'anonymous_issue_off' });
    expect((await issue(office.slug, office.services.A, '10.60.0.5', kiosk.token)).status).toBe(201);
    // Another office keeps its own choice.
    expect((await issue(other.slug, other.services.A, '10.60.0.5')).status).toBe(201);
  });

  it('binds an Idempotency-Key to its client: another client presenting it never gets that ticket (issue 13, hardening)', async () => {
    const send = (address: string, userAgent: string, key: string, token?: string) =>
      t.api.post<TrackedTicketView>(`/offices/${other.slug}/tickets`, { serviceId: other.services.A }, undefined, {
        'x-forwarded-for': address,
        'user-agent': userAgent,
        'idempotency-key': key,
        ...(token ? { [KIOSK_TOKEN_HEADER]: token } : {}),
      });
    const same = (reply: { body: TrackedTicketView }) => ({ id: reply.body.id, trackingCode: reply.body.trackingCode });

    // An anonymous client (an address and a browser): its own retry gets its ticket back.
    const phone = await send('10.61.0.1', 'Ponsel A', 'tap-1');
    expect(phone.status).toBe(201);
    expect(same(await send('10.61.0.1', 'Ponsel A', 'tap-1'))).toEqual(same(phone));
    // Another address, or another browser behind the same address, gets a ticket of its own.
    for (const [address, userAgent] of [
      ['10.61.0.2', 'Ponsel A'],
      ['10.61.0.1', 'Ponsel B'],
    ]) {
      const stranger = await send(address, userAgent, 'tap-1');
      expect(stranger.status).toBe(201);
      expect(stranger.body.id).not.toBe(phone.body.id);
      expect(stranger.body.trackingCode).not.toBe(phone.body.trackingCode);
    }

    // A paired kiosk's key belongs to the device, wherever its retry comes from.
    const kiosk = await pair(other, 'Kios lobi');
    const fromKiosk = await send('10.61.0.3', 'Kios', 'kiosk-tap-1', kiosk.token);
    expect(fromKiosk.status).toBe(201);
    expect(same(await send('10.61.0.4', 'Kios (versi baru)', 'kiosk-tap-1', kiosk.token))).toEqual(same(fromKiosk));
    // The same address and browser without its token, or another kiosk, does not get it.
    const secondKiosk = await pair(other, 'Kios lantai 2');
    for (const token of [undefined, secondKiosk.token]) {
      const stranger = await send('10.61.0.3', 'Kios', 'kiosk-tap-1', token);
      expect(stranger.status).toBe(201);
      expect(stranger.body.trackingCode).not.toBe(fromKiosk.body.trackingCode);
    }
  });
});
