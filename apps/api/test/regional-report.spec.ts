import type { OfficeReportView, RegionalReportView } from '@loket/domain';
import { XLSX_CONTENT_TYPE } from '../src/reports/report-xlsx.js';
import { type OfficeFixture, createOffice, createStaff } from './support/fixtures.js';
import { useTestApp } from './support/test-app.js';
import { xlsxRows } from './support/xlsx.js';

/** A CSV line's fields (RFC 4180: a quoted field may hold the separator, a doubled quote is one). */
function cells(line: string, separator: string): string[] {
  return [...line.matchAll(new RegExp(`(?:^|${separator})("(?:[^"]|"")*"|[^${separator}]*)`, 'g'))].map(([, field]) =>
    field.startsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field,
  );
}

describe('the regional report (issue 20)', () => {
  // Monday 30 November 2026, 08:00 WIB.
  const t = useTestApp({ start: '2026-11-30T01:00:00.000Z' });
  const api = t.api;
  const spec = { services: [{ code: 'A' }], counters: [{ number: 1, services: ['A'] }] };
  let north: OfficeFixture;
  let south: OfficeFixture;
  let outside: OfficeFixture;
  let regional: { id: string; token: string };

  async function serve(office: OfficeFixture, times: number): Promise<void> {
    const officer = office.officers[1].token;
    expect((await api.post(`/counters/${office.counters[1]}/open`, {}, officer)).status).toBe(200);
    for (let i = 0; i < times; i += 1) {
      const ticket = (await api.post(`/offices/${office.slug}/tickets`, { serviceId: office.services.A })).body;
      t.clock.advanceMinutes(3);
      expect((await api.post(`/counters/${office.counters[1]}/call-next`, {}, officer)).body.id).toBe(ticket.id);
      expect((await api.post(`/tickets/${ticket.id}/start`, {}, officer)).status).toBe(200);
      t.clock.advanceMinutes(7);
      expect((await api.post(`/tickets/${ticket.id}/finish`, {}, officer)).status).toBe(200);
    }
  }

  const download = (format: 'csv' | 'xlsx', query: string, token = regional.token) =>
    fetch(`${t.url}/api/v1/regional/reports.${format}?${query}`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    [north, south, outside] = await Promise.all([createOffice(t, spec), createOffice(t, spec), createOffice(t, spec)]);
    regional = await createStaff(t, 'regional', [north.id, south.id]);
    await serve(north, 2);
    await serve(south, 1);
    await serve(outside, 1);
  });

  it('puts each of the regional head’s offices side by side, each row its own report’s office total, by name', async () => {
    const reply = await api.get('/regional/reports?preset=day', regional.token);
    expect(reply.status).toBe(200);
    const report = reply.body as RegionalReportView;
    expect(report.period).toEqual({ preset: 'day', from: '2026-11-30', to: '2026-11-30' });
    expect(report.timeZone).toBe('Asia/Jakarta');
    const own = await Promise.all(
      [north, south].map(async (office) => ({
        office,
        report: (await api.get(`/offices/${office.slug}/reports?from=2026-11-30&to=2026-11-30`, office.supervisor.token)).body as OfficeReportView,
      })),
    );
    own.sort((a, b) => a.report.office.name.localeCompare(b.report.office.name));
    // The office outside the set is not in it, though it served someone the same day.
    expect(report.rows).toEqual(own.map(({ office, report: mine }) => ({ id: office.id, code: office.slug, label: mine.office.name, ...mine.total })));
    expect(report.rows.map((row) => row.counts.served)).toEqual(own.map(({ office }) => (office === north ? 2 : 1)));

    const month = (await api.get('/regional/reports?preset=month', regional.token)).body as RegionalReportView;
    expect(month.period).toEqual({ preset: 'month', from: '2026-11-01', to: '2026-11-30' });
  });

  it('writes the same sheet as CSV in each language’s dialect and as an Excel workbook of numbers', async () => {
    const report = (await api.get('/regional/reports?from=2026-11-30&to=2026-11-30', regional.token)).body as RegionalReportView;
    const csv = await download('csv', 'from=2026-11-30&to=2026-11-30&lang=id');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="laporan-wilayah-2026-11-30.csv"');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
    const header = cells(lines[0], ';');
    expect(header.slice(0, 4)).toEqual(['Kode kantor', 'Kantor', 'Tiket diambil', 'Dilayani']);
    // An office's row is its whole-office total: the counters' punctuality and the IKM are in it.
    expect(header).toEqual(expect.arrayContaining(['Terlambat buka', 'Cek awal shift (%)', 'IKM', 'NRR U9']));
    expect(lines.slice(1).map((line) => cells(line, ';').slice(0, 4))).toEqual(
      report.rows.map((row) => [row.code, row.label, String(row.counts.issued), String(row.counts.served)]),
    );
    const average = header.indexOf('Rata-rata waktu tunggu (menit)');
    expect(cells(lines[1], ';')[average]).toBe('3');

    const english = await download('csv', 'from=2026-11-30&to=2026-11-30&lang=en');
    expect(english.headers.get('content-disposition')).toBe('attachment; filename="regional-report-2026-11-30.csv"');
    expect(
      (await english.text())
        .replace(/^\uFEFF/, '')
        .split('\r\n')[0]
        .startsWith('Office code,Office,Tickets issued,Served,'),
    ).toBe(true);

    const xlsx = await download('xlsx', 'from=2026-11-30&to=2026-11-30&lang=id');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toBe(XLSX_CONTENT_TYPE);
    expect(xlsx.headers.get('content-disposition')).toBe('attachment; filename="laporan-wilayah-2026-11-30.xlsx"');
    const rows = xlsxRows(Buffer.from(await xlsx.arrayBuffer()));
    expect(rows[0]).toEqual(header);
    // Cell for cell the CSV's: numbers as numbers (the CSV's decimal comma read), words as words, an empty field an empty cell.
    const asCsvReads = (field: string) => (field === '' ? null : /^-?\d+(,\d+)?$/.test(field) ? Number(field.replace(',', '.')) : field);
    expect(rows.slice(1)).toEqual(lines.slice(1).map((line) => trimNulls(cells(line, ';').map(asCsvReads))));
  });

  it('refuses a period that is not one, and a supervisor of one of the offices', async () => {
    const backwards = await api.get('/regional/reports?from=2026-11-30&to=2026-11-01', regional.token);
    expect(backwards.status).toBe(400);
    expect(backwards.body.code).toBe('invalid_period');
    expect((await download('xlsx', 'preset=day&lang=fr')).status).toBe(400);
    expect((await download('csv', 'preset=day', north.supervisor.token)).status).toBe(403);
    expect((await download('xlsx', 'preset=day', north.officers[1].token)).status).toBe(403);
  });
});

/** A row as the workbook holds it: the cells after the last value are not written. */
function trimNulls(row: (string | number | null)[]): (string | number | null)[] {
  let end = row.length;
  while (end > 0 && row[end - 1] === null) end -= 1;
  return row.slice(0, end);
}
