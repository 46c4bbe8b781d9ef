import { AGENCY_FAILING_SHARE, agencyFailing, buildingFigures } from './building.js';
import { satisfactionIndex, surveyTotals } from './satisfaction.js';
import { supervisionFigures } from './supervision-figures.js';
import { agencyView } from './testing/index.js';
import { onTestDay, twoAgencyBuilding as building } from './testing/supervision.js';

// The building: Dukcapil's A and K at counters 1 and 2 (counter 2 opened 12 minutes late), Samsat's S at
// counter 3, scheduled and not opened by 09:00; A-004, S-001 and S-002 waiting (testing/supervision.ts).
const at = onTestDay;

describe('the building manager’s rows', () => {
  it('puts each agency side by side from the live figures: waiting, within the standard, counters, punctuality', () => {
    const state = building();
    const now = at('09:00');
    const [dukcapil, samsat] = buildingFigures(state, supervisionFigures(state, now), null);
    expect(dukcapil).toMatchObject({
      agency: { id: 'dukcapil' },
      waitingNow: 1,
      longestWaitMinutes: 30,
      measuredWaits: 3,
      countersOpen: 2,
      counters: 2,
      punctuality: { scheduled: 2, onTime: 1, share: 0.5, minutesLost: 12 },
      ikm: null,
    });
    // Pooled over its services' waits (2 of 3), not the mean of A's ½ and K's 1.
    expect(dukcapil.withinStandardShare).toBeCloseTo(2 / 3, 10);
    expect(samsat).toMatchObject({
      agency: { id: 'samsat' },
      waitingNow: 2,
      longestWaitMinutes: 40,
      withinStandardShare: null,
      measuredWaits: 0,
      countersOpen: 0,
      counters: 1,
      // Scheduled since 08:00 and not open at 09:00: an hour lost.
      punctuality: { scheduled: 1, onTime: 0, share: 0, minutesLost: 60 },
    });
  });

  it('gives each agency the IKM of its period’s answers, the same index the answers themselves give', () => {
    const state = building();
    const answers = [
      { u1: 4, u2: 3, u3: 3, u4: 4, u5: 3, u6: 4, u7: 4, u8: 2, u9: 3 },
      { u1: 3, u2: 3, u3: 4, u4: 4, u5: 4, u6: 3, u7: 4, u8: 3, u9: null },
    ] as const;
    const surveys = { from: '2026-07-01', to: '2026-12-31', agencies: [{ agencyId: 'dukcapil', totals: surveyTotals(answers as never) }] };
    const [dukcapil, samsat] = buildingFigures(state, supervisionFigures(state, at('09:00')), surveys);
    expect(dukcapil.ikm).toEqual(satisfactionIndex(answers as never));
    expect(dukcapil.ikm?.ikm).toBeGreaterThan(80);
    expect(samsat.ikm).toBeNull();
  });

  it('has one row per agency, in the office’s order, an agency without services or counters included', () => {
    const state = building();
    state.office.agencies.push(agencyView({ id: 'imigrasi', shortName: 'Imigrasi', sortOrder: 2 }));
    const rows = buildingFigures(state, supervisionFigures(state, at('09:00')), null);
    expect(rows.map((row) => row.agency.id)).toEqual(['dukcapil', 'samsat', 'imigrasi']);
    expect(rows[2]).toMatchObject({ waitingNow: 0, counters: 0, withinStandardShare: null, punctuality: { scheduled: 0, share: null, minutesLost: 0 } });
  });
});

describe('an agency failing its promise today', () => {
  const punctuality = (share: number | null) => ({ scheduled: 4, onTime: 0, share, minutesLost: 0 });

  it('is one under half its waits within the standard, or with most of its counters late', () => {
    expect(agencyFailing({ withinStandardShare: 0.49, punctuality: punctuality(1) })).toBe(true);
    expect(agencyFailing({ withinStandardShare: 0.9, punctuality: punctuality(0.25) })).toBe(true);
  });

  it('is not one at the line itself, nor one with nothing measured yet', () => {
    expect(agencyFailing({ withinStandardShare: AGENCY_FAILING_SHARE, punctuality: punctuality(AGENCY_FAILING_SHARE) })).toBe(false);
    expect(agencyFailing({ withinStandardShare: null, punctuality: punctuality(null) })).toBe(false);
  });
});
