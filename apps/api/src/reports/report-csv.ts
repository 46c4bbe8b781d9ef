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
  REGIONAL_REPORT_TABLE,
  type RegionalReportView,
  type ReportFigures,
  type ReportTable,
  SURVEY_ELEMENT_CODES,
  round2 as roundTo2,
} from '@loket/domain';
import type { CsvLanguage } from './dto/report-query.dto.js';

export type Cell = string | number | boolean | null;

/** A table of figures: one of the office report's, or the regional report's row per office. */
export type FiguresTable = ReportTable | typeof REGIONAL_REPORT_TABLE;

/** A table as a spreadsheet holds it: the header row, then the rows. Written out as CSV here and as XLSX by report-xlsx.ts. */
export interface Sheet {
  header: string[];
  rows: Cell[][];
}

type FiguresRow = ReportFigures & { code: string | null; label: string };

interface Column {
  id: string;
  en: string;
  value: (row: FiguresRow) => Cell;
  /** Only in some tables. */
  tables?: readonly FiguresTable[];
}

const round2 = (value: number | null) => (value === null ? null : roundTo2(value));
const percent = (ratio: number | null) => (ratio === null ? null : round2(ratio * 100));

const CODE_HEADER: Record<FiguresTable, { id: string; en: string }> = {
  services: { id: 'Kode layanan', en: 'Service code' },
  counters: { id: 'Nomor loket', en: 'Counter number' },
  officers: { id: 'NIP', en: 'Employee number (NIP)' },
  offices: { id: 'Kode kantor', en: 'Office code' },
};
const LABEL_HEADER: Record<FiguresTable, { id: string; en: string }> = {
  services: { id: 'Layanan', en: 'Service' },
  counters: { id: 'Loket', en: 'Counter' },
  officers: { id: 'Petugas', en: 'Officer' },
  offices: { id: 'Kantor', en: 'Office' },
};
// The counter sessions' figures (punctuality, the shift-start check): per counter, per officer, and in an office's total (the regional rows).
const SESSION_TABLES: readonly FiguresTable[] = ['counters', 'officers', 'offices'];

const COLUMNS: Column[] = [
  { id: 'Tiket diambil', en: 'Tickets issued', value: (r) => r.counts.issued, tables: ['services', 'offices'] },
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
  { id: 'Hari-loket', en: 'Counter-days', value: (r) => r.punctuality?.counterDays ?? null, tables: SESSION_TABLES },
  { id: 'Terlambat buka', en: 'Late openings', value: (r) => r.punctuality?.lateOpenings ?? null, tables: SESSION_TABLES },
  { id: 'Terlambat buka (menit)', en: 'Late opening (min)', value: (r) => round2(r.punctuality?.lateOpeningMinutes ?? null), tables: SESSION_TABLES },
  { id: 'Tutup lebih awal', en: 'Early closings', value: (r) => r.punctuality?.earlyClosings ?? null, tables: SESSION_TABLES },
  {
    id: 'Tutup lebih awal (menit)',
    en: 'Early closing (min)',
    value: (r) => round2(r.punctuality?.earlyClosingMinutes ?? null),
    tables: SESSION_TABLES,
  },
  { id: 'Istirahat melebihi batas', en: 'Break overruns', value: (r) => r.punctuality?.breakOverruns ?? null, tables: SESSION_TABLES },
  {
    id: 'Kelebihan istirahat (menit)',
    en: 'Break overrun (min)',
    value: (r) => round2(r.punctuality?.breakOverrunMinutes ?? null),
    tables: SESSION_TABLES,
  },
  {
    id: 'Menganggur saat ada antrean (menit)',
    en: 'Idle while people waited (min)',
    value: (r) => round2(r.punctuality?.idleWhileWaitingMinutes ?? null),
    tables: SESSION_TABLES,
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
    tables: SESSION_TABLES,
  },
  {
    id: 'Cek awal shift: butir berlaku',
    en: 'Shift-start check: items applicable',
    value: (r) => r.etiquette.shiftStart.applicable,
    tables: SESSION_TABLES,
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

/** The rows of figures under their headers: code, label, then every column the table has. */
function figuresSheet(table: FiguresTable, rows: readonly FiguresRow[], lang: CsvLanguage): Sheet {
  const columns = COLUMNS.filter((column) => !column.tables || column.tables.includes(table));
  return {
    header: [CODE_HEADER[table][lang], LABEL_HEADER[table][lang], ...columns.map((column) => column[lang])],
    rows: rows.map((row) => [row.code, row.label, ...columns.map((column) => column.value(row))]),
  };
}

/** One table of the office report, the office total last. */
export function reportSheet(report: OfficeReportView, table: ReportTable, lang: CsvLanguage): Sheet {
  return figuresSheet(table, [...report.tables[table], { ...report.total, code: null, label: TOTAL_LABEL[lang] }], lang);
}

/** The regional report: a row per office (its slug, its name, its total). */
export function regionalSheet(report: RegionalReportView, lang: CsvLanguage): Sheet {
  return figuresSheet(REGIONAL_REPORT_TABLE, report.rows, lang);
}

/** A sheet as CSV in the language's dialect, with the byte-order mark. */
export function csvOf(sheet: Sheet, lang: CsvLanguage): string {
  const { separator } = CSV_DIALECT[lang];
  const line = (cells: readonly Cell[]) => cells.map((value) => csvField(value, lang)).join(separator);
  return `\uFEFF${[line(sheet.header), ...sheet.rows.map(line)].join('\r\n')}\r\n`;
}

export function reportCsv(report: OfficeReportView, table: ReportTable, lang: CsvLanguage): string {
  return csvOf(reportSheet(report, table, lang), lang);
}

/** A report's period as file names carry it: the day, or the first and last day. */
function periodPart(period: { from: string; to: string }): string {
  return period.from === period.to ? period.from : `${period.from}_${period.to}`;
}

export function reportCsvFilename(report: OfficeReportView, table: ReportTable, lang: CsvLanguage): string {
  const name = {
    id: { services: 'layanan', counters: 'loket', officers: 'petugas' },
    en: { services: 'services', counters: 'counters', officers: 'officers' },
  }[lang][table];
  return `${lang === 'id' ? 'laporan' : 'report'}-${report.office.slug}-${name}-${periodPart(report.period)}.csv`;
}

/** `laporan-wilayah-<period>.csv` (Indonesian), `regional-report-<period>.xlsx` (English). */
export function regionalReportFilename(report: RegionalReportView, lang: CsvLanguage, extension: 'csv' | 'xlsx'): string {
  return `${lang === 'id' ? 'laporan-wilayah' : 'regional-report'}-${periodPart(report.period)}.${extension}`;
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
  const columns = bookingColumns(report.bookings.punctualityMinutes);
  const values = (first: Cell[], row: BookingFigures) => [...first, ...columns.map((column) => column.value(row))];
  return csvOf(
    {
      header: [lang === 'id' ? 'Tanggal' : 'Day', CODE_HEADER.services[lang], LABEL_HEADER.services[lang], ...columns.map((column) => column[lang])],
      rows: [...report.bookings.rows.map((row) => values([row.day, row.code, row.label], row)), values([null, null, TOTAL_LABEL[lang]], report.bookings.total)],
    },
    lang,
  );
}

export function bookingsCsvFilename(report: OfficeReportView, lang: CsvLanguage): string {
  return `${lang === 'id' ? 'laporan' : 'report'}-${report.office.slug}-booking-${periodPart(report.period)}.csv`;
}
