import { type ChartAnswer, chartsPeriod, supervisionCharts } from './supervision-charts.js';
import type { TicketEventRecord } from './measures.js';

const JAKARTA = 'Asia/Jakarta';
const at = (day: string, hhmm: string) => Date.parse(`${day}T${hhmm}:00+07:00`);
const services = [
  { id: 'A', code: 'A', name: 'Akta', maxWaitMinutes: 30, serviceTimeMinutes: 10 },
  { id: 'B', code: 'B', name: 'Berkas', maxWaitMinutes: 60, serviceTimeMinutes: 15 },
];
const ev = (ticketId: string, type: TicketEventRecord['type'], hhmm: string, serviceId: string) => ({ ticketId, type, at: at('2026-11-30', hhmm), serviceId });
const answer = (
  staffId: string,
  staffName: string,
  itemCode: string,
  method: ChartAnswer['method'],
  value: ChartAnswer['answer'],
  itemLabel: string | null = itemCode.toUpperCase(),
): ChartAnswer => ({
  method,
  answer: value,
  staffId,
  staffName,
  itemCode,
  itemLabel,
});

describe('the charts period', () => {
  it('runs from the first of the last N office-local days to the midnight after today', () => {
    expect(chartsPeriod('2026-11-30', 1, JAKARTA)).toEqual({ from: at('2026-11-30', '00:00'), to: at('2026-12-01', '00:00') });
    expect(chartsPeriod('2026-12-01', 7, JAKARTA)).toEqual({ from: at('2026-11-25', '00:00'), to: at('2026-12-02', '00:00') });
  });
});

describe('the supervisor’s wait chart', () => {
  it('holds a priority ticket to the priority maximum wait', () => {
    const { from, to } = chartsPeriod('2026-11-30', 1, JAKARTA);
    const charts = supervisionCharts({
      from,
      to,
      days: 1,
      timeZone: JAKARTA,
      services,
      priorityMaxWaitMinutes: 10,
      ticketEvents: [
        { ...ev('p', 'issued', '08:00', 'A'), priority: true },
        { ...ev('p', 'called', '08:11', 'A'), priority: true },
      ],
      answers: [],
      surveys: [],
    });
    expect(charts.waitsByHour).toEqual([{ hour: 8, tickets: 1, averageWaitMinutes: 11, standardMinutes: 10, withinStandardShare: 0 }]);
  });
});

describe('the supervisor’s charts', () => {
  const { from, to } = chartsPeriod('2026-11-30', 1, JAKARTA);
  const charts = supervisionCharts({
    from,
    to,
    days: 1,
    timeZone: JAKARTA,
    services,
    priorityMaxWaitMinutes: 10,
    ticketEvents: [
      // t1 waits 10 min in A, served 12; t2 waits 40 in A and is served 8; t3 is still waiting.
      ev('t1', 'issued', '08:00', 'A'),
      ev('t1', 'called', '08:10', 'A'),
      ev('t1', 'started', '08:10', 'A'),
      ev('t1', 'finished', '08:22', 'A'),
      ev('t2', 'issued', '08:20', 'A'),
      ev('t2', 'called', '09:00', 'A'),
      ev('t2', 'started', '09:00', 'A'),
      ev('t2', 'finished', '09:08', 'A'),
      ev('t3', 'issued', '09:30', 'B'),
    ],
    answers: [
      answer('o2', 'Siti', 'salam', 'self', 'checked'),
      answer('o1', 'Budi', 'salam', 'one_key', 'checked'),
      answer('o1', 'Budi', 'senyum', 'observed', 'not_checked', null),
    ],
    surveys: [{ u1: 4, u2: 4, u3: 4, u4: 4, u5: 4, u6: 4, u7: 4, u8: 4, u9: 4 }],
  });

  it('states the period as instants in the office zone', () => {
    expect(charts).toMatchObject({ from: '2026-11-29T17:00:00.000Z', to: '2026-11-30T17:00:00.000Z', days: 1, timeZone: JAKARTA });
  });

  it('puts each measured wait in the hour of its call and in its length bucket', () => {
    expect(charts.waitsByHour).toEqual([
      { hour: 8, tickets: 1, averageWaitMinutes: 10, standardMinutes: 30, withinStandardShare: 1 },
      { hour: 9, tickets: 1, averageWaitMinutes: 40, standardMinutes: 30, withinStandardShare: 0 },
    ]);
    expect(charts.waitDistribution.filter((bucket) => bucket.tickets > 0)).toEqual([
      { fromMinutes: 10, toMinutes: 15, tickets: 1 },
      { fromMinutes: 30, toMinutes: 45, tickets: 1 },
    ]);
  });

  it('has a service-time bar for every service, served or not', () => {
    expect(charts.serviceTimes).toEqual([
      { serviceId: 'A', code: 'A', name: 'Akta', served: 2, averageMinutes: 10, standardMinutes: 10 },
      { serviceId: 'B', code: 'B', name: 'Berkas', served: 0, averageMinutes: null, standardMinutes: 15 },
    ]);
  });

  it('keeps self-checks and observations apart, per officer by name and per item (a removed item by its code)', () => {
    expect(charts.etiquetteByOfficer.map((row) => row.name)).toEqual(['Budi', 'Siti']);
    expect(charts.etiquetteByOfficer[0]).toMatchObject({ staffId: 'o1', self: { checked: 1, applicable: 1 }, observed: { checked: 0, applicable: 1 } });
    expect(charts.etiquetteByItem).toEqual([
      { code: 'salam', label: 'SALAM', self: { checked: 2, applicable: 2, ratio: 1 }, observed: { checked: 0, applicable: 0, ratio: null } },
      { code: 'senyum', label: 'senyum', self: { checked: 0, applicable: 0, ratio: null }, observed: { checked: 0, applicable: 1, ratio: 0 } },
    ]);
  });

  it('indexes the satisfaction surveys of the period', () => {
    expect(charts.satisfaction).toMatchObject({ responses: 1, ikm: 100 });
  });
});
