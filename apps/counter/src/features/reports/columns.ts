/** What each report table shows, section by section, and how each figure reads on screen and on paper. */
import { type REGIONAL_REPORT_TABLE, type ReportFigures, type ReportTable, SURVEY_ELEMENT_CODES } from '@loket/domain';
import type { ReportFormat } from './format';

type Translate = (key: string, values?: Record<string, unknown>) => string;

export interface ReportColumn {
  key: string;
  label: string;
  cell: (figures: ReportFigures) => string;
}

export interface ReportSection {
  key: 'volume' | 'service' | 'quality' | 'nrr';
  columns: ReportColumn[];
}

export function reportSections(table: ReportTable | typeof REGIONAL_REPORT_TABLE, t: Translate, format: ReportFormat): ReportSection[] {
  // An office's row (the regional report) is its whole-office total: it has every column, the tickets issued and the punctuality alike.
  const issuedColumn = table === 'services' || table === 'offices';
  const perService = table === 'services';
  const { integer: formatInteger, minutes: formatMinutes, percent: formatPercent, twoDecimals: formatTwoDecimals } = format;
  const none = t('reports.value.none');
  const minutes = (value: number | null) => (value === null ? none : t('reports.value.minutes', { value: formatMinutes(value) }));
  const share = (ratio: number | null) => (ratio === null ? none : formatPercent(ratio));
  const count = (value: number) => formatInteger(value);
  const column = (key: string, cell: ReportColumn['cell']): ReportColumn => ({ key, label: t(`reports.columns.${key}`), cell });
  const punctual = (pick: (p: NonNullable<ReportFigures['punctuality']>) => [number, number]) => (f: ReportFigures) => {
    if (!f.punctuality || f.punctuality.counterDays === 0) return none;
    const [n, m] = pick(f.punctuality);
    return t('reports.value.countMinutes', { count: count(n), minutes: formatMinutes(m) });
  };
  const etiquette = (pick: (f: ReportFigures) => { ratio: number | null; applicable: number }) => (f: ReportFigures) => {
    const c = pick(f);
    return c.ratio === null ? none : t('reports.value.percentOf', { percent: formatPercent(c.ratio), applicable: count(c.applicable) });
  };

  const volume: ReportColumn[] = [
    ...(issuedColumn ? [column('issued', (f) => count(f.counts.issued))] : []),
    column('served', (f) => count(f.counts.served)),
    column('noShows', (f) => count(f.counts.noShows)),
    column('cancelled', (f) => count(f.counts.cancelled)),
    column('closedEndOfDay', (f) => count(f.counts.closedEndOfDay)),
    column('transferred', (f) => count(f.counts.transferred)),
    column('waitAverage', (f) => minutes(f.waiting.averageMinutes)),
    column('waitMedian', (f) => minutes(f.waiting.medianMinutes)),
    column('waitP90', (f) => minutes(f.waiting.p90Minutes)),
    column('waitWithin', (f) => share(f.waiting.shareWithinStandard)),
  ];
  const service: ReportColumn[] = [
    column('serviceAverage', (f) => minutes(f.serviceTime.averageMinutes)),
    column('serviceStandard', (f) => minutes(f.serviceTime.standardMinutes)),
    column('serviceWithin', (f) => share(f.serviceTime.shareWithinStandard)),
    ...(perService
      ? []
      : [
          column(
            'lateOpenings',
            punctual((p) => [p.lateOpenings, p.lateOpeningMinutes]),
          ),
          column(
            'earlyClosings',
            punctual((p) => [p.earlyClosings, p.earlyClosingMinutes]),
          ),
          column(
            'breakOverruns',
            punctual((p) => [p.breakOverruns, p.breakOverrunMinutes]),
          ),
          column('idle', (f) => (f.punctuality && f.punctuality.counterDays > 0 ? minutes(f.punctuality.idleWhileWaitingMinutes) : none)),
        ]),
  ];
  const quality: ReportColumn[] = [
    // One definition (etiquetteFigures in libs/domain), the same figure as the desk and the charts show.
    column(
      'etiquetteInteractions',
      etiquette((f) => f.etiquette.interactions),
    ),
    column('etiquetteOneKey', (f) => (f.etiquette.interactions.applicable === 0 ? none : t('reports.value.items', { count: count(f.etiquette.oneKeyItems) }))),
    column(
      'etiquetteObserved',
      etiquette((f) => f.etiquette.observed),
    ),
    ...(perService
      ? []
      : [
          column(
            'etiquetteShift',
            etiquette((f) => f.etiquette.shiftStart),
          ),
        ]),
    column('responses', (f) =>
      f.satisfaction.served === 0 && f.satisfaction.responses === 0
        ? none
        : t('reports.value.responsesOf', { responses: count(f.satisfaction.responses), served: count(f.satisfaction.served) }),
    ),
    column('sampleSize', (f) =>
      f.satisfaction.served === 0
        ? none
        : `${count(f.satisfaction.sampleSize)} (${t(f.satisfaction.sampleReached ? 'reports.value.reached' : 'reports.value.notReached')})`,
    ),
    column('ikm', (f) => (f.satisfaction.ikm === null ? none : formatTwoDecimals(f.satisfaction.ikm))),
    column('grade', (f) => (f.satisfaction.grade === null ? none : t(`reports.grade.${f.satisfaction.grade}`))),
  ];
  const nrr: ReportColumn[] = SURVEY_ELEMENT_CODES.map((code) => ({
    key: code,
    label: code.toUpperCase(),
    cell: (f: ReportFigures) => {
      const value = f.satisfaction.nrr[code];
      return value === null ? none : formatTwoDecimals(value);
    },
  }));
  return [
    { key: 'volume', columns: volume },
    { key: 'service', columns: service },
    { key: 'quality', columns: quality },
    { key: 'nrr', columns: nrr },
  ];
}
