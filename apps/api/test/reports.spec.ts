/* eslint-disable @typescript-eslint/no-explicit-any -- rows read straight from the database are mapped by column name, as the API stores them */
import {
  type OfficeReportView,
  type ReportFigures,
  type ReportInput,
  type ReportTable,
  buildOfficeReport,
  krejcieMorganSampleSize,
  localTimeToInstant,
} from '@loket/domain';
import { type OfficeFixture, createOffice, createStaff } from './support/fixtures.js';
import { useTestApp } from './support/test-app.js';

const SHIFT = ['penampilan', 'cara_berpakaian', 'meja_sistem_siap'];
const INTERACTION = ['sikap_perilaku', 'ekspresi_wajah', 'cara_berbicara', 'cara_mendengarkan', 'cara_bertanya'];
const JAKARTA = 'Asia/Jakarta';
const MONDAY = '2026-11-30';
const TUESDAY = '2026-12-01';
/** An instant on Monday 30 November 2026, office time (UTC+7). */
const wib = (hhmm: string, day = MONDAY) => new Date(localTimeToInstant(day, hhmm, JAKARTA)).toISOString();

/**
 * Compares the API's figures with the domain's, number by number: floats (minutes, shares)
 * to 9 decimals, because SQL sums and JavaScript sums may differ in the last binary digit.
 */
function expectSameFigures(actual: ReportFigures, expected: ReportFigures, where: string) {
  const walk = (a: unknown, e: unknown, path: string) => {
    if (typeof e === 'number' && typeof a === 'number' && !Number.isInteger(e)) {
      if (Math.abs(a - e) > 1e-9) throw new Error(`${where} ${path}: API ${a}, domain ${e}`);
      return;
    }
    if (e !== null && typeof e === 'object') {
      expect(Object.keys(a as object).sort()).toEqual(Object.keys(e).sort());
      for (const key of Object.keys(e)) walk((a as Record<string, unknown>)[key], (e as Record<string, unknown>)[key], `${path}.${key}`);
      return;
    }
    if (a !== e) throw new Error(`${where} ${path}: API ${JSON.stringify(a)}, domain ${JSON.stringify(e)}`);
  };
  walk(actual, expected, '');
}

describe('reports: an office and a period, per service, counter and officer', () => {
  const t = useTestApp();
  const api = t.api;
  let office: OfficeFixture;
  let admin: string;
  let strangerSupervisor: string;
  let monday: { issued: number; served: number };

  const officer = (n: number) => office.officers[n].token;
  const ok = async <T = any>(reply: Promise<{ status: number; body: T }>, status = 200): Promise<T> => {
    const r = await reply;
    if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const at = (hhmm: string, day = MONDAY) => t.clock.set(wib(hhmm, day));
  const issue = (code: string, priority?: string) =>
    ok(api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services[code], ...(priority ? { priority } : {}) }), 201);
  const checklist = (codes: string[], method: string, notChecked: string[] = [], notApplicable: string[] = []) => ({
    method,
    answers: codes.map((code) => ({ code, answer: notChecked.includes(code) ? 'not_checked' : notApplicable.includes(code) ? 'not_applicable' : 'checked' })),
  });
  const open = (n: number, method = 'self', notChecked: string[] = []) =>
    ok(api.post(`/counters/${office.counters[n]}/open`, { checklist: checklist(SHIFT, method, notChecked) }, officer(n)));
  const act = (n: number, ticketId: string, action: string, body?: unknown) => ok(api.post(`/tickets/${ticketId}/${action}`, body, officer(n)));
  const callNext = async (n: number) => {
    const reply = await api.post(`/counters/${office.counters[n]}/call-next`, undefined, officer(n));
    if (reply.status === 204) return null;
    if (reply.status !== 200) throw new Error(`call-next at Loket ${n}: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body;
  };
  const finish = (n: number, ticketId: string, method = 'one_key', notChecked: string[] = [], notApplicable: string[] = []) =>
    act(n, ticketId, 'finish', { checklist: checklist(INTERACTION, method, notChecked, notApplicable), outcome: 'selesai' });
  const survey = (tracking: string, score: number, u4 = 4) =>
    ok(api.post(`/tickets/track/${tracking}/survey`, { u1: score, u2: score, u3: score, u4, u5: score, u6: score, u7: score, u8: score, u9: 3 }), 201);
  const report = (query: string, token = office.supervisor.token) => api.get<OfficeReportView>(`/offices/${office.slug}/reports?${query}`, token);
  const csv = async (table: string, query: string, token = office.supervisor.token) => {
    const response = await fetch(`${t.url}/api/v1/offices/${office.slug}/reports/${table}.csv?${query}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
  };

  /** The domain's report from the raw rows of the period, read without the API's queries. */
  async function domainReport(from: string, to: string, now: number): Promise<ReturnType<typeof buildOfficeReport>> {
    const start = new Date(localTimeToInstant(from, '00:00', JAKARTA));
    const end = new Date(localTimeToInstant(to, '00:00', JAKARTA) + 24 * 3_600_000);
    const tickets = await t.db.query<{ id: string }[]>(`SELECT id FROM tickets WHERE office_id = $1 AND service_day >= $2 AND service_day <= $3`, [
      office.id,
      from,
      to,
    ]);
    const ids = tickets.map((row) => row.id);
    const events = await t.db.query(`SELECT * FROM ticket_events WHERE ticket_id = ANY($1::uuid[]) ORDER BY id`, [ids]);
    const services = await t.db.query(`SELECT * FROM services WHERE office_id = $1`, [office.id]);
    const counters = await t.db.query(`SELECT * FROM counters WHERE office_id = $1`, [office.id]);
    const links = await t.db.query(`SELECT * FROM counter_services`);
    const sessions = await t.db.query(`SELECT * FROM counter_sessions WHERE opened_at >= $1 AND opened_at < $2`, [start, end]);
    const sessionEvents = await t.db.query(`SELECT * FROM counter_session_events ORDER BY id`);
    const responses = await t.db.query(`SELECT * FROM checklist_responses WHERE office_id = $1 AND filed_at >= $2 AND filed_at < $3`, [office.id, start, end]);
    const answers = await t.db.query(`SELECT * FROM checklist_answers`);
    const allTickets = await t.db.query(`SELECT id, service_id, priority FROM tickets WHERE office_id = $1`, [office.id]);
    const [officeRow] = await t.db.query(`SELECT priority_max_wait_minutes FROM offices WHERE id = $1`, [office.id]);
    const surveys = await t.db.query(`SELECT * FROM satisfaction_surveys WHERE ticket_id = ANY($1::uuid[])`, [ids]);
    const sessionById = new Map(sessions.map((s: any) => [s.id, s]));
    const input: ReportInput = {
      timeZone: JAKARTA,
      priorityMaxWaitMinutes: officeRow.priority_max_wait_minutes,
      now,
      services: services.map((s: any) => ({ id: s.id, maxWaitMinutes: s.max_wait_minutes, serviceTimeMinutes: s.service_time_minutes })),
      counters: counters.map((c: any) => ({
        id: c.id,
        schedule: c.schedule,
        serviceIds: links.filter((l: any) => l.counter_id === c.id).map((l: any) => l.service_id),
      })),
      ticketEvents: events.map((e: any) => ({
        ticketId: e.ticket_id,
        type: e.type,
        at: e.at.getTime(),
        serviceId: e.service_id,
        counterId: e.counter_id,
        staffId: e.actor_staff_id,
        priority: allTickets.find((tk: any) => tk.id === e.ticket_id)?.priority !== null,
      })),
      sessionEvents: sessionEvents
        .filter((e: any) => sessionById.has(e.session_id))
        .map((e: any) => ({
          sessionId: e.session_id,
          counterId: e.counter_id,
          staffId: (sessionById.get(e.session_id) as any).staff_id,
          type: e.type,
          at: e.at.getTime(),
          reason: e.reason,
        })),
      answers: responses.flatMap((r: any) =>
        answers
          .filter((a: any) => a.response_id === r.id)
          .map((a: any) => ({
            kind: r.kind,
            method: r.method,
            answer: a.answer,
            serviceId: allTickets.find((tk: any) => tk.id === r.ticket_id)?.service_id ?? null,
            counterId: r.counter_id,
            staffId: r.subject_staff_id,
          })),
      ),
      surveys: surveys.map((s: any) => ({
        u1: s.u1,
        u2: s.u2,
        u3: s.u3,
        u4: s.u4,
        u5: s.u5,
        u6: s.u6,
        u7: s.u7,
        u8: s.u8,
        u9: s.u9,
        serviceId: s.service_id,
        counterId: s.counter_id,
        staffId: s.staff_id,
      })),
    };
    return buildOfficeReport(input);
  }

  beforeAll(async () => {
    office = await createOffice(t, {
      services: [
        { code: 'A', maxWaitMinutes: 30, serviceTimeMinutes: 10 },
        { code: 'B', maxWaitMinutes: 60, serviceTimeMinutes: 15 },
      ],
      counters: [
        { number: 1, services: ['A', 'B'] },
        { number: 2, services: ['B'] },
        { number: 3, services: ['A'] },
      ],
    });
    const week = JSON.stringify([1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '15:00' })));
    await t.db.query(`UPDATE counters SET schedule = $2 WHERE office_id = $1`, [office.id, week]);
    admin = (await createStaff(t, 'admin')).token;
    const [other] = await t.db.query<{ id: string }[]>(`SELECT id FROM offices WHERE slug = $1`, [office.slug.replace('test-', 'other-')]);
    strangerSupervisor = (await createStaff(t, 'supervisor', [other.id])).token;

    // ---- Monday: a full day through the real API, the clock moving. ----
    // A small discrete-event schedule: each job runs at its time, in time order (ties in
    // the order scheduled), so three counters and the arrivals interleave as in an office.
    const jobs: { at: number; seq: number; run: () => Promise<void> }[] = [];
    let seq = 0;
    const later = (when: number, run: () => Promise<void>): void => {
      jobs.push({ at: when, seq: seq++, run });
    };
    const min = 60_000;
    const time = (hhmm: string) => Date.parse(wib(hhmm));

    // Arrivals every 5 minutes from 07:55 to 14:00; every third one for B.
    for (let i = 0, when = time('07:55'); when <= time('14:00'); i += 1, when += 5 * min) {
      const index = i;
      later(when, async () => {
        const ticket = await issue(index % 3 === 2 ? 'B' : 'A', index === 12 ? 'lanjut_usia' : undefined);
        tracking.set(ticket.id, ticket.trackingCode);
        issued += 1;
        // A citizen gives up at once, from the phone page; another is sent home by staff.
        if (index === 8) expect((await api.post(`/tickets/track/${ticket.trackingCode}/cancel`)).status).toBe(200);
        if (index === 20) await act(1, ticket.id, 'cancel', { reason: 'Berkas belum lengkap, kembali besok' });
      });
    }

    /** A counter calling, serving and finishing from `from` until `until`, with its own quirks. */
    const desk = (n: number, from: string, until: string) => {
      let calls = 0;
      const loop = async (now: number): Promise<void> => {
        if (now > time(until)) return;
        const called = await callNext(n);
        if (!called) {
          later(now + 4 * min, () => loop(now + 4 * min));
          return;
        }
        calls += 1;
        const k = calls;
        if (n === 3 && k === 3) {
          // Nobody comes: no-show, reinstated, called again, no-show again.
          later(now + 3 * min, async () => {
            await act(3, called.id, 'no-show');
          });
          later(now + 4 * min, async () => {
            await act(3, called.id, 'reinstate');
            await ok(api.post(`/counters/${office.counters[3]}/call`, { ticketId: called.id, reason: 'Warga kembali ke ruang tunggu' }, officer(3)));
          });
          later(now + 7 * min, async () => {
            await act(3, called.id, 'no-show');
          });
          later(now + 8 * min, () => loop(now + 8 * min));
          return;
        }
        const duration = (4 + ((k * 7 + n) % 9)) * min;
        later(now + min, async () => {
          await act(n, called.id, 'start');
        });
        if (n === 2 && k === 2 && from === '08:00') {
          // The supervisor watches this interaction at Loket 2: an observation, weighed apart.
          later(now + 2 * min, async () => {
            const answers = checklist(INTERACTION, 'observed', ['ekspresi_wajah', 'cara_bertanya']).answers;
            await ok(api.post(`/offices/${office.slug}/supervision/observations`, { counterId: office.counters[2], answers }, office.supervisor.token), 201);
          });
        }
        later(now + min + duration, async () => {
          if (n === 1 && k === 4) {
            // The citizen needed the other service: transferred into its queue.
            await act(1, called.id, 'transfer', { serviceId: called.serviceId === office.services.A ? office.services.B : office.services.A });
            return;
          }
          if (n === 1 && k === 5) await finish(1, called.id, 'self', ['cara_bertanya']);
          else if (n === 3 && k === 2) await finish(3, called.id, 'self', [], ['cara_bertanya']);
          else await finish(n, called.id);
          served.push(called.id);
        });
        later(now + 2 * min + duration, () => loop(now + 2 * min + duration));
      };
      later(time(from), () => loop(time(from)));
    };

    const tracking = new Map<string, string>();
    const served: string[] = [];
    let issued = 0;
    later(time('08:00'), async () => void (await open(2, 'self', ['meja_sistem_siap']))); // on time, one item not ticked
    later(time('08:03'), async () => void (await open(3, 'one_key'))); // inside the 5-minute grace
    later(time('08:12'), async () => void (await open(1, 'self'))); // 12 minutes late
    desk(2, '08:00', '11:00');
    desk(3, '08:03', '13:30');
    desk(1, '08:12', '15:00');
    // Loket 2 takes an ishoma break of 75 minutes: 15 over the allowed hour; then serves on.
    later(time('11:30'), async () => void (await ok(api.post(`/counters/${office.counters[2]}/pause`, { reason: 'ishoma' }, officer(2)))));
    later(time('12:45'), async () => void (await ok(api.post(`/counters/${office.counters[2]}/resume`, undefined, officer(2)))));
    desk(2, '12:46', '15:00');
    // Loket 3 closes at 14:00, an hour before its schedule.
    later(time('14:00'), async () => void (await ok(api.post(`/counters/${office.counters[3]}/close`, undefined, officer(3)))));
    later(time('15:40'), async () => {
      await ok(api.post(`/counters/${office.counters[1]}/close`, undefined, officer(1)));
      await ok(api.post(`/counters/${office.counters[2]}/close`, undefined, officer(2)));
    });

    while (jobs.length > 0) {
      jobs.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const job = jobs.shift()!;
      t.clock.set(new Date(job.at).toISOString());
      await job.run();
    }
    monday = { issued, served: served.length };
    const [left] = await t.db.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM tickets WHERE office_id = $1 AND status NOT IN ('done', 'no_show', 'cancelled')`,
      [office.id],
    );
    expect(left.count).toBe(0);

    // Some citizens answer the survey.
    t.clock.set(wib('16:00'));
    for (const [i, id] of served.entries()) {
      if (i % 3 === 0) await survey(tracking.get(id)!, 3 + (i % 2), i % 4 === 0 ? 3 : 4);
    }

    // ---- Tuesday: a little more, which a Monday report must leave out. ----
    at('08:30', TUESDAY);
    await open(1);
    const tuesday = await issue('A');
    const called = await callNext(1);
    expect(called.id).toBe(tuesday.id);
    await act(1, tuesday.id, 'start');
    at('08:45', TUESDAY);
    await finish(1, tuesday.id);
    at('16:00', TUESDAY);
  }, 600_000);

  it('computes each SQL figure (counts, waiting) and every other figure exactly as the domain does from the raw events', async () => {
    const api = await report(`from=${MONDAY}&to=${MONDAY}`);
    expect(api.status).toBe(200);
    const body = api.body;
    expect(body.period).toEqual({ preset: 'custom', from: MONDAY, to: MONDAY });
    const expected = await domainReport(MONDAY, MONDAY, Date.parse(wib('00:00', TUESDAY)));

    for (const table of ['services', 'counters', 'officers'] as ReportTable[]) {
      const rows = body.tables[table];
      for (const [key, figures] of Object.entries(expected.tables[table])) {
        const row = rows.find((r) => r.id === key);
        expect(row).toBeDefined();
        const { id: _id, code: _code, label: _label, ...actual } = row!;
        expectSameFigures(actual, figures, `${table} ${key}`);
      }
      // Rows the domain has no facts for (a counter that never opened) are all zero.
      for (const row of rows.filter((r) => !(r.id in expected.tables[table]))) {
        expect(row.counts).toEqual({ issued: 0, served: 0, noShows: 0, cancelled: 0, transferred: 0, closedEndOfDay: 0 });
        expect(row.waiting.measured).toBe(0);
      }
    }
    expectSameFigures(body.total, expected.total, 'total');
  });

  it('gives the figures a supervisor can check by hand', async () => {
    const { body } = await report(`from=${MONDAY}&to=${MONDAY}`);
    const counter = (n: number) => body.tables.counters.find((r) => r.code === String(n))!;
    const service = (code: string) => body.tables.services.find((r) => r.code === code)!;
    // Every 5 minutes from 07:55 to 14:00.
    expect(monday.issued).toBe(74);
    expect(body.total.counts.issued).toBe(74);
    expect(service('A').counts.issued + service('B').counts.issued).toBe(74);
    expect(body.total.counts.cancelled).toBe(2);
    expect(body.total.counts.noShows).toBe(1);
    expect(body.total.counts.transferred).toBe(1);
    expect(counter(1).counts.transferred).toBe(1);
    // Every ticket ended done, no-show or cancelled: the served count closes the books.
    expect(body.total.counts.served).toBe(74 - 2 - 1);
    expect(body.total.counts.served).toBe(monday.served);
    expect(counter(1).punctuality).toMatchObject({ counterDays: 1, lateOpenings: 1, lateOpeningMinutes: 12, earlyClosings: 0 });
    expect(counter(2).punctuality).toMatchObject({ lateOpenings: 0, breakOverruns: 1, breakOverrunMinutes: 15 });
    expect(counter(3).punctuality).toMatchObject({ lateOpenings: 0, earlyClosings: 1, earlyClosingMinutes: 60 });
    expect(service('A').punctuality).toBeNull();
    expect(counter(2).etiquette.observed).toEqual({ checked: 3, applicable: 5, ratio: 0.6 });
    // One wait per served ticket, plus the no-show's and the transferred ticket's first queue.
    expect(body.total.waiting.measured).toBe(71 + 2);
    // The day is not trivial: waits spread out, so the percentile method matters to the figures.
    expect(body.total.waiting.p90Minutes!).toBeGreaterThan(body.total.waiting.medianMinutes!);
    expect(body.total.waiting.medianMinutes!).toBeGreaterThan(0);
    expect(body.total.satisfaction.served).toBe(71);
    expect(body.total.satisfaction.sampleSize).toBe(krejcieMorganSampleSize(71));
    expect(body.total.satisfaction.sampleReached).toBe(false);
    expect(body.total.satisfaction.responses).toBe(24);
    expect(body.total.satisfaction.nrr.u9).toBe(3);
    expect(body.percentileMethod).toContain('percentile_cont');
  });

  it('resolves day, week and month presets in the office zone, and a week takes in Tuesday too', async () => {
    t.clock.set(wib('10:00', TUESDAY));
    const day = await report('preset=day');
    expect(day.body.period).toEqual({ preset: 'day', from: TUESDAY, to: TUESDAY });
    expect(day.body.total.counts.issued).toBe(1);
    const week = await report(`preset=week&date=${TUESDAY}`);
    expect(week.body.period).toEqual({ preset: 'week', from: MONDAY, to: '2026-12-06' });
    expect(week.body.total.counts.issued).toBe(75);
    const month = await report(`preset=month&date=${MONDAY}`);
    expect(month.body.period).toEqual({ preset: 'month', from: '2026-11-01', to: '2026-11-30' });
    expect(month.body.total.counts.issued).toBe(74);
    // 00:30 on Tuesday in Jakarta is still Monday in UTC: "today" follows the office zone.
    t.clock.set(wib('00:30', TUESDAY));
    expect((await report('preset=day')).body.period.from).toBe(TUESDAY);
    const expected = await domainReport(MONDAY, '2026-12-06', Date.parse(wib('00:30', TUESDAY)));
    const weekNow = await report(`preset=week&date=${TUESDAY}`);
    expectSameFigures(weekNow.body.total, expected.total, 'week total');
  });

  it('refuses a period that is malformed, reversed, too long or half given, with a clear 400', async () => {
    const cases: [string, RegExp][] = [
      ['from=2026-02-30&to=2026-03-01', /not a calendar day/],
      ['from=2026-12-01&to=2026-11-30', /must not be after/],
      ['from=2026-01-01&to=2026-12-31', /at most 92 days/],
      ['from=2026-11-30', /needs both from and to/],
      ['preset=custom', /needs both from and to/],
      ['preset=week&from=2026-11-30&to=2026-11-30', /leave out preset=week/],
      ['preset=year', /preset must be one of/],
      ['from=30-11-2026&to=2026-11-30', /YYYY-MM-DD/],
      ['date=2026-13-01', /not a calendar day/],
      ['colour=red', /should not exist/],
    ];
    for (const [query, message] of cases) {
      const reply = await report(query);
      expect({ query, status: reply.status }).toEqual({ query, status: 400 });
      expect((reply.body as unknown as { message: string }).message).toMatch(message);
    }
    const csvReply = await csv('services', 'from=2026-11-30&to=2026-11-30&lang=fr');
    expect(csvReply.status).toBe(400);
    expect((await csv('tickets', 'preset=day')).status).toBe(404);
    expect((await report('preset=day', admin)).status).toBe(200);
  });

  it('writes one CSV per table: UTF-8 with BOM, headers in the chosen language, totals equal to the JSON', async () => {
    const { body } = await report(`from=${MONDAY}&to=${MONDAY}`);
    for (const table of ['services', 'counters', 'officers'] as ReportTable[]) {
      for (const lang of ['id', 'en'] as const) {
        const reply = await csv(table, `from=${MONDAY}&to=${MONDAY}&lang=${lang}`);
        expect(reply.status).toBe(200);
        expect(reply.headers.get('content-type')).toBe('text/csv; charset=utf-8');
        expect(reply.headers.get('content-disposition')).toBe(
          `attachment; filename="${lang === 'id' ? 'laporan' : 'report'}-${office.slug}-${{ id: { services: 'layanan', counters: 'loket', officers: 'petugas' }, en: { services: 'services', counters: 'counters', officers: 'officers' } }[lang][table]}-${MONDAY}.csv"`,
        );
        expect([...reply.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        const text = new TextDecoder().decode(reply.bytes.slice(3));
        const lines = text.split('\r\n').filter(Boolean);
        // Indonesian: what Excel set to Indonesian opens as columns (`;` between fields, 12,5);
        // English: comma-separated with a dot decimal.
        const separator = lang === 'id' ? ';' : ',';
        const number = (cell: string) => Number(lang === 'id' ? cell.replace(',', '.') : cell);
        const header = lines[0].split(separator);
        expect(header).toContain(lang === 'id' ? 'Dilayani' : 'Served');
        expect(header.includes('Tiket diambil') || header.includes('Tickets issued')).toBe(table === 'services');
        expect(lines).toHaveLength(body.tables[table].length + 2);
        const total = lines.at(-1)!.split(separator);
        expect(total[1]).toBe(lang === 'id' ? 'Jumlah seluruh kantor' : 'Whole office');
        const cell = (name: string) => total[header.indexOf(name)];
        expect(number(cell(lang === 'id' ? 'Dilayani' : 'Served'))).toBe(body.total.counts.served);
        expect(number(cell(lang === 'id' ? 'Tidak hadir' : 'No-shows'))).toBe(body.total.counts.noShows);
        const averageWait = Math.round(body.total.waiting.averageMinutes! * 100) / 100;
        expect(averageWait % 1).not.toBe(0);
        expect(cell(lang === 'id' ? 'Rata-rata waktu tunggu (menit)' : 'Average wait (min)')).toBe(
          lang === 'id' ? String(averageWait).replace('.', ',') : String(averageWait),
        );
        // The rows add up to the total row for the counts.
        const served = lines.slice(1, -1).reduce((sum, line) => sum + number(line.split(separator)[header.indexOf(lang === 'id' ? 'Dilayani' : 'Served')]), 0);
        expect(served).toBe(body.total.counts.served);
      }
    }
  });

  it('lets supervisors of the office and admins in; officers, strangers and the anonymous out', async () => {
    const query = `from=${MONDAY}&to=${MONDAY}`;
    expect((await api.get(`/offices/${office.slug}/reports?${query}`)).status).toBe(401);
    expect((await fetch(`${t.url}/api/v1/offices/${office.slug}/reports/services.csv?${query}`)).status).toBe(401);
    expect((await report(query, officer(1))).status).toBe(403);
    expect((await csv('services', query, officer(1))).status).toBe(403);
    expect((await report(query, strangerSupervisor)).status).toBe(403);
    expect((await csv('counters', query, strangerSupervisor)).status).toBe(403);
    expect((await report(query, admin)).status).toBe(200);
    expect((await csv('officers', query, admin)).status).toBe(200);
    expect((await api.get(`/offices/no-such-office/reports?${query}`, admin)).status).toBe(404);
  });

  it('counts a priority ticket past the priority maximum as outside the standard, in SQL as in the domain', async () => {
    // Wednesday: B-001 (lanjut usia) waits 11.3 minutes, inside service B's 60 but past the 10-minute priority maximum.
    const WEDNESDAY = '2026-12-02';
    at('08:00', WEDNESDAY);
    await open(2);
    const elder = await issue('B', 'lanjut_usia');
    const regular = await issue('B');
    t.clock.set(new Date(Date.parse(wib('08:11', WEDNESDAY)) + 18_000).toISOString());
    expect((await callNext(2)).id).toBe(elder.id);
    await act(2, elder.id, 'start');
    await finish(2, elder.id);
    expect((await callNext(2)).id).toBe(regular.id);
    await act(2, regular.id, 'start');
    await finish(2, regular.id);
    at('09:00', WEDNESDAY);
    await ok(api.post(`/counters/${office.counters[2]}/close`, undefined, officer(2)));

    const { body } = await report(`from=${WEDNESDAY}&to=${WEDNESDAY}`);
    const b = body.tables.services.find((r) => r.code === 'B')!;
    expect(b.waiting).toMatchObject({ measured: 2, withinStandard: 1, shareWithinStandard: 0.5 });
    expect(body.total.waiting).toMatchObject({ measured: 2, withinStandard: 1 });
    const expected = await domainReport(WEDNESDAY, WEDNESDAY, Date.parse(wib('09:00', WEDNESDAY)));
    expectSameFigures(body.total.waiting as any, expected.total.waiting as any, 'total');
    const officer2 = body.tables.officers.find((r) => r.waiting.measured > 0)!;
    expect(officer2.waiting.withinStandard).toBe(1);

    const live = await api.get<any>(`/offices/${office.slug}/supervision`, office.supervisor.token);
    expect(live.body.figures.services.find((f: any) => f.code === 'B')).toMatchObject({ measuredWaits: 2, withinStandardShare: 0.5 });

    const charts = await api.get<any>(`/offices/${office.slug}/supervision/charts?days=1`, office.supervisor.token);
    expect(charts.status).toBe(200);
    expect(charts.body.waitsByHour).toEqual([{ hour: 8, tickets: 2, averageWaitMinutes: expect.any(Number), standardMinutes: 35, withinStandardShare: 0.5 }]);
  });

  it('gives one officer one etiquette figure on her desk, the supervisor’s chart and the report; the total adds up', async () => {
    // Thursday at Loket 1: shift checklist 3 of 3; two interactions ticked one by one (7 of 10), one by the one key (5 of 5).
    const THURSDAY = '2026-12-03';
    at('07:50', THURSDAY);
    await ok(api.post(`/counters/${office.counters[1]}/close`, undefined, officer(1))); // left open on Tuesday
    at('08:00', THURSDAY);
    await open(1);
    const tickets = [await issue('A'), await issue('A'), await issue('B')];
    const notChecked = [['ekspresi_wajah', 'cara_bertanya'], ['cara_bertanya'], []];
    for (const [i, ticket] of tickets.entries()) {
      at(`08:0${i + 1}`, THURSDAY);
      expect((await callNext(1)).id).toBe(ticket.id);
      await act(1, ticket.id, 'start');
      await finish(1, ticket.id, i === 2 ? 'one_key' : 'self', notChecked[i]);
    }
    at('09:00', THURSDAY);

    const desk = await ok<any>(api.get('/staff/me/today', officer(1)));
    expect(desk.etiquette).toMatchObject({ checked: 12, applicable: 15, compliance: 0.8, oneKeyItems: 5, shiftStart: { checked: 3, applicable: 3, ratio: 1 } });

    const charts = await ok<any>(api.get(`/offices/${office.slug}/supervision/charts?days=1`, office.supervisor.token));
    const chartRow = charts.etiquetteByOfficer.find((row: any) => row.staffId === office.officers[1].id);
    expect(chartRow.self).toEqual({ checked: 12, applicable: 15, ratio: 0.8 });

    const { body } = await report(`from=${THURSDAY}&to=${THURSDAY}`);
    const reportRow = body.tables.officers.find((row) => row.id === office.officers[1].id)!;
    expect(reportRow.etiquette).toEqual({
      interactions: { checked: 12, applicable: 15, ratio: 0.8 },
      oneKeyItems: 5,
      observed: { checked: 0, applicable: 0, ratio: null },
      shiftStart: { checked: 3, applicable: 3, ratio: 1 },
    });
    // The office total counts the same items as its service rows.
    const byServices = body.tables.services.reduce((sum, row) => sum + row.etiquette.interactions.applicable, 0);
    expect(body.total.etiquette.interactions.applicable).toBe(byServices);
    expect(byServices).toBe(15);
  });

  /** Loket 1 opened at 08:00 on `day`, after closing whatever an earlier day left open. */
  async function openLoket1At8(day: string): Promise<void> {
    at('07:50', day);
    await api.post(`/counters/${office.counters[1]}/close`, undefined, officer(1));
    at('08:00', day);
    await open(1);
  }

  it('counts no no-show the officer undid: report, desk and the domain agree', async () => {
    const FRIDAY = '2026-12-04';
    await openLoket1At8(FRIDAY);
    const undone = await issue('A');
    const final = await issue('A');
    // Marked a no-show by mistake, undone at once, then served.
    expect((await callNext(1)).id).toBe(undone.id);
    await act(1, undone.id, 'no-show');
    await act(1, undone.id, 'undo-no-show');
    await act(1, undone.id, 'start');
    await finish(1, undone.id);
    // Undone once, then a no-show for good.
    at('08:10', FRIDAY);
    expect((await callNext(1)).id).toBe(final.id);
    await act(1, final.id, 'no-show');
    await act(1, final.id, 'undo-no-show');
    await act(1, final.id, 'no-show');
    at('08:20', FRIDAY);

    const { body } = await report(`from=${FRIDAY}&to=${FRIDAY}`);
    expect(body.total.counts).toEqual({ issued: 2, served: 1, noShows: 1, cancelled: 0, transferred: 0, closedEndOfDay: 0 });
    expect(body.tables.officers.find((row) => row.id === office.officers[1].id)!.counts.noShows).toBe(1);
    const expected = await domainReport(FRIDAY, FRIDAY, Date.parse(wib('08:20', FRIDAY)));
    expectSameFigures(body.total.counts as any, expected.total.counts as any, 'total');
    expect((await ok<any>(api.get('/staff/me/today', officer(1)))).noShows).toBe(1);
    await ok(api.post(`/counters/${office.counters[1]}/close`, undefined, officer(1)));
  });

  it('counts a reinstated no-show that is then served once, as served: report, desk and the domain agree', async () => {
    const SATURDAY = '2026-12-05';
    await openLoket1At8(SATURDAY);
    const ticket = await issue('A');
    expect((await callNext(1)).id).toBe(ticket.id);
    at('08:05', SATURDAY);
    await act(1, ticket.id, 'no-show');
    // The citizen comes back: called back from the "tidak hadir hari ini" list, then served.
    at('08:20', SATURDAY);
    await ok(api.post(`/counters/${office.counters[1]}/call-back`, { ticketId: ticket.id }, officer(1)));
    await act(1, ticket.id, 'start');
    await finish(1, ticket.id);
    at('08:30', SATURDAY);

    const { body } = await report(`from=${SATURDAY}&to=${SATURDAY}`);
    expect(body.total.counts).toEqual({ issued: 1, served: 1, noShows: 0, cancelled: 0, transferred: 0, closedEndOfDay: 0 });
    expect(body.tables.officers.find((row) => row.id === office.officers[1].id)!.counts).toMatchObject({ served: 1, noShows: 0 });
    const expected = await domainReport(SATURDAY, SATURDAY, Date.parse(wib('08:30', SATURDAY)));
    expectSameFigures(body.total.counts as any, expected.total.counts as any, 'total');
    expect(await ok<any>(api.get('/staff/me/today', officer(1)))).toMatchObject({ served: 1, noShows: 0 });
    await ok(api.post(`/counters/${office.counters[1]}/close`, undefined, officer(1)));
  });
});
