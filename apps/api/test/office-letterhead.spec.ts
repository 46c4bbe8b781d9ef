import { randomBytes } from 'node:crypto';
import type { OfficeReportView, OfficeView, TrackedTicketView } from '@loket/domain';
import { createStaff, useOffice } from './support/fixtures.js';
import { useTestApp } from './support/test-app.js';

/**
 * The office's letterhead: its street address (printed on the ticket slip) and the place
 * its letters are signed in (the report's signature block: "Kota Harapan, 30 November 2026").
 */
describe('office letterhead: address and place on the slip and the report', () => {
  const t = useTestApp();
  const api = t.api;
  const office = useOffice(t, { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] });
  const ADDRESS = 'Jl. Merdeka No. 1, Kel. Sukamaju, Kota Harapan 40111';

  beforeEach(() => t.clock.set('2026-11-30T01:30:00.000Z'));

  it('keeps the address and the place an admin gives, trimmed; an office without them has empty ones', async () => {
    const admin = await createStaff(t, 'admin');
    const slug = `kop-${randomBytes(4).toString('hex')}`;
    const body = { name: 'Kantor Kop', slug, timeZone: 'Asia/Jakarta', openingHours: [], priorityMaxWaitMinutes: 10 };
    const bare = await api.post<OfficeView>('/admin/offices', body, admin.token);
    expect(bare.status).toBe(201);
    expect(bare.body).toMatchObject({ address: '', city: '' });

    const changed = await api.send<OfficeView>('PATCH', `/admin/offices/${bare.body.id}`, {
      body: { address: `  ${ADDRESS} `, city: ' Kota Harapan ' },
      token: admin.token,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Kantor Kop', address: ADDRESS, city: 'Kota Harapan' });
    expect((await api.get<OfficeView[]>('/admin/offices', admin.token)).body.find((o) => o.id === bare.body.id)).toMatchObject({ city: 'Kota Harapan' });

    const created = await api.post<OfficeView>('/admin/offices', { ...body, slug: `${slug}-2`, address: ADDRESS, city: 'Makassar' }, admin.token);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ address: ADDRESS, city: 'Makassar' });
  });

  it('refuses an address or a place that is too long, not text, or carries control characters, naming the field', async () => {
    const admin = await createStaff(t, 'admin');
    const cases: [Record<string, unknown>, string][] = [
      [{ address: 'x'.repeat(201) }, 'address'],
      [{ address: 12 }, 'address'],
      [{ address: 'Jl. Merdeka\u0000 1' }, 'address'],
      [{ city: 'x'.repeat(61) }, 'city'],
      [{ city: ['Bandung'] }, 'city'],
      [{ city: 'Kota\nHarapan' }, 'city'],
    ];
    for (const [change, field] of cases) {
      const reply = await api.send<{ code: string; message: string; details?: { field: string }[] }>('PATCH', `/admin/offices/${office.id}`, {
        body: change,
        token: admin.token,
      });
      expect([field, reply.status]).toEqual([field, 400]);
      expect((reply.body.details ?? []).some((d) => d.field === field) || reply.body.message.includes(field)).toBe(true);
    }
  });

  it('gives the ticket its office address and the report its office place', async () => {
    await t.db.query('UPDATE offices SET address = $2, city = $3 WHERE id = $1', [office.id, ADDRESS, 'Kota Harapan']);
    const issued = await api.post<TrackedTicketView>(`/offices/${office.slug}/tickets`, { serviceId: office.services.A });
    expect(issued.status).toBe(201);
    expect(issued.body.officeAddress).toBe(ADDRESS);
    const tracked = await api.get<TrackedTicketView>(`/tickets/track/${issued.body.trackingCode}`);
    expect(tracked.body.officeAddress).toBe(ADDRESS);
    const report = await api.get<OfficeReportView>(`/offices/${office.slug}/reports?preset=day`, office.supervisor.token);
    expect(report.status).toBe(200);
    expect(report.body.office).toMatchObject({ slug: office.slug, address: ADDRESS, city: 'Kota Harapan' });
  });
});
