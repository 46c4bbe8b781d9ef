import { buildingFigures } from './building.js';
import {
  type RegionalOfficeRow,
  REGIONAL_RULES,
  applyRegionalRow,
  openAt,
  regionalFailures,
  regionalOfficeRow,
  sortRegionalRows,
  sumSurveyTotals,
} from './regional.js';
import { satisfactionIndex, surveyTotals } from './satisfaction.js';
import { type SupervisionState, supervisionFigures } from './supervision-figures.js';
import { ticketView } from './testing/index.js';
import { buildingWaiting, isoOnTestDay, onTestDay, supervisionEvent, twoAgencyBuilding } from './testing/supervision.js';

const at = onTestDay;
const event = supervisionEvent;

/**
 * The building of testing/supervision.ts, with K-002 (Dukcapil's K, maximum 60) waiting since
 * 08:10 instead of S-002. At 09:00 S-001 has waited 40 minutes (past its 30), A-004 30 minutes
 * (at its maximum), K-002 50 (within its 60); today's waits: A 2 and 40 minutes, K 5.
 */
function office(): SupervisionState {
  const [a004, s001] = buildingWaiting();
  return twoAgencyBuilding([a004, s001, ticketView({ id: 't6', number: 'K-002', serviceId: 'k', issuedAt: isoOnTestDay('08:10') })]);
}

const ANSWERS = [
  { u1: 4, u2: 3, u3: 3, u4: 4, u5: 3, u6: 4, u7: 4, u8: 2, u9: 3 },
  { u1: 3, u2: 3, u3: 4, u4: 4, u5: 4, u6: 3, u7: 4, u8: 3, u9: 2 },
  { u1: 2, u2: 2, u3: 2, u4: 3, u5: 2, u6: 2, u7: 3, u8: 2, u9: 2 },
] as const;

function row(name: string, overrides: Partial<RegionalOfficeRow> = {}): RegionalOfficeRow {
  const base: Omit<RegionalOfficeRow, 'failing'> = {
    office: { id: name, slug: name.toLowerCase().replace(/ /g, '-'), name, timeZone: 'Asia/Jakarta' },
    seq: 1,
    at: at('09:00'),
    open: true,
    waitingNow: 0,
    longestWait: null,
    countersOpen: 1,
    countersScheduled: 1,
    withinStandardShare: 1,
    measuredWaits: 10,
    ikm: null,
    openAlerts: 0,
    ...overrides,
  };
  return { ...base, failing: overrides.failing ?? regionalFailures(base) };
}

describe('an office’s row on the regional dashboard', () => {
  it('pools the office’s live figures: waiting, the longest wait against its maximum, counters open against scheduled, within the standard', () => {
    const state = office();
    const now = at('09:00');
    const figures = supervisionFigures(state, now, { estimates: false });
    const result = regionalOfficeRow(state, figures, { now, surveys: null, openAlerts: 2 });
    expect(result).toMatchObject({
      office: { id: 'o1', slug: 'mpp-satu', name: 'MPP Satu', timeZone: 'Asia/Jakarta' },
      seq: 41,
      at: now,
      open: true,
      waitingNow: 3,
      // S-001's 40 of 30 is further past its maximum than K-002's 50 of 60 or A-004's 30 of 30.
      longestWait: { serviceCode: 'S', serviceName: 'Pajak kendaraan', minutes: 40, maxWaitMinutes: 30 },
      countersOpen: 2,
      countersScheduled: 3,
      measuredWaits: 3,
      ikm: null,
      openAlerts: 2,
      failing: ['over_max_wait', 'counters_short', 'open_alerts'],
    });
    // 2 of 3 within: not under half.
    expect(result.withinStandardShare).toBeCloseTo(2 / 3, 10);
  });

  it('reads the same figures as the building manager’s rows: the office is the sum of its agencies', () => {
    const state = office();
    const now = at('09:00');
    const figures = supervisionFigures(state, now);
    const agencies = buildingFigures(state, figures, null);
    const result = regionalOfficeRow(state, figures, { now, surveys: null, openAlerts: 0 });
    expect(result.waitingNow).toBe(agencies.reduce((total, agency) => total + agency.waitingNow, 0));
    expect(result.countersOpen).toBe(agencies.reduce((total, agency) => total + agency.countersOpen, 0));
    expect(result.measuredWaits).toBe(agencies.reduce((total, agency) => total + agency.measuredWaits, 0));
    const within = agencies.reduce((total, agency) => total + (agency.withinStandardShare ?? 0) * agency.measuredWaits, 0);
    expect(result.withinStandardShare).toBeCloseTo(within / result.measuredWaits, 10);
  });

  it('moves with the events: nobody past the maximum once S-001 is called, every counter open', () => {
    const state = office();
    state.office.waiting = state.office.waiting.filter((ticket) => ticket.id !== 't5');
    state.office.counters[2] = { ...state.office.counters[2], state: 'open' };
    state.ticketEvents.push(event('t5', 's', 'called', '08:45', 'c3'));
    state.counterEvents.push({ counterId: 'c3', type: 'opened', at: at('08:45') });
    const now = at('09:00');
    const result = regionalOfficeRow(state, supervisionFigures(state, now, { estimates: false }), { now, surveys: null, openAlerts: 0 });
    // A-004's 30 of 30 is at its maximum, not past it (K-002's 50 of 60 is a smaller share).
    expect(result.longestWait).toMatchObject({ serviceCode: 'A', minutes: 30, maxWaitMinutes: 30 });
    expect(result).toMatchObject({ waitingNow: 2, countersOpen: 3, countersScheduled: 3, measuredWaits: 4 });
    expect(result.failing).toEqual([]);
    // Three K tickets called past their 60 minutes: 3 of 7 within, under half (and A-004 is past its 30 by then).
    for (const [id, minute] of [
      ['t7', '08:01'],
      ['t8', '08:02'],
      ['t9', '08:03'],
    ] as const) {
      state.ticketEvents.push(event(id, 'k', 'issued', minute), event(id, 'k', 'called', '09:05', 'c1'));
    }
    const later = at('09:10');
    const failing = regionalOfficeRow(state, supervisionFigures(state, later, { estimates: false }), { now: later, surveys: null, openAlerts: 0 });
    expect(failing.measuredWaits).toBe(7);
    expect(failing.withinStandardShare).toBeCloseTo(3 / 7, 10);
    expect(failing.failing).toEqual(['over_max_wait', 'below_standard']);
    // After the counters' hours nobody is scheduled.
    const evening = at('16:00');
    expect(
      regionalOfficeRow(state, supervisionFigures(state, evening, { estimates: false }), { now: evening, surveys: null, openAlerts: 0 }).countersScheduled,
    ).toBe(0);
  });

  it('gives the IKM of the period over every answer of the office, and fails it under grade B', () => {
    const state = office();
    const now = at('09:00');
    const figures = supervisionFigures(state, now, { estimates: false });
    const byAgency = [surveyTotals(ANSWERS.slice(0, 2) as never), surveyTotals(ANSWERS.slice(2) as never)];
    const result = regionalOfficeRow(state, figures, { now, surveys: sumSurveyTotals(byAgency), openAlerts: 0 });
    expect(result.ikm).toEqual(satisfactionIndex(ANSWERS as never));
    expect(result.ikm?.ikm).toBeLessThan(REGIONAL_RULES.ikmFloor);
    expect(result.failing).toContain('ikm_low');
    const good = regionalOfficeRow(state, figures, { now, surveys: surveyTotals(ANSWERS.slice(0, 2) as never), openAlerts: 0 });
    expect(good.ikm?.ikm).toBeGreaterThanOrEqual(REGIONAL_RULES.ikmFloor);
    expect(good.failing).not.toContain('ikm_low');
  });

  it('is open or closed by the time its snapshot said it closes or opens, not by when the snapshot was read', () => {
    const open = { open: true, closesAt: isoOnTestDay('15:00'), opensAt: null, reason: null, reasonText: null, holidayToday: null, closureToday: null };
    expect(openAt(open, at('14:59'))).toBe(true);
    expect(openAt(open, at('15:00'))).toBe(false);
    expect(openAt({ ...open, closesAt: null }, at('23:00'))).toBe(true);
    const closed = { ...open, open: false, closesAt: null, opensAt: isoOnTestDay('08:00'), reason: 'outside_hours' as const };
    expect(openAt(closed, at('07:59'))).toBe(false);
    expect(openAt(closed, at('08:00'))).toBe(true);
    expect(openAt({ ...closed, opensAt: null }, at('12:00'))).toBe(false);
  });
});

describe('where are we failing', () => {
  it('puts the offices failing on most figures first, then the longest wait furthest past its maximum, then the lowest share', () => {
    const quiet = row('Kecamatan Damai');
    const alerts = row('Kecamatan Alarm', { openAlerts: 3 });
    const late = row('Kecamatan Lambat', { longestWait: { serviceCode: 'A', serviceName: 'KTP-el', minutes: 90, maxWaitMinutes: 30 }, openAlerts: 1 });
    const worse = row('MPP Kota', {
      longestWait: { serviceCode: 'B', serviceName: 'KK', minutes: 45, maxWaitMinutes: 30 },
      countersOpen: 2,
      countersScheduled: 5,
      openAlerts: 1,
    });
    const slightly = row('MPP Desa', { longestWait: { serviceCode: 'B', serviceName: 'KK', minutes: 40, maxWaitMinutes: 30 }, openAlerts: 1 });
    const lowShare = row('Kantor Rendah', { withinStandardShare: 0.45 });
    const lowerShare = row('Kantor Terendah', { withinStandardShare: 0.4 });
    // Half within is not under half.
    expect(row('Kantor Separuh', { withinStandardShare: 0.5 }).failing).toEqual([]);
    const closed = row('Kantor Tutup', { open: false, countersScheduled: 0, countersOpen: 0, withinStandardShare: null, measuredWaits: 0 });
    expect(worse.failing).toEqual(['over_max_wait', 'counters_short', 'open_alerts']);
    const sorted = sortRegionalRows([quiet, closed, lowShare, alerts, slightly, worse, lowerShare, late]);
    expect(sorted.map((r) => r.office.name)).toEqual([
      'MPP Kota',
      // Two failures each: 90 of 30 before 40 of 30.
      'Kecamatan Lambat',
      'MPP Desa',
      // One failure each: the lowest share first, an alert alone (share 1) after.
      'Kantor Terendah',
      'Kantor Rendah',
      'Kecamatan Alarm',
      // Nothing failing: a measured share before none, then by name.
      'Kecamatan Damai',
      'Kantor Tutup',
    ]);
  });

  it('takes a live row for its office only when it is not older, and sorts again', () => {
    const a = row('Kantor A', { seq: 5 });
    const b = row('Kantor B', { seq: 9 });
    const rows = sortRegionalRows([a, b]);
    const failingB = row('Kantor B', { seq: 10, openAlerts: 1 });
    expect(applyRegionalRow(rows, failingB).map((r) => [r.office.name, r.seq])).toEqual([
      ['Kantor B', 10],
      ['Kantor A', 5],
    ]);
    // An older row (a slower instance's) changes nothing; nor does an office outside the set.
    expect(applyRegionalRow(applyRegionalRow(rows, failingB), row('Kantor B', { seq: 9 })).map((r) => r.seq)).toEqual([10, 5]);
    expect(applyRegionalRow(rows, row('Kantor C', { seq: 99 }))).toEqual(rows);
    // The same number, later: the clock moved the figures.
    const later = row('Kantor A', { seq: 5, at: at('09:05'), withinStandardShare: 0.1 });
    expect(applyRegionalRow(rows, later)[0]).toBe(later);
  });
});
