/**
 * The simulated office and one day's trace: who arrives when for what, how long each takes,
 * who does not show, who is transferred, who answers the survey, and when each counter opens
 * and breaks. All drawn up front from the seed, so the live run and the in-process policy
 * runs replay exactly the same day.
 */
import {
  ARRIVAL_PROFILE,
  type ArrivalHistoryRow,
  type ArrivalProfile,
  type BookingSettings,
  DEFAULT_BOOKING_SETTINGS,
  DEFAULT_ISSUE_CUTOFF_MINUTES,
  PRIORITY_CATEGORIES,
  type PriorityCategory,
  SURVEY_ELEMENT_CODES,
  type SurveyAnswers,
  arrivalProfile,
  type SlotCounter,
  type SurveyScore,
  slotSeats,
  subtractIntervals,
  suggestedSeatsPerSlot,
} from '@loket/domain';
import { Rng } from './rng.js';

export interface SimService {
  code: string;
  maxWaitMinutes: number;
  serviceTimeMinutes: number;
  /** Share of the day's citizens who come for it. */
  share: number;
  /** Where a citizen is sent when the counter transfers them. */
  transferTo: string[];
}

export interface SimCounter {
  number: number;
  services: string[];
  priorityOnly: boolean;
}

/** The demo office of the product's seed (apps/api/src/database/seed/demo-office.ts), with the demand of an ordinary weekday. */
export const STANDARD_OFFICE = {
  slug: 'mpp-kota-harapan',
  opens: '08:00',
  closes: '15:00',
  priorityMaxWaitMinutes: 10,
  services: [
    { code: 'A', maxWaitMinutes: 30, serviceTimeMinutes: 10, share: 0.38, transferTo: ['B'] },
    { code: 'B', maxWaitMinutes: 45, serviceTimeMinutes: 15, share: 0.2, transferTo: ['C'] },
    { code: 'C', maxWaitMinutes: 45, serviceTimeMinutes: 12, share: 0.15, transferTo: ['B'] },
    { code: 'D', maxWaitMinutes: 60, serviceTimeMinutes: 20, share: 0.1, transferTo: ['B'] },
    { code: 'PL', maxWaitMinutes: 20, serviceTimeMinutes: 8, share: 0.17, transferTo: ['A', 'B', 'C', 'D'] },
  ] satisfies SimService[],
  /** Issuing stops this many minutes before closing (the product's default cut-off, DEFAULT_ISSUE_CUTOFF_MINUTES). */
  issueCutoffMinutes: DEFAULT_ISSUE_CUTOFF_MINUTES,
  counters: [
    { number: 1, services: ['A'], priorityOnly: false },
    { number: 2, services: ['A', 'B'], priorityOnly: false },
    { number: 3, services: ['B', 'C'], priorityOnly: false },
    { number: 4, services: ['C', 'D'], priorityOnly: false },
    { number: 5, services: ['PL', 'D'], priorityOnly: false },
    { number: 6, services: ['A', 'B', 'C', 'D', 'PL'], priorityOnly: true },
  ] satisfies SimCounter[],
};

/** Relative arrivals per opening hour 08, 09, …, 14: a morning peak, the lunch dip, a post-lunch bump. */
/** Minutes after opening (08:00) of an office-local time "HH:MM". */
const minuteOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5)) - 8 * 60;

export type DayType = 'weekday' | 'friday';

/**
 * Each counter's planned breaks, as in its schedule (`breaks: [{ from, to }]`). On a weekday
 * the ishoma is staggered: counters 1, 3, 5 at 12:00–13:00, 2 and 4 at 12:30–13:30. The two
 * hours overlap at 12:30–13:00, so the loket khusus (6, which serves every service once no
 * priority ticket waits) takes its hour at 13:00–14:00 and the office never fully closes. On
 * Friday the prayer break is longer, 11:30–13:00, for counters 1–4; loket 5 and the loket
 * khusus keep serving through it and take their hour at 13:00–14:00.
 */
export function counterBreaks(counter: number, dayType: DayType): { from: string; to: string }[] {
  if (dayType === 'friday') return counter <= 4 ? [{ from: '11:30', to: '13:00' }] : [{ from: '13:00', to: '14:00' }];
  if (counter === 6) return [{ from: '13:00', to: '14:00' }];
  return counter % 2 === 1 ? [{ from: '12:00', to: '13:00' }] : [{ from: '12:30', to: '13:30' }];
}

export const HOURLY_PROFILE = [1.0, 1.6, 1.4, 1.0, 0.55, 1.15, 0.6];

/**
 * How citizens book (issue 17). A citizen who books takes the slot (of the product's default
 * length) holding the moment they would have walked in, and comes around it: most a little
 * before the slot starts (normal, `earlyMeanMinutes` ± `spreadMinutes`, but never past the late
 * tolerance), `lateShare` past the tolerance (the product makes them walk-ins), `noShowShare`
 * never. Only citizens without a priority need book (a priority citizen is served first anyway).
 */
export interface BookingBehaviour {
  /** Share of the day's citizens who book (0: nobody books). */
  share: number;
  noShowShare: number;
  lateShare: number;
  earlyMeanMinutes: number;
  spreadMinutes: number;
}

export const STANDARD_BOOKING: BookingBehaviour = { share: 0, noShowShare: 0.1, lateShare: 0.05, earlyMeanMinutes: 8, spreadMinutes: 7 };

/**
 * The seats per slot each service takes bookings for (as the office sets them, `seatsPerSlot`),
 * and whether a slot's seats follow the counters scheduled in it (`slotSeats`); null: no limit.
 * Citizens book in their own order, days before: one who finds the slot they want full takes
 * the nearest slot with a seat left, and one who finds none walks in.
 */
export type BookingSeats = { perSlot: Readonly<Record<string, number>>; bySchedule: boolean } | null;

/** The standard office's counters on a day of the type: there from opening to closing, less their planned breaks (minutes after opening). */
export function slotCounters(dayType: DayType): SlotCounter[] {
  const day = { from: 0, to: minuteOf(STANDARD_OFFICE.closes) };
  return STANDARD_OFFICE.counters.map((counter) => ({
    serviceIds: counter.services,
    present: subtractIntervals(
      [day],
      counterBreaks(counter.number, dayType).map((window) => ({ from: minuteOf(window.from), to: minuteOf(window.to) })),
    ),
  }));
}

/** How many bookings a service's slot takes (minutes after opening), under the seats. */
export function seatsOf(seats: NonNullable<BookingSeats>, service: string, slotStartMinute: number, slotMinutes: number, dayType: DayType): number {
  const perSlot = seats.perSlot[service] ?? Infinity;
  if (!seats.bySchedule || !Number.isFinite(perSlot)) return perSlot;
  return slotSeats(service, perSlot, slotCounters(dayType), { startsAt: slotStartMinute, endsAt: slotStartMinute + slotMinutes });
}

/**
 * The seats per slot the product suggests for each service of the standard office
 * (`suggestedSeatsPerSlot`): from the counters that serve it and the service's standard time.
 */
export function suggestedBookingSeats(
  settings: Pick<BookingSettings, 'slotMinutes' | 'walkInSharePercent'> = DEFAULT_BOOKING_SETTINGS,
): Record<string, number> {
  const counters = STANDARD_OFFICE.counters.map((counter) => ({ serviceIds: counter.services }));
  return Object.fromEntries(
    STANDARD_OFFICE.services.map((service) => [service.code, suggestedSeatsPerSlot(service.code, service.serviceTimeMinutes, counters, settings)]),
  );
}

export interface DayOptions {
  seed: number;
  /** Expected citizens over the whole day (the standard day: 165, about 90% of what six counters can serve). */
  citizens: number;
  /** Only the first this many minutes of the day (a smoke run); null = the whole day. */
  minutes: number | null;
  priorityShare: number;
  noShowShare: number;
  transferShare: number;
  surveyShare: number;
  lateOpeningChance: number;
  breakOverrunChance: number;
  /** A Monday–Thursday, or a Friday with its longer prayer break. */
  dayType: DayType;
  booking: BookingBehaviour;
  bookingSeats: BookingSeats;
}

export const STANDARD_DAY: DayOptions = {
  seed: 2026,
  citizens: 165,
  minutes: null,
  priorityShare: 0.08,
  noShowShare: 0.05,
  transferShare: 0.03,
  surveyShare: 0.35,
  lateOpeningChance: 0.3,
  breakOverrunChance: 0.3,
  dayType: 'weekday',
  booking: STANDARD_BOOKING,
  bookingSeats: null,
};

export interface Arrival {
  index: number;
  /** Minutes after the office opens. */
  atMinute: number;
  service: string;
  priority: PriorityCategory | null;
  serviceMinutes: number;
  walkUpMinutes: number;
  noShow: boolean;
  transfer: { service: string; serviceMinutes: number } | null;
  survey: SurveyAnswers | null;
  /** The slot this citizen booked (minutes after opening), and whether they come past the late tolerance; null: a walk-in. */
  booking: { slotStartMinute: number; slotEndMinute: number; late: boolean; walkInMinute: number } | null;
}

export interface CounterBreak {
  atMinute: number;
  minutes: number;
}

export interface CounterPlan {
  number: number;
  openAtMinute: number;
  /** The schedule's planned breaks (minutes after opening), what the product knows. */
  plannedBreaks: { from: number; to: number }[];
  /** The breaks as the officer takes them: a little early or late, sometimes overrunning. */
  breaks: CounterBreak[];
}

export interface DayTrace {
  options: DayOptions;
  lengthMinutes: number;
  /** The minute after opening from which the kiosk issues nothing (closing − cut-off). */
  cutoffMinute: number;
  /** Citizens who got a ticket (booked ones at the moment they come), in arrival order. */
  arrivals: Arrival[];
  /** Citizens who booked and never came. */
  bookingNoShows: number;
  /** Citizens who meant to book but found no seat left that day, and walked in instead. */
  bookingRefused: number;
  /** Bookings that took another slot than the one they wanted (theirs was full). */
  bookingMoved: number;
  /** Citizens who came after the cut-off: the kiosk issued them nothing. */
  turnedAway: Arrival[];
  counters: CounterPlan[];
}

const SCORE_WEIGHTS = [0.03, 0.12, 0.55, 0.3];

export function serviceOf(code: string): SimService {
  const service = STANDARD_OFFICE.services.find((candidate) => candidate.code === code);
  if (!service) throw new Error(`No service ${code} in the simulated office`);
  return service;
}

/** One service time: log-normal around the standard (median 85% of it), never under a minute or over five standards. */
function drawServiceMinutes(rng: Rng, code: string): number {
  const standard = serviceOf(code).serviceTimeMinutes;
  return Math.min(5 * standard, Math.max(1, rng.logNormal(0.85 * standard, 0.45)));
}

export function drawDay(options: DayOptions): DayTrace {
  const root = new Rng(options.seed);
  const arrivalsRng = root.fork('arrivals');
  const detailsRng = root.fork('details');
  const countersRng = root.fork('counters');
  const lengthMinutes = HOURLY_PROFILE.length * 60;
  const weightSum = HOURLY_PROFILE.reduce((sum, weight) => sum + weight, 0);

  // A Poisson process whose rate follows the hourly profile.
  const times: number[] = [];
  for (const [hour, weight] of HOURLY_PROFILE.entries()) {
    const perMinute = (options.citizens * weight) / weightSum / 60;
    let at = hour * 60 + arrivalsRng.exponential(1 / perMinute);
    while (at < (hour + 1) * 60) {
      times.push(at);
      at += arrivalsRng.exponential(1 / perMinute);
    }
  }
  const horizon = options.minutes ?? lengthMinutes;
  const codes = STANDARD_OFFICE.services.map((service) => service.code);
  const shares = STANDARD_OFFICE.services.map((service) => service.share);
  const drawn: Arrival[] = times
    .filter((at) => at < horizon)
    .map((atMinute, index) => {
      const service = detailsRng.pick(codes, shares);
      const priority = detailsRng.chance(options.priorityShare) ? detailsRng.pick(PRIORITY_CATEGORIES) : null;
      const serviceMinutes = drawServiceMinutes(detailsRng, service);
      const walkUpMinutes = detailsRng.between(0.3, 1.5);
      const noShow = detailsRng.chance(options.noShowShare);
      const transferCode = detailsRng.chance(options.transferShare) ? detailsRng.pick(serviceOf(service).transferTo) : null;
      const transfer = transferCode ? { service: transferCode, serviceMinutes: drawServiceMinutes(detailsRng, transferCode) } : null;
      const answers = detailsRng.chance(options.surveyShare) ? drawSurvey(detailsRng) : null;
      return { index, atMinute, service, priority, serviceMinutes, walkUpMinutes, noShow: noShow && !transfer, transfer, survey: answers, booking: null };
    });

  // Issuing stops at the cut-off (409 office_closed in the product): those who come later get no ticket.
  const cutoffMinute = lengthMinutes - STANDARD_OFFICE.issueCutoffMinutes;
  const {
    arrivals,
    noShows: bookingNoShows,
    refused: bookingRefused,
    moved: bookingMoved,
  } = withBookings(
    drawn.filter((arrival) => arrival.atMinute < cutoffMinute),
    options.booking,
    options.bookingSeats,
    root.fork('bookings'),
    root.fork('booking-order'),
    lengthMinutes,
    options.dayType,
  );
  const turnedAway = drawn.filter((arrival) => arrival.atMinute >= cutoffMinute);

  // Each officer goes on the planned break a little early or late (or once the citizen at the
  // counter is done), and comes back about when it ends; some overrun it by 5–20 minutes.
  const counters: CounterPlan[] = STANDARD_OFFICE.counters.map((counter) => {
    const late = countersRng.chance(options.lateOpeningChance);
    const openAtMinute = late ? Math.min(60, countersRng.logNormal(9, 0.5)) : countersRng.between(-4, 2);
    const plannedBreaks = counterBreaks(counter.number, options.dayType).map((window) => ({ from: minuteOf(window.from), to: minuteOf(window.to) }));
    const breaks = plannedBreaks
      .filter((window) => window.from < horizon)
      .map((window) => {
        const atMinute = window.from + countersRng.between(-5, 10);
        const overrun = countersRng.chance(options.breakOverrunChance);
        const backAt = window.to + (overrun ? countersRng.between(5, 20) : countersRng.between(-5, 2));
        return { atMinute, minutes: backAt - atMinute };
      });
    return { number: counter.number, openAtMinute, plannedBreaks, breaks };
  });
  return { options, lengthMinutes: horizon, cutoffMinute, arrivals, bookingNoShows, bookingRefused, bookingMoved, turnedAway, counters };
}

/**
 * Turns a share of the citizens into booked ones (their own random numbers, so a day without
 * bookings is drawn exactly as before): each wants the slot holding the moment they would have
 * come, and comes around the slot they got instead; those who never come are dropped (their
 * seat was taken all the same). With seats limited, citizens book in an order of their own
 * (`orderRng`): one whose slot is full takes the nearest slot with a seat left (the later of two
 * as near), one who finds none walks in at their own moment. Arrivals are put back in arrival
 * order and numbered again.
 */
function withBookings(
  arrivals: Arrival[],
  behaviour: BookingBehaviour,
  seats: BookingSeats,
  rng: Rng,
  orderRng: Rng,
  lengthMinutes: number,
  dayType: DayType,
): { arrivals: Arrival[]; noShows: number; refused: number; moved: number } {
  if (behaviour.share <= 0) return { arrivals, noShows: 0, refused: 0, moved: 0 };
  const { slotMinutes, lateToleranceMinutes } = DEFAULT_BOOKING_SETTINGS;
  const kept: Arrival[] = [];
  // `share` of all citizens, drawn among those without priority.
  const withoutPriority = arrivals.filter((arrival) => arrival.priority === null).length;
  const chance = withoutPriority === 0 ? 0 : Math.min(1, (behaviour.share * arrivals.length) / withoutPriority);
  const bookers: { arrival: Arrival; never: boolean; late: boolean; offset: number; wanted: number; slot: number | null }[] = [];
  for (const arrival of arrivals) {
    const books = arrival.priority === null && rng.chance(chance);
    const never = rng.chance(behaviour.noShowShare);
    const late = rng.chance(behaviour.lateShare);
    const early = behaviour.earlyMeanMinutes + behaviour.spreadMinutes * rng.normal();
    const lateBy = rng.between(lateToleranceMinutes + 1, 45);
    if (!books) {
      kept.push(arrival);
      continue;
    }
    const wanted = Math.min(Math.floor(arrival.atMinute / slotMinutes) * slotMinutes, lengthMinutes - slotMinutes);
    bookers.push({ arrival, never, late, offset: late ? lateBy : Math.min(lateToleranceMinutes, -early), wanted, slot: wanted });
  }
  let moved = 0;
  if (seats !== null) {
    const slots = Array.from({ length: Math.floor(lengthMinutes / slotMinutes) }, (_, index) => index * slotMinutes);
    const taken = new Map<string, number>();
    const order = bookers.map((booker) => ({ booker, key: orderRng.next() })).sort((a, b) => a.key - b.key);
    const limits = new Map<string, number>();
    const limit = (service: string, slot: number) => {
      const key = `${service}@${slot}`;
      if (!limits.has(key)) limits.set(key, seatsOf(seats, service, slot, slotMinutes, dayType));
      return limits.get(key)!;
    };
    for (const { booker } of order) {
      const free = (slot: number) => (taken.get(`${booker.arrival.service}@${slot}`) ?? 0) < limit(booker.arrival.service, slot);
      const nearest = slots.filter(free).sort((a, b) => Math.abs(a - booker.wanted) - Math.abs(b - booker.wanted) || b - a)[0];
      booker.slot = nearest ?? null;
      if (nearest === undefined) continue;
      if (nearest !== booker.wanted) moved += 1;
      const key = `${booker.arrival.service}@${nearest}`;
      taken.set(key, (taken.get(key) ?? 0) + 1);
    }
  }
  let noShows = 0;
  let refused = 0;
  for (const booker of bookers) {
    if (booker.slot === null) {
      refused += 1;
      kept.push(booker.arrival);
      continue;
    }
    if (booker.never) {
      noShows += 1;
      continue;
    }
    kept.push({
      ...booker.arrival,
      // Nobody is let in before the office opens.
      atMinute: Math.max(0, booker.slot + booker.offset),
      noShow: false,
      booking: { slotStartMinute: booker.slot, slotEndMinute: booker.slot + slotMinutes, late: booker.late, walkInMinute: booker.arrival.atMinute },
    });
  }
  kept.sort((a, b) => a.atMinute - b.atMinute || a.index - b.index);
  return { arrivals: kept.map((arrival, index) => ({ ...arrival, index })), noShows, refused, moved };
}

/**
 * The same day in an office that takes no bookings: each citizen who came with a booking walks
 * in at the moment they would have come (`walkInMinute`) instead; those who booked and never
 * came stay away. Numbered as in the trace, so each citizen is compared with themselves.
 */
export function withoutBookingSystem(trace: DayTrace): DayTrace {
  const arrivals = trace.arrivals
    .map((arrival) => (arrival.booking ? { ...arrival, atMinute: arrival.booking.walkInMinute, booking: null } : arrival))
    .sort((a, b) => a.atMinute - b.atMinute || a.index - b.index);
  return { ...trace, arrivals };
}

function drawSurvey(rng: Rng): SurveyAnswers {
  const answers = {} as SurveyAnswers;
  for (const code of SURVEY_ELEMENT_CODES) {
    // U4 (cost): every service here is free, so most answer "gratis".
    answers[code] = (code === 'u4' ? (rng.chance(0.9) ? 4 : 3) : rng.pick([1, 2, 3, 4], SCORE_WEIGHTS)) as SurveyScore;
  }
  return answers;
}

/** How many earlier days of the same kind a day's office remembers (as the product reads eight of the same weekdays back). */
export const HISTORY_DAYS = 8;

/**
 * The office's own history before a day (`arrivalProfile`): the tickets of the `days` days drawn
 * from the seeds just before it, the same kind of day, counted per service, kind and slot of the
 * local day as the product's history query counts them. Null with `days` 0.
 */
export function historyProfile(options: DayOptions, days: number = HISTORY_DAYS): ArrivalProfile | null {
  const rows = new Map<string, ArrivalHistoryRow>();
  const slotMinutes = ARRIVAL_PROFILE.slotMinutes;
  const opensAt = Number(STANDARD_OFFICE.opens.slice(0, 2)) * 60 + Number(STANDARD_OFFICE.opens.slice(3, 5));
  for (let back = 1; back <= days; back += 1) {
    // Walk-ins only, as the product counts them: a day's bookings are known arrivals of their own.
    for (const arrival of drawDay({ ...options, seed: options.seed - back, minutes: null }).arrivals.filter((one) => one.booking === null)) {
      const slot = Math.floor((opensAt + arrival.atMinute) / slotMinutes);
      const key = `${arrival.service}:${arrival.priority !== null}:${slot}`;
      const row = rows.get(key) ?? { serviceId: arrival.service, priority: arrival.priority !== null, slot, count: 0 };
      row.count += 1;
      rows.set(key, row);
    }
  }
  return arrivalProfile([...rows.values()], days, slotMinutes);
}

/** The local midnight of the simulated day, in the engine's milliseconds (0 is the opening). */
export const LOCAL_MIDNIGHT_MS = -(Number(STANDARD_OFFICE.opens.slice(0, 2)) * 60 + Number(STANDARD_OFFICE.opens.slice(3, 5))) * 60_000;
