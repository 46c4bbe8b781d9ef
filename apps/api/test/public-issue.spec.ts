import type { OfficeSnapshot } from '@loket/domain';
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
