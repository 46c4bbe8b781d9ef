import type { ComplaintStaffView } from '@loket/domain';
import { type Cell, csvOf } from '../reports/report-csv.js';
import type { CsvLanguage } from '../reports/dto/report-query.dto.js';

const COLUMNS: { id: string; en: string; value: (c: ComplaintStaffView) => Cell }[] = [
  { id: 'Nomor', en: 'Number', value: (c) => c.number },
  { id: 'Diajukan', en: 'Filed', value: (c) => c.filedAt },
  { id: 'Saluran', en: 'Channel', value: (c) => c.channel },
  { id: 'Layanan', en: 'Service', value: (c) => c.serviceName },
  { id: 'Kategori', en: 'Category', value: (c) => c.category },
  { id: 'Isi pengaduan', en: 'Complaint', value: (c) => c.description },
  { id: 'Status', en: 'Status', value: (c) => c.status },
  { id: 'Batas waktu', en: 'Deadline', value: (c) => c.dueAt },
  { id: 'Selesai', en: 'Closed', value: (c) => c.closedAt },
  { id: 'Tepat waktu', en: 'On time', value: (c) => (c.closedAt === null ? null : c.closedAt <= c.dueAt) },
  { id: 'Alasan ditolak', en: 'Rejection reason', value: (c) => c.rejectionReason },
  { id: 'Jawaban', en: 'Reply', value: (c) => c.publicReply },
  { id: 'Nomor LAPOR!', en: 'LAPOR! number', value: (c) => c.laporNumber },
];

/**
 * The complaints of a period, one a row, for the office's own records. Contacts are left out:
 * a file that travels should not carry them. The citizen's text goes through the same
 * formula-injection guard as every report cell (a leading = + - @ gets an apostrophe).
 */
export function complaintsCsv(rows: readonly ComplaintStaffView[], lang: CsvLanguage): string {
  return csvOf({ header: COLUMNS.map((column) => column[lang]), rows: rows.map((row) => COLUMNS.map((column) => column.value(row))) }, lang);
}
