import { DEFAULT_BOOKING_SETTINGS, maxWaitFor } from '@loket/domain';
import { counterBreaks, drawDay, STANDARD_DAY, STANDARD_OFFICE, seatsOf, serviceOf, suggestedBookingSeats, withoutBookingSystem } from './day.js';
import { runDay } from './engine.js';
import type { TicketRecord } from './engine.js';
import { bookingStudy, calibration } from './studies.js';

describe('the simulated day', () => {
  const day = runDay(drawDay(STANDARD_DAY), 'edf');

  it('holds a priority ticket to the priority maximum wait, as the product does (maxWaitFor)', () => {
    const priority = day.tickets.filter((ticket) => ticket.priority);
    expect(priority.length).toBeGreaterThan(0);
    for (const ticket of priority) {
      expect(ticket.maxWaitMinutes).toBe(maxWaitFor(serviceOf(ticket.service).maxWaitMinutes, true, STANDARD_OFFICE.priorityMaxWaitMinutes));
      expect(ticket.maxWaitMinutes).toBeLessThan(serviceOf(ticket.service).maxWaitMinutes);
    }
  });

  it('holds any other ticket to its service’s maximum wait', () => {
    for (const ticket of day.tickets.filter((t) => !t.priority)) expect(ticket.maxWaitMinutes).toBe(serviceOf(ticket.service).maxWaitMinutes);
  });
});

describe('the simulated day keeps the calendar', () => {
  const trace = drawDay(STANDARD_DAY);

  it('issues nothing from the cut-off on, and counts those who came later', () => {
    expect(trace.cutoffMinute).toBe(7 * 60 - STANDARD_OFFICE.issueCutoffMinutes);
    expect(trace.arrivals.every((arrival) => arrival.atMinute < trace.cutoffMinute)).toBe(true);
    expect(trace.turnedAway.length).toBeGreaterThan(0);
    expect(trace.turnedAway.every((arrival) => arrival.atMinute >= trace.cutoffMinute)).toBe(true);
  });

  it('staggers the ishoma so some counter is always scheduled, and gives Friday the longer prayer break', () => {
    for (const dayType of ['weekday', 'friday'] as const) {
      const plans = drawDay({ ...STANDARD_DAY, dayType }).counters;
      for (let minute = 0; minute < 7 * 60; minute += 5) {
        expect(plans.some((plan) => plan.plannedBreaks.every((window) => minute < window.from || minute >= window.to))).toBe(true);
      }
    }
    expect(counterBreaks(1, 'weekday')).toEqual([{ from: '12:00', to: '13:00' }]);
    expect(counterBreaks(2, 'weekday')).toEqual([{ from: '12:30', to: '13:30' }]);
    expect(counterBreaks(1, 'friday')).toEqual([{ from: '11:30', to: '13:00' }]);
  });

  it('pauses every counter around its planned break, and the same seed plays the same day', () => {
    const day = runDay(trace, 'edf');
    for (const counter of day.counters) {
      const planned = trace.counters.find((plan) => plan.number === counter.number)!.plannedBreaks[0];
      expect(counter.breaks).toHaveLength(1);
      expect(Math.abs(counter.breaks[0].from - planned.from)).toBeLessThan(40);
      expect(counter.breaks[0].to! - planned.to).toBeLessThanOrEqual(20);
    }
    expect(runDay(drawDay(STANDARD_DAY), 'edf')).toEqual(day);
  });
});

describe('the simulated day with bookings (issue 17)', () => {
  const trace = drawDay({ ...STANDARD_DAY, booking: { ...STANDARD_DAY.booking, share: 0.4 } });
  const withBooking = runDay(trace, 'edf', { bookings: true, estimates: false });
  const without = runDay(trace, 'edf', { bookings: false, estimates: false });

  it('draws the standard day without bookings exactly as before, and about 40% of the others booked', () => {
    expect(drawDay(STANDARD_DAY).arrivals.every((arrival) => arrival.booking === null)).toBe(true);
    const booked = trace.arrivals.filter((arrival) => arrival.booking !== null).length;
    const standard = drawDay(STANDARD_DAY).arrivals.length;
    expect(booked / (trace.arrivals.length + trace.bookingNoShows)).toBeGreaterThan(0.25);
    expect(booked / (trace.arrivals.length + trace.bookingNoShows)).toBeLessThan(0.5);
    expect(trace.arrivals.length + trace.bookingNoShows).toBe(standard);
    expect(trace.arrivals.every((arrival, index) => arrival.index === index && (index === 0 || arrival.atMinute >= trace.arrivals[index - 1].atMinute))).toBe(
      true,
    );
  });

  it('makes a booked citizen late (a walk-in) exactly when checkIn does: past the slot plus the tolerance', () => {
    const booked = withBooking.tickets.filter((ticket) => ticket.booking !== null);
    expect(booked.length).toBeGreaterThan(0);
    for (const ticket of booked)
      expect(ticket.booking!.late).toBe(ticket.issuedAt > ticket.booking!.slotStartMinute + DEFAULT_BOOKING_SETTINGS.lateToleranceMinutes);
    expect(without.tickets.every((ticket) => ticket.booking === null)).toBe(true);
  });

  it('books no slot past its seats: a citizen whose slot is full takes the nearest with a seat, or walks in', () => {
    const seats = { perSlot: { A: 1, B: 1, C: 1, D: 1, PL: 1 }, bySchedule: false };
    const limited = drawDay({ ...STANDARD_DAY, booking: { ...STANDARD_DAY.booking, share: 0.4 }, bookingSeats: seats });
    // Without a limit the same citizens want more than one seat in some slot.
    const wanted = new Map<string, number>();
    for (const arrival of trace.arrivals.filter((a) => a.booking)) {
      const key = `${arrival.service}@${arrival.booking!.slotStartMinute}`;
      wanted.set(key, (wanted.get(key) ?? 0) + 1);
    }
    expect(Math.max(...wanted.values())).toBeGreaterThan(1);
    expect(trace.bookingMoved + trace.bookingRefused).toBe(0);
    const taken = new Map<string, number>();
    for (const arrival of limited.arrivals.filter((a) => a.booking)) {
      const key = `${arrival.service}@${arrival.booking!.slotStartMinute}`;
      taken.set(key, (taken.get(key) ?? 0) + 1);
    }
    // Booked citizens who never came held their seat too: none over, counting them or not.
    expect(Math.max(...taken.values())).toBe(1);
    expect(limited.bookingMoved).toBeGreaterThan(0);
    // The same citizens in all: booked, walked in for want of a seat, or never came.
    expect(limited.arrivals.length + limited.bookingNoShows).toBe(trace.arrivals.length + trace.bookingNoShows);
  });

  it('suggests the seats from the standard office’s counters and service times, fewer in a slot during the ishoma', () => {
    // A: loket 1 alone, loket 2 half, loket 6 a fifth: 30 min ÷ 10 × (1 + 0.5 + 0.2) = 5.1 calls; half for walk-ins.
    expect(suggestedBookingSeats()).toEqual({ A: 2, B: 1, C: 1, D: 1, PL: 1 });
    const seats = { perSlot: suggestedBookingSeats(), bySchedule: true };
    expect(seatsOf(seats, 'A', 60, 30, 'weekday')).toBe(2);
    // 12:30–13:00: lokets 1–5 on their ishoma, only loket 6 serves.
    expect(seatsOf(seats, 'A', 270, 30, 'weekday')).toBe(0);
    expect(seatsOf({ ...seats, bySchedule: false }, 'A', 270, 30, 'weekday')).toBe(2);
    const limited = drawDay({ ...STANDARD_DAY, booking: { ...STANDARD_DAY.booking, share: 0.4 }, bookingSeats: seats });
    expect(limited.arrivals.some((arrival) => arrival.booking?.slotStartMinute === 270 && arrival.service === 'A')).toBe(false);
  });

  it('plays the office without booking with each booked citizen walking in when they would have', () => {
    const plain = withoutBookingSystem(trace);
    expect(plain.arrivals.map((arrival) => arrival.index).sort((a, b) => a - b)).toEqual(trace.arrivals.map((arrival) => arrival.index));
    for (const arrival of trace.arrivals) {
      const same = plain.arrivals.find((candidate) => candidate.index === arrival.index)!;
      expect(same.booking).toBeNull();
      expect(same.atMinute).toBe(arrival.booking ? arrival.booking.walkInMinute : arrival.atMinute);
    }
  });

  it('calls booked citizens nearer their slot than the same day without booking does', () => {
    const row = bookingStudy(trace, withBooking, runDay(withoutBookingSystem(trace), 'edf', { estimates: false }), without);
    expect(row.booked).toBeGreaterThan(0);
    expect(row.bookedInTime!).toBeGreaterThan(row.bookedInTimeWithout!);
  });
});

describe('the range’s calibration', () => {
  // A ticket of service A that waited `wait` minutes with the range 5–10 given at issue.
  const ticket = (wait: number): TicketRecord => ({
    index: 0,
    service: 'A',
    priority: false,
    issuedAt: 0,
    waitMinutes: wait,
    maxWaitMinutes: 30,
    estimate: { ours: 7, naive: 7, informed: 7, range: { lo: 5, hi: 10 } },
    outcome: 'done',
    booking: null,
  });
  const day = (inside: number, outside: number) => [...Array.from({ length: inside }, () => ticket(7)), ...Array.from({ length: outside }, () => ticket(20))];

  it('takes the margin day by day: days that differ widen it past that of as many independent tickets', () => {
    // Two days of 50: one with 45 inside, one with 35; 80 of 100 inside in all.
    const row = calibration([day(45, 5), day(35, 15)]).rows[0];
    expect(row.inside).toBe(0.8);
    // Σ (inside − 0.8 × tickets)² = 5² + 5²; × 2/(2 − 1); √ ÷ 100 tickets; × 1.96.
    expect(row.margin).toBe(Math.round(((1.96 * Math.sqrt(2 * 50)) / 100) * 1000) / 1000);
    expect(row.margin!).toBeGreaterThan(1.96 * Math.sqrt((0.8 * 0.2) / 100));
  });

  it('gives one day the margin of independent tickets', () => {
    expect(calibration([day(80, 20)]).rows[0].margin).toBe(Math.round(1.96 * Math.sqrt((0.8 * 0.2) / 100) * 1000) / 1000);
  });
});
