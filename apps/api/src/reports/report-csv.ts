/**
 * One report table as CSV: UTF-8 with a byte-order mark (without it Excel reads UTF-8 as
 * the Windows code page and garbles names such as "Pengaduan – Layanan Aduan"), RFC 4180
 * (CRLF, quotes doubled), headers in the chosen language.
 *
 * The dialect follows the language, because that is what the spreadsheet on the desk
 * expects: Excel set to Indonesian (list separator `;`, decimal comma) opens a
 * comma-separated file as one column, so `lang=id` writes `;` between fields and 12,5;
 * `lang=en` writes commas and 12.5. No thousands separator in either. Minutes have two
 * decimals, shares are percent with two decimals, the IKM has its regulation's two decimals.
 */
import {
  type BookingFigures,
  type OfficeReportView,
  type ReportFigures,
  type ReportRowView,
  type ReportTable,
  SURVEY_ELEMENT_CODES,
  round2 as roundTo2,
} from '@loket/domain';
import type { CsvLanguage } from './dto/report-query.dto.js';

export type Cell = string | number | boolean | null;
interface Column {
  id: string;
  en: string;
  value: (row: ReportFigures & { code: string | null; label: string }) => Cell;
  /** Only in some tables. */
  tables?: readonly ReportTable[];
}

const round2 = (value: number | null) => (value === null ? null : roundTo2(value));
const percent = (ratio: number | null) => (ratio === null ? null : round2(ratio * 100));

const CODE_HEADER: Record<ReportTable, { id: string; en: string }> = {
  services: { id: 'Kode layanan', en: 'Service code' },
  counters: { id: 'Nomor loket', en: 'Counter number' },
  officers: { id: 'NIP', en: 'Employee number (NIP)' },
};
const LABEL_HEADER: Record<ReportTable, { id: string; en: string }> = {
  services: { id: 'Layanan', en: 'Service' },
  counters: { id: 'Loket', en: 'Counter' },
  officers: { id: 'Petugas', en: 'Officer' },
};

const COLUMNS: Column[] = [
  { id: 'Tiket diambil', en: 'Tickets issued', value: (r) => r.counts.issued, tables: ['services'] },
  { id: 'Dilayani', en: 'Served', value: (r) => r.counts.served },
  { id: 'Tidak hadir', en: 'No-shows', value: (r) => r.counts.noShows },
  { id: 'Dibatalkan', en: 'Cancelled', value: (r) => r.counts.cancelled },
  { id: 'Ditutup akhir hari', en: 'Closed at end of day', value: (r) => r.counts.closedEndOfDay },
  { id: 'Dialihkan', en: 'Transferred', value: (r) => r.counts.transferred },
  { id: 'Waktu tunggu terukur', en: 'Waits measured', value: (r) => r.waiting.measured },
  { id: 'Rata-rata waktu tunggu (menit)', en: 'Average wait (min)', value: (r) => round2(r.waiting.averageMinutes) },
  { id: 'Median waktu tunggu (menit)', en: 'Median wait (min)', value: (r) => round2(r.waiting.medianMinutes) },
  { id: 'Persentil ke-90 waktu tunggu (menit)', en: '90th percentile wait (min)', value: (r) => round2(r.waiting.p90Minutes) },
  { id: 'Tunggu sesuai standar', en: 'Waits within standard', value: (r) => r.waiting.withinStandard },
  { id: 'Tunggu sesuai standar (%)', en: 'Waits within standard (%)', value: (r) => percent(r.waiting.shareWithinStandard) },
  { id: 'Layanan terukur', en: 'Services measured', value: (r) => r.serviceTime.measured },
  { id: 'Rata-rata waktu layanan (menit)', en: 'Average service time (min)', value: (r) => round2(r.serviceTime.averageMinutes) },
  { id: 'Standar waktu layanan (menit)', en: 'Standard service time (min)', value: (r) => round2(r.serviceTime.standardMinutes) },
  { id: 'Layanan sesuai standar (%)', en: 'Services within standard (%)', value: (r) => percent(r.serviceTime.shareWithinStandard) },
  { id: 'Hari-loket', en: 'Counter-days', value: (r) => r.punctuality?.counterDays ?? null, tables: ['counters', 'officers'] },
  { id: 'Terlambat buka', en: 'Late openings', value: (r) => r.punctuality?.lateOpenings ?? null, tables: ['counters', 'officers'] },
  { id: 'Terlambat buka (menit)', en: 'Late opening (min)', value: (r) => round2(r.punctuality?.lateOpeningMinutes ?? null), tables: ['counters', 'officers'] },
  { id: 'Tutup lebih awal', en: 'Early closings', value: (r) => r.punctuality?.earlyClosings ?? null, tables: ['counters', 'officers'] },
  {
    id: 'Tutup lebih awal (menit)',
    en: 'Early closing (min)',
    value: (r) => round2(r.punctuality?.earlyClosingMinutes ?? null),
    tables: ['counters', 'officers'],
  },
  { id: 'Istirahat melebihi batas', en: 'Break overruns', value: (r) => r.punctuality?.breakOverruns ?? null, tables: ['counters', 'officers'] },
  {
    id: 'Kelebihan istirahat (menit)',
    en: 'Break overrun (min)',
    value: (r) => round2(r.punctuality?.breakOverrunMinutes ?? null),
    tables: ['counters', 'officers'],
  },
  {
    id: 'Menganggur saat ada antrean (menit)',
    en: 'Idle while people waited (min)',
    value: (r) => round2(r.punctuality?.idleWhileWaitingMinutes ?? null),
    tables: ['counters', 'officers'],
  },
  { id: 'Etiket interaksi, cek petugas (%)', en: 'Interaction etiquette, officer’s check (%)', value: (r) => percent(r.etiquette.interactions.ratio) },
  { id: 'Etiket interaksi: butir berlaku', en: 'Interaction etiquette: items applicable', value: (r) => r.etiquette.interactions.applicable },
  { id: 'Etiket interaksi: butir lewat satu tombol', en: 'Interaction etiquette: items by the one key', value: (r) => r.etiquette.oneKeyItems },
  { id: 'Etiket observasi supervisor (%)', en: 'Etiquette, supervisor’s observation (%)', value: (r) => percent(r.etiquette.observed.ratio) },
  { id: 'Etiket observasi: butir berlaku', en: 'Etiquette observed: items applicable', value: (r) => r.etiquette.observed.applicable },
  {
    id: 'Cek awal shift (%)',
    en: 'Shift-start check (%)',
    value: (r) => percent(r.etiquette.shiftStart.ratio),
    tables: ['counters', 'officers'],
  },
  {
    id: 'Cek awal shift: butir berlaku',
    en: 'Shift-start check: items applicable',
    value: (r) => r.etiquette.shiftStart.applicable,
    tables: ['counters', 'officers'],
  },
  { id: 'Responden SKM', en: 'Survey responses', value: (r) => r.satisfaction.responses },
  { id: 'Sampel minimum (Krejcie–Morgan)', en: 'Minimum sample (Krejcie–Morgan)', value: (r) => r.satisfaction.sampleSize },
  { id: 'Sampel tercapai', en: 'Sample reached', value: (r) => r.satisfaction.sampleReached },
  { id: 'IKM', en: 'IKM (satisfaction index)', value: (r) => r.satisfaction.ikm },
  { id: 'Mutu pelayanan', en: 'Grade', value: (r) => r.satisfaction.grade },
  ...SURVEY_ELEMENT_CODES.map((code) => ({
    id: `NRR ${code.toUpperCase()}`,
    en: `NRR ${code.toUpperCase()}`,
    value: (r: ReportFigures) => round2(r.satisfaction.nrr[code]),
  })),
];

const TOTAL_LABEL = { id: 'Jumlah seluruh kantor', en: 'Whole office' };
const YES_NO = { id: ['ya', 'tidak'], en: ['yes', 'no'] } as const;

/** The CSV dialect of each language (see the comment at the top). */
export const CSV_DIALECT: Record<CsvLanguage, { separator: string; decimal: string }> = {
  id: { separator: ';', decimal: ',' },
  en: { separator: ',', decimal: '.' },
};

/** Quotes a field when it needs it; text that a spreadsheet would run as a formula gets a leading apostrophe. */
export function csvField(value: Cell, lang: CsvLanguage): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return YES_NO[lang][value ? 0 : 1];
  const { separator, decimal } = CSV_DIALECT[lang];
  if (typeof value === 'number') return String(value).replace('.', decimal);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",;\r\n]/.test(text) || text.includes(separator) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function reportCsv(report: OfficeReportView, table: ReportTable, lang: CsvLanguage): string {
  const { separator } = CSV_DIALECT[lang];
  const columns = COLUMNS.filter((column) => !column.tables || column.tables.includes(table));
  const header = [CODE_HEADER[table][lang], LABEL_HEADER[table][lang], ...columns.map((column) => column[lang])];
  const line = (row: ReportFigures & { code: string | null; label: string }) =>
    [row.code, row.label, ...columns.map((column) => column.value(row))].map((value) => csvField(value, lang)).join(separator);
  const rows: ReportRowView[] = report.tables[table];
  const total = { ...report.total, code: null, label: TOTAL_LABEL[lang] };
  return `\uFEFF${[header.map((h) => csvField(h, lang)).join(separator), ...rows.map(line), line(total)].join('\r\n')}\r\n`;
}

export function reportCsvFilename(report: OfficeReportView, table: ReportTable, lang: CsvLanguage): string {
  const name = {
    id: { services: 'layanan', counters: 'loket', officers: 'petugas' },
    en: { services: 'services', counters: 'counters', officers: 'officers' },
  }[lang][table];
  const period = report.period.from === report.period.to ? report.period.from : `${report.period.from}_${report.period.to}`;
  return `${lang === 'id' ? 'laporan' : 'report'}-${report.office.slug}-${name}-${period}.csv`;
}

/** The bookings table (issue 17): a row per day and service, the period's total last; N is the report's `punctualityMinutes`. */
function bookingColumns(minutes: number): { id: string; en: string; value: (row: BookingFigures) => Cell }[] {
  return [
    { id: 'Booking', en: 'Bookings', value: (r) => r.booked },
    { id: 'Check-in', en: 'Check-ins', value: (r) => r.checkIns },
    { id: 'Check-in terlambat (dilayani sebagai walk-in)', en: 'Late check-ins (served as walk-ins)', value: (r) => r.late },
    { id: 'Tidak datang', en: 'No-shows', value: (r) => r.noShows },
    { id: 'Tidak datang (%)', en: 'No-shows (%)', value: (r) => percent(r.noShowShare) },
    { id: 'Dibatalkan warga', en: 'Cancelled by the citizen', value: (r) => r.cancelled },
    { id: `Dipanggil ≤ ${minutes} menit dari slot: terukur`, en: `Called within ${minutes} min of the slot: measured`, value: (r) => r.punctuality.measured },
    { id: `Dipanggil ≤ ${minutes} menit dari slot`, en: `Called within ${minutes} min of the slot`, value: (r) => r.punctuality.within },
    { id: `Dipanggil ≤ ${minutes} menit dari slot (%)`, en: `Called within ${minutes} min of the slot (%)`, value: (r) => percent(r.punctuality.share) },
  ];
}

export function bookingsCsv(report: OfficeReportView, lang: CsvLanguage): string {
  const { separator } = CSV_DIALECT[lang];
  const columns = bookingColumns(report.bookings.punctualityMinutes);
  const header = [lang === 'id' ? 'Tanggal' : 'Day', CODE_HEADER.services[lang], LABEL_HEADER.services[lang], ...columns.map((column) => column[lang])];
  const line = (first: Cell[], row: BookingFigures) =>
    [...first, ...columns.map((column) => column.value(row))].map((value) => csvField(value, lang)).join(separator);
  const rows = report.bookings.rows.map((row) => line([row.day, row.code, row.label], row));
  const total = line([null, null, TOTAL_LABEL[lang]], report.bookings.total);
  return `\uFEFF${[header.map((h) => csvField(h, lang)).join(separator), ...rows, total].join('\r\n')}\r\n`;
}

export function bookingsCsvFilename(report: OfficeReportView, lang: CsvLanguage): string {
  const period = report.period.from === report.period.to ? report.period.from : `${report.period.from}_${report.period.to}`;
  return `${lang === 'id' ? 'laporan' : 'report'}-${report.office.slug}-booking-${period}.csv`;
}
