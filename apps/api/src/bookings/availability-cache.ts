import { Injectable } from '@nestjs/common';
import type { BookingAvailabilityView } from '@loket/domain';
import { isDatabaseUnavailable } from '../common/database-unavailable.js';

/** How old (real time) a service's availability may be when served: a day's rush reads it thousands of times a second. */
export const AVAILABILITY_MAX_AGE_MS = 1000;

/** Entries kept before those past their age are swept out (days asked once, services not asked since). */
const SWEEP_ABOVE = 1_000;

interface Entry {
  serviceId: string;
  /** When its read finished (real time); null while it runs, when every viewer shares it. */
  loadedAt: number | null;
  view: Promise<BookingAvailabilityView>;
  /** The view once read, patched in place by the bookings made here since (`taken`). */
  value: BookingAvailabilityView | null;
  /** `value` as JSON, written once for every viewer until the view changes (`json`). */
  json: string | null;
}

/**
 * The availability of each service as this instance last read it, whole (every day to the
 * horizon) and per day asked (a booking page showing a day asks for that day alone), so a booking page's viewers
 * do not cost a database read each: at most one read a second per service and instance, shared
 * by every viewer asking meanwhile (one load in flight). A booking made here takes its seat
 * off the view at once, without a read (in a rush a booking comes every millisecond, and
 * dropping the view each time would cost a read per viewer again); a reschedule, cancel or
 * settings change made here drops the view; any change made on another instance shows within
 * the age. While the database cannot answer, the last view read is served on rather than
 * failing every viewer who shares the read.
 * The seat itself is decided by the booking statement, never by this view: a seat shown free
 * a moment too long is refused there with 409 slot_full.
 */
@Injectable()
export class AvailabilityCache {
  private readonly entries = new Map<string, Entry>();
  /** A test of the sharing itself may hold entries longer than a loaded machine answers a crowd. */
  maxAgeMs = AVAILABILITY_MAX_AGE_MS;

  read(slug: string, serviceId: string, day: string | null, load: () => Promise<BookingAvailabilityView>): Promise<BookingAvailabilityView> {
    const key = keyOf(slug, serviceId, day);
    const known = this.entries.get(key);
    if (known && (known.loadedAt === null || Date.now() - known.loadedAt < this.maxAgeMs)) return known.view;
    if (!known && this.entries.size >= SWEEP_ABOVE) this.sweep();
    // While the database cannot answer, the last view read is served on (still old: the next viewer tries again), not a 503 to every viewer sharing the read.
    const last = known?.value ? { value: known.value, loadedAt: known.loadedAt } : null;
    const view = load().catch((error: unknown) => {
      if (last && isDatabaseUnavailable(error)) return last.value;
      throw error;
    });
    const entry: Entry = { serviceId, loadedAt: null, view, value: null, json: null };
    entry.view.then(
      (value) => {
        entry.value = value;
        entry.loadedAt = last?.value === value ? last.loadedAt : Date.now();
      },
      // A failed read is not kept: the next viewer tries again.
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    this.entries.set(key, entry);
    return entry.view;
  }

  /**
   * The same view as JSON: written once per change of the kept view and sent as it is to every
   * viewer, so a crowd reading it costs no serialising each (in a rush, most of the API's work).
   */
  async json(slug: string, serviceId: string, day: string | null, load: () => Promise<BookingAvailabilityView>): Promise<string> {
    const view = await this.read(slug, serviceId, day, load);
    const entry = this.entries.get(keyOf(slug, serviceId, day));
    if (entry?.value !== view) return JSON.stringify(view);
    entry.json ??= JSON.stringify(view);
    return entry.json;
  }

  /**
   * A booking made here took a seat of `startsAt` on `day`: one fewer left in the slot and in
   * the day, and no slot of the day shows more than the day has left (as `bookingDayView`
   * counts them). A view still being read may or may not hold the booking: it is dropped.
   */
  taken(serviceId: string, day: string, startsAt: number): void {
    for (const [key, entry] of this.entries) {
      if (entry.serviceId !== serviceId) continue;
      if (entry.value === null) {
        this.entries.delete(key);
        continue;
      }
      const shown = entry.value.days.find((candidate) => candidate.day === day);
      if (!shown) continue;
      entry.json = null;
      shown.left = Math.max(0, shown.left - 1);
      for (const slot of shown.slots) {
        if (Date.parse(slot.startsAt) === startsAt) slot.left = Math.max(0, slot.left - 1);
        slot.left = Math.min(slot.left, shown.left);
      }
    }
  }

  /**
   * Whether the kept view of the service, within its age, shows the slot of `startsAt` on `day`
   * full (`slot_full`) or the day (`day_full`); null when it does not or none is kept. A view
   * never shows fewer seats than the database held when it was read, less the bookings made
   * here since: only a seat freed on another instance within the age is missing from it, and
   * that seat is offered again within the age.
   */
  knownFull(slug: string, serviceId: string, day: string, startsAt: number): 'slot_full' | 'day_full' | null {
    // The day's own view when one is kept (the one a rush's pages read), else the whole one.
    for (const key of [keyOf(slug, serviceId, day), keyOf(slug, serviceId, null)]) {
      const entry = this.entries.get(key);
      if (!entry?.value || entry.loadedAt === null || Date.now() - entry.loadedAt >= this.maxAgeMs) continue;
      const shown = entry.value.days.find((candidate) => candidate.day === day);
      if (!shown?.open) continue;
      if (shown.left === 0) return 'day_full';
      return shown.slots.some((slot) => slot.left === 0 && Date.parse(slot.startsAt) === startsAt) ? 'slot_full' : null;
    }
    return null;
  }

  /** A seat of the service was freed or moved, or its settings changed, on this instance. */
  changed(serviceId: string): void {
    for (const [key, entry] of this.entries) if (entry.serviceId === serviceId) this.entries.delete(key);
  }

  /** Drops the views past their age: the map holds the services and days asked lately, not every day ever asked. */
  private sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.entries) if (entry.loadedAt !== null && now - entry.loadedAt >= this.maxAgeMs) this.entries.delete(key);
  }
}

const keyOf = (slug: string, serviceId: string, day: string | null) => `${slug}|${serviceId}|${day ?? '*'}`;
