/** The two studies: how good the wait estimate is, and what earliest-due-first buys over first-come-first-served. */
import { MINUTE_MS, calledWithinSlot, mean, shareWithinStandard } from '@loket/domain';
import type { DayTrace } from './day.js';
import type { DayResult, TicketRecord } from './engine.js';
import { max, percentile, round } from './stats.js';

export interface ErrorStats {
  tickets: number;
  mae: number | null;
  p90AbsError: number | null;
  /** Mean of estimate − real wait: positive promises too long a wait, negative too short. */
  bias: number | null;
}

export interface EstimateRow {
  scope: string;
  tickets: number;
  meanWait: number | null;
  ours: ErrorStats;
  naive: ErrorStats;
}

export interface EstimateStudy {
  rows: EstimateRow[];
  /** Our MAE relative to the naive one's, overall (goal: ≤ 0.70). */
  maeRatio: number | null;
  /** Our MAE relative to the mean wait, overall (goal: < 0.25). */
  maeShareOfMeanWait: number | null;
  goalsMet: { thirtyPercentBelowNaive: boolean; belowQuarterOfMeanWait: boolean };
  /**
   * The same forecast told what no product can know (the day's real arrivals still to come,
   * every break still to be taken): its MAE relative to the mean wait, over the same tickets.
   * What is left is chance in the service times. Null when not measured (the live run).
   */
  informedShareOfMeanWait: number | null;
  /** Tickets with no estimate from one or both (no counter open yet): left out of the comparison. */
  withoutEstimate: number;
}

function errorStats(pairs: { estimate: number; wait: number }[]): ErrorStats {
  const errors = pairs.map((pair) => pair.estimate - pair.wait);
  const absolute = errors.map(Math.abs);
  return { tickets: pairs.length, mae: round(mean(absolute), 2), p90AbsError: round(percentile(absolute, 90), 2), bias: round(mean(errors), 2) };
}

export function estimateStudy(day: DayResult): EstimateStudy {
  const called = day.tickets.filter((ticket) => ticket.waitMinutes !== null);
  const compared = called.filter((ticket) => ticket.estimate.ours !== null && ticket.estimate.naive !== null);
  const row = (scope: string, tickets: TicketRecord[]): EstimateRow => ({
    scope,
    tickets: tickets.length,
    meanWait: round(mean(tickets.map((ticket) => ticket.waitMinutes!)), 2),
    ours: errorStats(tickets.map((ticket) => ({ estimate: ticket.estimate.ours!, wait: ticket.waitMinutes! }))),
    naive: errorStats(tickets.map((ticket) => ({ estimate: ticket.estimate.naive!, wait: ticket.waitMinutes! }))),
  });
  const services = [...new Set(compared.map((ticket) => ticket.service))];
  const overall = row('all', compared);
  const rows = [
    overall,
    ...services.map((code) =>
      row(
        code,
        compared.filter((ticket) => ticket.service === code),
      ),
    ),
    row(
      'priority',
      compared.filter((ticket) => ticket.priority),
    ),
  ];
  const maeRatio = overall.ours.mae !== null && overall.naive.mae ? round(overall.ours.mae / overall.naive.mae, 3) : null;
  const maeShareOfMeanWait = overall.ours.mae !== null && overall.meanWait ? round(overall.ours.mae / overall.meanWait, 3) : null;
  const informed = compared.filter((ticket) => ticket.estimate.informed !== null);
  const informedMae =
    informed.length === compared.length && compared.length > 0
      ? errorStats(informed.map((ticket) => ({ estimate: ticket.estimate.informed!, wait: ticket.waitMinutes! }))).mae
      : null;
  return {
    rows,
    maeRatio,
    maeShareOfMeanWait,
    goalsMet: {
      thirtyPercentBelowNaive: maeRatio !== null && maeRatio <= 0.7,
      belowQuarterOfMeanWait: maeShareOfMeanWait !== null && maeShareOfMeanWait < 0.25,
    },
    withoutEstimate: called.length - compared.length,
    informedShareOfMeanWait: informedMae !== null && overall.meanWait ? round(informedMae / overall.meanWait, 3) : null,
  };
}

export interface PolicyRow {
  policy: string;
  tickets: number;
  withinStandard: number | null;
  meanWait: number | null;
  p90Wait: number | null;
  longestWait: number | null;
  priorityMeanWait: number | null;
  priorityLongestWait: number | null;
  priorityWithinStandard: number | null;
  /** Share within standard per service. */
  perService: Record<string, number | null>;
}

export function policyRow(day: DayResult): PolicyRow {
  const called = day.tickets.filter((ticket) => ticket.waitMinutes !== null);
  const waits = called.map((ticket) => ticket.waitMinutes!);
  const priority = called.filter((ticket) => ticket.priority);
  // A ticket's record already carries its own standard: the priority maximum for a priority ticket (maxWaitFor).
  const priorityWithin = shareWithinStandard(priority.map((ticket) => ({ waitingMinutes: ticket.waitMinutes, maxWaitMinutes: ticket.maxWaitMinutes })));
  const services = [...new Set(called.map((ticket) => ticket.service))].sort();
  return {
    policy: day.policy === 'edf' ? 'earliest due first (Loket)' : 'first come, first served',
    tickets: called.length,
    withinStandard: shareWithinStandard(called.map((ticket) => ({ waitingMinutes: ticket.waitMinutes, maxWaitMinutes: ticket.maxWaitMinutes }))),
    meanWait: round(mean(waits), 1),
    p90Wait: round(percentile(waits, 90), 1),
    longestWait: round(max(waits), 1),
    priorityMeanWait: round(mean(priority.map((ticket) => ticket.waitMinutes!)), 1),
    priorityLongestWait: round(max(priority.map((ticket) => ticket.waitMinutes!)), 1),
    priorityWithinStandard: priorityWithin,
    perService: Object.fromEntries(
      services.map((code) => [
        code,
        shareWithinStandard(
          called.filter((ticket) => ticket.service === code).map((ticket) => ({ waitingMinutes: ticket.waitMinutes, maxWaitMinutes: ticket.maxWaitMinutes })),
        ),
      ]),
    ),
  };
}

export interface CalibrationRow {
  scope: string;
  /** Called tickets that were given a range at issue. */
  tickets: number;
  /** Share of them called inside their range (goal: 78–82%). */
  inside: number | null;
  /** Shares called sooner than the range's lower end and later than its upper end: an 80% range misses as often each way. */
  below: number | null;
  above: number | null;
  /**
   * Half the width of the 95% interval of `inside` from chance alone: how far the share may fall
   * from what the estimator gives in the long run. Over several days it is taken day by day (a
   * day's tickets share its luck: a late opening or a quiet afternoon moves all of them; over
   * the 50 held-out days up to about 1.5 times the margin of as many independent tickets); over
   * one day, as if the tickets were independent.
   */
  margin: number | null;
  meanWait: number | null;
  /** Mean of hi − lo, minutes, and as a share of the mean wait. */
  meanWidth: number | null;
  widthShare: number | null;
  /** The point estimate's MAE ÷ the mean wait, over the same tickets. */
  maeShare: number | null;
}

export interface Calibration {
  rows: CalibrationRow[];
  /** Services with at least `CALIBRATION_MIN_TICKETS` tickets: those held to the goal. */
  held: string[];
  /** Those of them whose share inside falls outside 78–82%. */
  missed: string[];
  /** The informed forecast's MAE ÷ mean wait over the same tickets; null when not measured (live). */
  informedShare: number | null;
  /** The point's MAE ÷ the informed forecast's, over the same tickets (goal ≤ 1.05); null when not measured (live). */
  informedRatio: number | null;
}

/** Only services with at least this many tickets are held to the target: fewer say little about four in five. */
export const CALIBRATION_MIN_TICKETS = 30;

/**
 * The 95% margin of a share of tickets inside their range, taken day by day (the tickets of a
 * day are not independent of each other, the days are): the standard error of a ratio over
 * clusters. With fewer than two days it is the margin of independent tickets.
 */
function dayMargin(share: number, perDay: readonly { inside: number; tickets: number }[]): number {
  const days = perDay.filter((day) => day.tickets > 0);
  const total = days.reduce((sum, day) => sum + day.tickets, 0);
  if (days.length < 2) return 1.96 * Math.sqrt((share * (1 - share)) / total);
  const squares = days.reduce((sum, day) => sum + (day.inside - share * day.tickets) ** 2, 0);
  return (1.96 * Math.sqrt((days.length / (days.length - 1)) * squares)) / total;
}

/**
 * How well the ranges hold over the days played (each day's tickets apart, for the margin):
 * the share of citizens called inside the range given at issue (its whole minutes: a wait of
 * 20.4 minutes is inside "12–20"), overall and per service with at least
 * `CALIBRATION_MIN_TICKETS` tickets, with the mean width and the point's MAE beside it.
 */
export function calibration(days: readonly TicketRecord[][]): Calibration {
  const dayOf = new Map<TicketRecord, number>();
  days.forEach((tickets, day) => tickets.forEach((ticket) => dayOf.set(ticket, day)));
  const ranged = days.flat().filter((ticket) => ticket.waitMinutes !== null && ticket.estimate.range !== null && ticket.estimate.ours !== null);
  const row = (scope: string, subset: TicketRecord[]): CalibrationRow => {
    const waits = subset.map((ticket) => ticket.waitMinutes!);
    const meanWait = mean(waits);
    const isInside = (ticket: TicketRecord) =>
      Math.round(ticket.waitMinutes!) >= ticket.estimate.range!.lo && Math.round(ticket.waitMinutes!) <= ticket.estimate.range!.hi;
    const below = subset.filter((ticket) => Math.round(ticket.waitMinutes!) < ticket.estimate.range!.lo).length;
    const above = subset.filter((ticket) => Math.round(ticket.waitMinutes!) > ticket.estimate.range!.hi).length;
    const inside = subset.length - below - above;
    const share = subset.length ? inside / subset.length : null;
    const perDay = days.map(() => ({ inside: 0, tickets: 0 }));
    for (const ticket of subset) {
      const day = perDay[dayOf.get(ticket)!];
      day.tickets += 1;
      if (isInside(ticket)) day.inside += 1;
    }
    const meanWidth = mean(subset.map((ticket) => ticket.estimate.range!.hi - ticket.estimate.range!.lo));
    const mae = mean(subset.map((ticket) => Math.abs(ticket.estimate.ours! - ticket.waitMinutes!)));
    return {
      scope,
      tickets: subset.length,
      inside: share === null ? null : round(share, 3),
      below: subset.length ? round(below / subset.length, 3) : null,
      above: subset.length ? round(above / subset.length, 3) : null,
      margin: share === null ? null : round(dayMargin(share, perDay), 3),
      meanWait: round(meanWait, 2),
      meanWidth: round(meanWidth, 2),
      widthShare: meanWidth !== null && meanWait ? round(meanWidth / meanWait, 3) : null,
      maeShare: mae !== null && meanWait ? round(mae / meanWait, 3) : null,
    };
  };
  const services = [...new Set(ranged.map((ticket) => ticket.service))].sort();
  const rows = [
    row('all', ranged),
    ...services.map((code) =>
      row(
        code,
        ranged.filter((ticket) => ticket.service === code),
      ),
    ),
    row(
      'priority',
      ranged.filter((ticket) => ticket.priority),
    ),
  ];
  const heldRows = rows.filter((r) => r.scope !== 'all' && r.scope !== 'priority' && r.tickets >= CALIBRATION_MIN_TICKETS);
  const missed = heldRows.filter((r) => r.inside === null || r.inside < 0.78 || r.inside > 0.82).map((r) => r.scope);
  const informed = ranged.filter((ticket) => ticket.estimate.informed !== null);
  const informedMae =
    informed.length === ranged.length && ranged.length > 0 ? mean(informed.map((t) => Math.abs(t.estimate.informed! - t.waitMinutes!))) : null;
  const meanWait = rows[0].meanWait;
  const pointMae = mean(ranged.map((t) => Math.abs(t.estimate.ours! - t.waitMinutes!)));
  return {
    rows,
    held: heldRows.map((r) => r.scope),
    missed,
    informedShare: informedMae !== null && meanWait ? round(informedMae / meanWait, 3) : null,
    informedRatio: informedMae && pointMae !== null ? round(pointMae / informedMae, 3) : null,
  };
}

export interface BookingStudyRow {
  seed: number;
  citizens: number;
  /** Citizens who came with a booking (in time or late), and those of them past the late tolerance (walk-ins by `checkIn`). */
  booked: number;
  late: number;
  /** Booked and never came. */
  bookingNoShows: number;
  /** Meant to book but found no seat left that day (walked in instead), and booked another slot than the one wanted (full). */
  bookingRefused: number;
  bookingMoved: number;
  /** Booked citizens checked in in time: share called within N minutes of their slot (`calledWithinSlot`), with bookings honoured … */
  bookedInTime: number | null;
  /** … and the same citizens, arriving at the same moment, on the same day played without booking (everyone a walk-in). */
  bookedInTimeWithout: number | null;
  /** The same booked citizens' mean wait from arrival, with and without booking (minutes). */
  bookedMeanWait: number | null;
  bookedMeanWaitWithout: number | null;
  /**
   * Citizens who did not book (found no seat, or came late: walk-ins by the rule): share within
   * their maximum wait, with booking, in an office without booking (each citizen walking in when
   * they would have), and with everyone a walk-in at the moments they came with booking.
   */
  walkInsWithin: number | null;
  walkInsWithinNoBooking: number | null;
  walkInsWithinWithout: number | null;
  /** Everyone within their service's maximum wait, the same three ways. */
  allWithin: number | null;
  allWithinNoBooking: number | null;
  allWithinWithout: number | null;
}

/**
 * The booking study (issue 17): one day played three times by the same who-is-next rule: with
 * its bookings honoured (a booked ticket due at its slot plus the grace, as the product's
 * check-in makes it); in an office that takes no bookings (`noBooking`: each citizen walks in
 * when they would have, `withoutBookingSystem`); and with every citizen a walk-in arriving at
 * the moments they came with booking (`without`, which takes the rule alone apart). Booked
 * citizens are judged by libs/domain's `calledWithinSlot` (called within
 * BOOKED_PUNCTUALITY_MINUTES of the slot's start; never called counts as a miss), walk-ins by their maximum wait.
 */
export function bookingStudy(trace: DayTrace, withBooking: DayResult, noBooking: DayResult, without: DayResult): BookingStudyRow {
  const end = Math.max(withBooking.lastFinishMinute, without.lastFinishMinute) + 24 * 60;
  const inTime = (tickets: { booking: TicketRecord['booking']; calledAt: number | null }[]) => {
    const judged = tickets.map((ticket) =>
      calledWithinSlot(
        {
          serviceId: '',
          slotStartsAt: ticket.booking!.slotStartMinute * MINUTE_MS,
          slotEndsAt: ticket.booking!.slotEndMinute * MINUTE_MS,
          status: 'checked_in',
          late: ticket.booking!.late,
          calledAt: ticket.calledAt === null ? null : ticket.calledAt * MINUTE_MS,
          leftAt: null,
        },
        end * MINUTE_MS,
      ),
    );
    const measured = judged.filter((value) => value !== null);
    return measured.length === 0 ? null : measured.filter(Boolean).length / measured.length;
  };
  const calledAt = (ticket: TicketRecord) => (ticket.waitMinutes === null ? null : ticket.issuedAt + ticket.waitMinutes);
  const booked = withBooking.tickets.filter((ticket) => ticket.booking !== null);
  const bookedIndexes = new Set(booked.map((ticket) => ticket.index));
  // The same citizens on the day without booking: the trace numbers them alike.
  const slotOf = new Map(booked.map((ticket) => [ticket.index, ticket.booking!]));
  const bookedWithout = without.tickets.filter((ticket) => bookedIndexes.has(ticket.index));
  const within = (tickets: TicketRecord[]) =>
    shareWithinStandard(tickets.map((ticket) => ({ waitingMinutes: ticket.waitMinutes, maxWaitMinutes: ticket.maxWaitMinutes })));
  const walkIns = (day: DayResult) => day.tickets.filter((ticket) => !bookedIndexes.has(ticket.index) || slotOf.get(ticket.index)!.late);
  const meanWait = (tickets: TicketRecord[]) => round(mean(tickets.filter((t) => t.waitMinutes !== null).map((t) => t.waitMinutes!)), 1);
  return {
    seed: trace.options.seed,
    citizens: trace.arrivals.length,
    booked: booked.length,
    late: booked.filter((ticket) => ticket.booking!.late).length,
    bookingNoShows: trace.bookingNoShows,
    bookingRefused: trace.bookingRefused,
    bookingMoved: trace.bookingMoved,
    bookedInTime: inTime(booked.map((ticket) => ({ booking: ticket.booking, calledAt: calledAt(ticket) }))),
    bookedInTimeWithout: inTime(bookedWithout.map((ticket) => ({ booking: slotOf.get(ticket.index)!, calledAt: calledAt(ticket) }))),
    bookedMeanWait: meanWait(booked.filter((ticket) => !ticket.booking!.late)),
    bookedMeanWaitWithout: meanWait(bookedWithout.filter((ticket) => !slotOf.get(ticket.index)!.late)),
    walkInsWithin: within(walkIns(withBooking)),
    walkInsWithinNoBooking: within(walkIns(noBooking)),
    walkInsWithinWithout: within(walkIns(without)),
    allWithin: within(withBooking.tickets),
    allWithinNoBooking: within(noBooking.tickets),
    allWithinWithout: within(without.tickets),
  };
}
