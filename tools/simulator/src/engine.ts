/**
 * The office day played in-process with the domain's own rules (who is next, due times,
 * both wait estimates), for the studies: the same trace under two call policies, and every
 * ticket's estimate at issue against its real wait.
 */
import {
  ARRIVAL_WINDOW_MINUTES,
  type ArrivalProfile,
  type ArrivalStep,
  type BookingSettings,
  DEFAULT_BOOKING_SETTINGS,
  type CounterState,
  type ForecastCounter,
  MINUTE_MS,
  type QueueEntry,
  RECENT_SERVICES,
  type RangedForecastInput,
  type WaitForecastInput,
  arrivalRates,
  arrivalWindowMinutes,
  averageServiceMinutes,
  checkIn,
  dueTime,
  estimateWaitMinutes,
  expectedBackAt,
  expectedBusyUntil,
  forecastOfficeWithRanges,
  forecastRangeFor,
  forecastWaitFor,
  forecastWaits,
  maxWaitFor,
  noShowShare,
  pickNext,
  placeInQueue,
  profiledArrivalRates,
  serviceTimeSpread,
} from '@loket/domain';
import { type Arrival, type CounterPlan, type DayTrace, LOCAL_MIDNIGHT_MS, STANDARD_OFFICE, historyProfile, serviceOf } from './day.js';

export type Policy = 'edf' | 'fcfs';

export interface TicketRecord {
  index: number;
  service: string;
  priority: boolean;
  issuedAt: number;
  /** First call − issue, in minutes; null if never called. */
  waitMinutes: number | null;
  maxWaitMinutes: number;
  /**
   * Estimates given at issue (minutes), null when no counter for the service was open: ours
   * (what the API knows), naive, and informed (ours also told the day's real arrivals still to
   * come and every break still to be taken: what no product can know, to show how much of the
   * error is left to chance in the service times).
   */
  estimate: { ours: number | null; naive: number | null; informed: number | null; range: { lo: number; hi: number } | null };
  outcome: 'done' | 'no_show' | 'transferred_done' | 'unserved';
  /** A booked citizen checked in (the day played with bookings): the slot, and whether `checkIn` made them a walk-in. */
  booking: { slotStartMinute: number; slotEndMinute: number; late: boolean } | null;
}

/** How a day is played: with its bookings honoured (booked tickets due at the slot, as the product does) or everyone a walk-in; with or without the estimates at issue (they cost). */
export interface RunOptions {
  bookings?: boolean;
  estimates?: boolean;
  /** The check-in's settings (default the product's): a booked ticket is due at its slot plus the grace. */
  bookingSettings?: Pick<BookingSettings, 'graceMinutes' | 'lateToleranceMinutes'>;
  /** The office's usual day, as the product learns it from its history (default: `historyProfile` of the day; null: none, today's rates carried forward). */
  history?: ArrivalProfile | null;
}

export interface CounterRecord {
  number: number;
  openedAtMinute: number | null;
  breaks: { from: number; to: number | null }[];
  served: number;
}

export interface DayResult {
  policy: Policy;
  tickets: TicketRecord[];
  counters: CounterRecord[];
  lastFinishMinute: number;
}

interface SimTicket {
  arrival: Arrival;
  record: TicketRecord;
  entry: QueueEntry;
  transferred: boolean;
  calledAt: number | null;
  startedAt: number | null;
}

interface SimCounterState {
  plan: CounterPlan;
  scope: { serviceIds: string[]; priorityOnly: boolean };
  state: CounterState;
  current: SimTicket | null;
  pendingBreak: { backAt: number } | null;
  pausedAt: number | null;
  /** When a paused counter resumes (the simulation knows; the product does not). */
  resumeAt: number | null;
  record: CounterRecord;
}

type NewEvent =
  { at: number; kind: 'arrival'; arrival: Arrival } | { at: number; kind: 'open' | 'break' | 'resume' | 'free'; counter: SimCounterState; minutes?: number };
type SimEvent = NewEvent & { order: number };

/** Recent service times and arrivals the estimates may use: what the API could know at that moment. */
const WALK_UP_MINUTES = 1;
const NO_SHOW_MINUTES = 3;

const ms = (minutes: number) => minutes * MINUTE_MS;

/** The input's arrival schedule, when there is one (an input without it is the forecast of before the profile, to the bit). */
const withSchedule = (steps: ArrivalStep[] | null) => (steps ? { arrivalSchedule: steps } : {});

export function runDay(trace: DayTrace, policy: Policy, options: RunOptions = {}): DayResult {
  const { bookings = true, estimates = true, bookingSettings = DEFAULT_BOOKING_SETTINGS } = options;
  const history = options.history !== undefined ? options.history : estimates ? historyProfile(trace.options) : null;
  const maxWait = Object.fromEntries(STANDARD_OFFICE.services.map((service) => [service.code, service.maxWaitMinutes]));
  const standard = Object.fromEntries(STANDARD_OFFICE.services.map((service) => [service.code, service.serviceTimeMinutes]));
  const recent = new Map<string, number[]>(STANDARD_OFFICE.services.map((service) => [service.code, []]));
  const issued: { at: number; service: string; priority: boolean }[] = [];
  const waiting: SimTicket[] = [];
  const tickets: SimTicket[] = [];
  const counters: SimCounterState[] = trace.counters.map((plan) => {
    const counter = STANDARD_OFFICE.counters.find((candidate) => candidate.number === plan.number)!;
    return {
      plan,
      scope: { serviceIds: counter.services, priorityOnly: counter.priorityOnly },
      state: 'closed',
      current: null,
      pendingBreak: null,
      pausedAt: null,
      resumeAt: null,
      record: { number: plan.number, openedAtMinute: null, breaks: [], served: 0 },
    };
  });

  const events: SimEvent[] = [];
  let order = 0;
  const schedule = (event: NewEvent) => {
    const item: SimEvent = { ...event, order: order++ };
    // Binary insertion keeps the queue sorted by time, then by scheduling order.
    let lo = 0;
    let hi = events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (events[mid].at < item.at || (events[mid].at === item.at && events[mid].order < item.order)) lo = mid + 1;
      else hi = mid;
    }
    events.splice(lo, 0, item);
  };
  for (const arrival of trace.arrivals) schedule({ at: arrival.atMinute, kind: 'arrival', arrival });
  for (const counter of counters) {
    schedule({ at: counter.plan.openAtMinute, kind: 'open', counter });
    for (const pause of counter.plan.breaks) schedule({ at: pause.atMinute, kind: 'break', counter, minutes: pause.minutes });
  }

  const averages = () => Object.fromEntries([...recent].map(([code, times]) => [code, averageServiceMinutes(times.slice(-RECENT_SERVICES), standard[code])]));

  const pick = (counter: SimCounterState): SimTicket | undefined => {
    const entries = waiting.map((ticket) => ticket.entry);
    const chosen =
      policy === 'edf'
        ? pickNext(entries, counter.scope)
        : // First come, first served: the oldest ticket (by issued-at), the loket khusus still taking priority first.
          pickNext(
            entries.map((entry) => ({ ...entry, dueAt: entry.issuedAt })),
            counter.scope,
          );
    return chosen ? waiting.find((ticket) => ticket.entry.id === chosen.id) : undefined;
  };

  let now = 0;
  const tryCall = (counter: SimCounterState) => {
    if (counter.state !== 'open' || counter.current) return;
    if (counter.pendingBreak) {
      counter.state = 'paused';
      counter.pausedAt = now;
      counter.record.breaks.push({ from: now, to: null });
      // Back when the officer meant to be, or after a short break if the last citizen kept them late.
      counter.resumeAt = Math.max(now + 10, counter.pendingBreak.backAt);
      schedule({ at: counter.resumeAt, kind: 'resume', counter });
      counter.pendingBreak = null;
      return;
    }
    const ticket = pick(counter);
    // Counters stay until the last citizen with a ticket is served, as offices do.
    if (!ticket) return;
    waiting.splice(waiting.indexOf(ticket), 1);
    counter.current = ticket;
    ticket.calledAt = now;
    ticket.startedAt = null;
    if (ticket.record.waitMinutes === null) ticket.record.waitMinutes = now - ticket.record.issuedAt;
    calls += 1;
    if (ticket.arrival.noShow) {
      noShows += 1;
      schedule({ at: now + NO_SHOW_MINUTES, kind: 'free', counter });
      return;
    }
    ticket.startedAt = now + ticket.arrival.walkUpMinutes;
    const minutes = ticket.transferred ? ticket.arrival.transfer!.serviceMinutes : ticket.arrival.serviceMinutes;
    schedule({ at: ticket.startedAt + minutes, kind: 'free', counter });
  };

  // Every counter is scheduled for the office's hours; a paused one is on its midday break.
  const scheduled = { from: 0, to: ms(trace.lengthMinutes) };
  // What the product knows of each counter's breaks: its schedule's planned ones.
  const plannedOf = (counter: SimCounterState) => counter.plan.plannedBreaks.map((window) => ({ from: ms(window.from), to: ms(window.to) }));
  const expectedBack = (counter: SimCounterState): number | null =>
    expectedBackAt(
      {
        state: counter.state,
        pauseReason: counter.state === 'paused' ? 'ishoma' : null,
        pausedAt: counter.pausedAt === null ? null : ms(counter.pausedAt),
        openedToday: counter.record.openedAtMinute !== null,
        scheduled,
        plannedBreaks: plannedOf(counter),
      },
      ms(now),
    );
  let calls = 0;
  let noShows = 0;
  const estimate = (ticket: SimTicket): TicketRecord['estimate'] => {
    const entries = waiting.map((candidate) => candidate.entry);
    const average = averages();
    const service = ticket.arrival.service;
    const openFor = counters.filter((counter) => counter.state === 'open' && counter.scope.serviceIds.includes(service)).length;
    const place = placeInQueue(entries, ticket.entry.id)!;
    const naive = estimateWaitMinutes({ ahead: place - 1, openCounters: openFor, averageServiceMinutes: average[service] });

    // As the API does: over the last half hour, or since the office opened if later.
    const since = Math.max(now - ARRIVAL_WINDOW_MINUTES, 0);
    const counts = new Map<string, { serviceId: string; priority: boolean; count: number }>();
    for (const seen of issued) {
      if (seen.at < since || seen.at >= now) continue;
      const key = `${seen.service}:${seen.priority}`;
      const row = counts.get(key) ?? { serviceId: seen.service, priority: seen.priority, count: 0 };
      row.count += 1;
      counts.set(key, row);
    }
    const forecastCounters: ForecastCounter[] = counters.map((counter) => ({
      ...counter.scope,
      state: counter.state,
      busyUntil: counter.current
        ? expectedBusyUntil(
            {
              calledAt: ms(counter.current.calledAt!),
              startedAt: counter.current.startedAt !== null && counter.current.startedAt <= now ? ms(counter.current.startedAt) : null,
            },
            average[counter.current.entry.serviceId],
            ms(now),
            WALK_UP_MINUTES,
          )
        : null,
      backAt: expectedBack(counter),
      plannedBreaks: plannedOf(counter),
    }));
    const input: RangedForecastInput = {
      now: ms(now),
      counters: forecastCounters,
      waiting: entries,
      serviceMinutes: average,
      maxWaitMinutes: maxWait,
      priorityMaxWaitMinutes: STANDARD_OFFICE.priorityMaxWaitMinutes,
      arrivalsPerMinute: arrivalRates([...counts.values()], Object.keys(maxWait), ms(since), ms(now)),
      arrivalWindowMinutes: arrivalWindowMinutes(ms(since), ms(now)),
      ...withSchedule(
        profiledArrivalRates(history, { dayStart: LOCAL_MIDNIGHT_MS, windowStart: ms(since), now: ms(now), until: ms(trace.lengthMinutes) }, [
          ...counts.values(),
        ]),
      ),
      arrivalsUntil: ms(trace.lengthMinutes),
      // As the API does: no service issues after its cut-off before closing.
      serviceArrivalsUntil: Object.fromEntries(Object.keys(maxWait).map((code) => [code, ms(trace.cutoffMinute)])),
      walkUpMinutes: WALK_UP_MINUTES,
      noShowShare: noShowShare(calls, noShows),
    };
    const informed: WaitForecastInput = {
      ...input,
      arrivalsPerMinute: {},
      arrivalSchedule: undefined,
      arrivals: trace.arrivals
        .filter((arrival) => arrival.atMinute > now)
        .map((arrival) => {
          const at = ms(arrival.atMinute);
          return {
            id: `t${arrival.index}`,
            serviceId: arrival.service,
            issuedAt: at,
            dueAt: dueTime(at, maxWait[arrival.service], arrival.priority, STANDARD_OFFICE.priorityMaxWaitMinutes),
            priority: arrival.priority,
            issueOrder: arrival.index,
          };
        }),
      counters: forecastCounters.map((counter, index) => {
        const state = counters[index];
        const taken = state.record.breaks.length > 0 || state.pendingBreak !== null;
        // Told the breaks as they are taken, not as planned: a paused counter is back when it really is.
        const backAt = state.state === 'paused' && state.resumeAt !== null ? ms(state.resumeAt) : counter.backAt;
        return {
          ...counter,
          backAt,
          plannedBreaks: [],
          breaks: taken ? [] : state.plan.breaks.map((pause) => ({ at: ms(Math.max(now, pause.atMinute)), minutes: pause.minutes })),
        };
      }),
    };
    const whole = (minutes: number | null | undefined) => (minutes === null || minutes === undefined ? null : Math.round(minutes));
    // The estimate and its range as the API gives them at issue: the point is the replays' median (`replayedPoint`).
    // The replays cost, so the FCFS day (whose estimates no study reads) keeps the plain play's point and gets no range.
    const serviceSpread = Object.fromEntries([...recent].map(([code, times]) => [code, serviceTimeSpread(times.slice(-RECENT_SERVICES))]));
    const asked = { id: ticket.entry.id, serviceId: service, priority: ticket.entry.priority };
    const ranged = policy === 'edf' ? forecastOfficeWithRanges({ ...input, serviceSpread }) : null;
    return {
      ours: ranged ? forecastWaitFor(ranged, asked, ms(now)) : whole(forecastWaits(input).get(ticket.entry.id)),
      naive,
      informed: whole(forecastWaits(informed).get(ticket.entry.id)),
      range: ranged ? forecastRangeFor(ranged, asked, ms(now)) : null,
    };
  };

  let lastFinish = 0;
  while (events.length > 0) {
    const event = events.shift()!;
    now = event.at;
    switch (event.kind) {
      case 'arrival': {
        const arrival = event.arrival;
        const issuedAt = ms(arrival.atMinute);
        // A booked citizen checks in: due as the product's check-in makes it (the slot plus the grace, or a walk-in's when late).
        const booked = bookings && arrival.booking ? arrival.booking : null;
        const checkedIn = booked
          ? checkIn(
              { officeId: 'sim', status: 'booked', slotStartsAt: ms(booked.slotStartMinute), slotEndsAt: ms(booked.slotEndMinute), rescheduleCount: 0 },
              { officeId: 'sim', timeZone: 'UTC' },
              bookingSettings,
              maxWait[arrival.service],
              issuedAt,
            )
          : null;
        const entry: QueueEntry = {
          id: `t${arrival.index}`,
          serviceId: arrival.service,
          issuedAt,
          dueAt: checkedIn ? checkedIn.dueAt : dueTime(issuedAt, maxWait[arrival.service], arrival.priority, STANDARD_OFFICE.priorityMaxWaitMinutes),
          priority: arrival.priority,
          issueOrder: arrival.index,
        };
        const record: TicketRecord = {
          index: arrival.index,
          service: arrival.service,
          priority: arrival.priority !== null,
          issuedAt: arrival.atMinute,
          waitMinutes: null,
          // The standard the product holds this ticket to: a priority ticket the priority maximum when sooner.
          maxWaitMinutes: maxWaitFor(maxWait[arrival.service], arrival.priority !== null, STANDARD_OFFICE.priorityMaxWaitMinutes),
          estimate: { ours: null, naive: null, informed: null, range: null },
          outcome: 'unserved',
          booking: booked && checkedIn ? { slotStartMinute: booked.slotStartMinute, slotEndMinute: booked.slotEndMinute, late: checkedIn.late } : null,
        };
        const ticket: SimTicket = { arrival, record, entry, transferred: false, calledAt: null, startedAt: null };
        waiting.push(ticket);
        tickets.push(ticket);
        if (estimates) record.estimate = estimate(ticket);
        issued.push({ at: arrival.atMinute, service: arrival.service, priority: arrival.priority !== null });
        for (const counter of counters) tryCall(counter);
        break;
      }
      case 'open':
        event.counter.state = 'open';
        event.counter.record.openedAtMinute = now;
        tryCall(event.counter);
        break;
      case 'break':
        event.counter.pendingBreak = { backAt: now + event.minutes! };
        tryCall(event.counter);
        break;
      case 'resume': {
        const counter = event.counter;
        counter.state = 'open';
        counter.pausedAt = null;
        counter.resumeAt = null;
        counter.record.breaks[counter.record.breaks.length - 1].to = now;
        tryCall(counter);
        break;
      }
      case 'free': {
        const counter = event.counter;
        const ticket = counter.current!;
        counter.current = null;
        lastFinish = now;
        if (ticket.arrival.noShow) {
          ticket.record.outcome = 'no_show';
        } else {
          recent.get(ticket.entry.serviceId)!.push(now - ticket.startedAt!);
          counter.record.served += 1;
          if (ticket.arrival.transfer && !ticket.transferred) {
            // Transferred: rejoins the other service's queue, keeping its issued-at.
            ticket.transferred = true;
            const target = ticket.arrival.transfer.service;
            ticket.entry = {
              ...ticket.entry,
              serviceId: target,
              dueAt: dueTime(ticket.entry.issuedAt, serviceOf(target).maxWaitMinutes, ticket.arrival.priority, STANDARD_OFFICE.priorityMaxWaitMinutes),
            };
            waiting.push(ticket);
          } else {
            ticket.record.outcome = ticket.transferred ? 'transferred_done' : 'done';
          }
        }
        for (const other of counters) tryCall(other);
        break;
      }
    }
  }
  return { policy, tickets: tickets.map((ticket) => ticket.record), counters: counters.map((counter) => counter.record), lastFinishMinute: lastFinish };
}
