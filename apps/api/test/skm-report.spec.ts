import { type OfficeFixture, createOffice } from './support/fixtures.js';
import { useTestApp } from './support/test-app.js';

const GOOD = { u1: 4, u2: 3, u3: 3, u4: 4, u5: 3, u6: 4, u7: 4, u8: 2, u9: 3 };

describe('the SKM respondent profile, suggestions and semester/year tables', () => {
  // Monday 30 November 2026, 08:00 WIB.
  const t = useTestApp({ start: '2026-11-30T01:00:00.000Z' });
  const api = t.api;
  let office: OfficeFixture;

  beforeAll(async () => {
    office = await createOffice(t, { services: [{ code: 'A' }, { code: 'B' }], counters: [{ number: 1, services: ['A', 'B'] }] });
    expect((await api.post(`/counters/${office.counters[1]}/open`, undefined, office.officers[1].token)).status).toBe(200);
  });

  const officer = () => office.officers[1].token;
  async function doneTicket(service: 'A' | 'B'): Promise<string> {
    const ticket = (await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services[service] })).body;
    expect((await api.post(`/counters/${office.counters[1]}/call-next`, undefined, officer())).body.id).toBe(ticket.id);
    expect((await api.post(`/tickets/${ticket.id}/start`, undefined, officer())).status).toBe(200);
    expect((await api.post(`/tickets/${ticket.id}/finish`, undefined, officer())).status).toBe(200);
    return ticket.trackingCode;
  }
  const submit = (code: string, body: object) => api.post(`/tickets/track/${code}/survey`, body);

  it('serves each element’s question in the regulation’s wording', async () => {
    const elements = (await api.get('/surveys/elements')).body;
    expect(elements[0].question).toBe('Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?');
    expect(elements[7]).toMatchObject({ code: 'u8', question: 'Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?' });
  });

  it('refuses a profile outside the regulation’s categories and a suggestion too long, writing nothing', async () => {
    const code = await doneTicket('A');
    for (const [body, field] of [
      [{ ...GOOD, gender: 'lainnya' }, 'gender'],
      [{ ...GOOD, ageBand: '25' }, 'ageBand'],
      [{ ...GOOD, education: 'sma', occupation: 'astronaut' }, 'occupation'],
      // The category before the questionnaire was checked; a D4 is S1 now.
      [{ ...GOOD, education: 'd4_s1' }, 'education'],
      [{ ...GOOD, suggestion: 'x'.repeat(1001) }, 'suggestion'],
      [{ ...GOOD, suggestion: 'ok\u0000' }, 'suggestion'],
    ] as const) {
      const refused = await submit(code, body);
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('validation_failed');
      expect(refused.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM satisfaction_surveys WHERE office_id = $1`, [office.id]);
    expect(count).toBe(0);
    // The profile is optional: the nine answers alone are a response.
    expect((await submit(code, GOOD)).status).toBe(201);
  });

  it('tabulates the profile and lists the suggestions as written, over a semester and a year', async () => {
    const first = await doneTicket('A');
    expect(
      (
        await submit(first, {
          ...GOOD,
          gender: 'perempuan',
          ageBand: '30_39',
          education: 's1',
          occupation: 'swasta',
          suggestion: '<i>Tambah kursi</i>\n=SUM(A1)',
        })
      ).status,
    ).toBe(201);
    const second = await doneTicket('B');
    expect((await submit(second, { ...GOOD, u1: 2, gender: 'laki_laki', suggestion: '   ' })).status).toBe(201);

    const semester = await api.get(`/offices/${office.slug}/reports/skm?preset=semester`, office.supervisor.token);
    expect(semester.status).toBe(200);
    expect(semester.body.period).toEqual({ preset: 'semester', from: '2026-07-01', to: '2026-12-31' });
    expect(semester.body.total).toMatchObject({ responses: 3, served: 3, sampleSize: 3, sampleReached: true });
    expect(semester.body.services.map((s: { code: string; satisfaction: { responses: number } }) => [s.code, s.satisfaction.responses])).toEqual([
      ['A', 2],
      ['B', 1],
    ]);
    const gender = semester.body.profile.find((table: { field: string }) => table.field === 'gender');
    expect(gender).toEqual({
      field: 'gender',
      counts: [
        { category: 'laki_laki', count: 1 },
        { category: 'perempuan', count: 1 },
      ],
      notGiven: 1,
    });
    // Blank is no suggestion; the other is kept exactly as typed.
    expect(semester.body.suggestions).toEqual([{ submittedAt: expect.any(String), serviceId: office.services.A, text: '<i>Tambah kursi</i>\n=SUM(A1)' }]);

    const year = await api.get(`/offices/${office.slug}/reports/skm?preset=year&date=2026-03-01`, office.supervisor.token);
    expect(year.body.period).toEqual({ preset: 'year', from: '2026-01-01', to: '2026-12-31' });
    expect(year.body.total.responses).toBe(3);
    const firstHalf = await api.get(`/offices/${office.slug}/reports/skm?preset=semester&date=2026-03-01`, office.supervisor.token);
    expect(firstHalf.body.total).toMatchObject({ responses: 0, served: 0, ikm: null });
  });

  it('allows a custom period of up to a year, and only to the office’s supervisors', async () => {
    expect((await api.get(`/offices/${office.slug}/reports/skm?from=2026-01-01&to=2026-12-31`, office.supervisor.token)).status).toBe(200);
    const long = await api.get(`/offices/${office.slug}/reports/skm?from=2026-01-01&to=2027-01-02`, office.supervisor.token);
    expect(long.body).toMatchObject({ statusCode: 400, code: 'invalid_period' });
    expect((await api.get(`/offices/${office.slug}/reports/skm?preset=decade`, office.supervisor.token)).body.code).toBe('validation_failed');
    expect((await api.get(`/offices/${office.slug}/reports/skm`, office.officers[1].token)).status).toBe(403);
    expect((await api.get(`/offices/${office.slug}/reports/skm`, office.outsider.token)).status).toBe(403);
  });
});
