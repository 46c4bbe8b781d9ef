import { Injectable } from '@nestjs/common';
import { Clock } from '../clock/clock.js';
import { OfficeChanges } from '../offices/office-changes.js';
import { AVAILABILITY_MAX_AGE_MS } from './availability-cache.js';
import type { BookingContextRow } from './bookings.repository.js';

interface Entry {
  /** When the read finished, on the real clock; null while it runs, when every caller shares it. */
  loadedAt: number | null;
  /** When the read began, on the API clock. */
  clockAt: number;
  /** The office, when an earlier read of the slug told it: a read of an office not yet known is stale on any office's change. */
  officeId: string | null;
  /** A change of its office was announced while the read ran: its callers have it, nobody later. */
  stale: boolean;
  context: Promise<BookingContextRow | undefined>;
  value: BookingContextRow | undefined;
}

/**
 * What a booking attempt and an availability read need of an office (the office, its calendar,
 * the service with its booking settings and counters: `BookingsRepository.context`), as this
 * instance last read it, so the thousands of attempts of a rush do not each read it again. One
 * read in flight is shared. A kept context is dropped
 * - when a change of its office is announced (`OfficeChanges`: the admin's set-up of services,
 *   counters, the office and its calendar, here or on another instance; a read of the office
 *   running then is kept by nobody);
 * - when a booking setting of its office or its services changes here (`changed`);
 * - once older than `AVAILABILITY_MAX_AGE_MS` on the real clock or on the API clock, so a
 *   booking setting changed on another instance shows within that age, as seats do.
 * The seat itself is decided by the booking statement on the database's counts, never by this.
 */
@Injectable()
export class BookingContextCache {
  private readonly entries = new Map<string, Entry>();
  /** Each slug's office, as last read. */
  private readonly offices = new Map<string, string>();
  maxAgeMs = AVAILABILITY_MAX_AGE_MS;

  constructor(
    changes: OfficeChanges,
    private readonly clock: Clock,
  ) {
    changes.onChange((officeId) => this.drop(officeId));
  }

  read(slug: string, serviceId: string, load: () => Promise<BookingContextRow | undefined>): Promise<BookingContextRow | undefined> {
    const key = `${slug}|${serviceId}`;
    const known = this.entries.get(key);
    if (known && this.current(known)) return known.context;
    const officeId = this.offices.get(slug) ?? null;
    const entry: Entry = { loadedAt: null, clockAt: this.clock.now().getTime(), officeId, stale: false, context: load(), value: undefined };
    entry.context.then(
      (value) => {
        // An unknown office or service is not kept (made-up slugs and ids cannot grow the map), nor one read across a change.
        if (entry.stale || !value || !value.services.some((service) => service.service_id === serviceId)) {
          if (this.entries.get(key) === entry) this.entries.delete(key);
          return;
        }
        entry.value = value;
        entry.loadedAt = Date.now();
        this.offices.set(slug, value.office_id);
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    this.entries.set(key, entry);
    return entry.context;
  }

  /** A booking setting of the office or one of its services changed here: its contexts are read again. */
  changed(officeId: string): void {
    this.drop(officeId);
  }

  private drop(officeId: string): void {
    for (const [key, entry] of this.entries) {
      if (entry.loadedAt === null) entry.stale ||= entry.officeId === null || entry.officeId === officeId;
      else if (entry.value?.office_id === officeId) this.entries.delete(key);
    }
  }

  private current(entry: Entry): boolean {
    if (entry.stale) return false;
    if (entry.loadedAt === null) return true;
    const clockAge = this.clock.now().getTime() - entry.clockAt;
    return Date.now() - entry.loadedAt < this.maxAgeMs && clockAge >= 0 && clockAge < this.maxAgeMs;
  }
}
