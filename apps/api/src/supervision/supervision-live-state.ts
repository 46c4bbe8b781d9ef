import { Injectable } from '@nestjs/common';
import { type OfficeEvent, type SupervisionState, applyOfficeEvent, recordOfficeEvent, serviceDay } from '@loket/domain';
import { OfficeChanges } from '../offices/office-changes.js';
import { SupervisionStateLoader } from './supervision-state.loader.js';

/** Events held while a number before them is missing; past this many the state is read afresh instead. */
const MAX_HELD_EVENTS = 1_000;

interface Slot {
  slug: string;
  state: SupervisionState;
  /** Events published with a number past one not seen yet, by number. */
  held: Map<number, OfficeEvent>;
  /** Numbers announced here (`OfficeChanges`) whose event has not come: a change no event brings (the set-up, another instance). */
  unmatched: Set<number>;
  /** An event said the records no longer suffice (a counter opened: who staffs it), or changes may have been missed. */
  stale: boolean;
}

/**
 * Each office's supervision state (libs/domain `SupervisionState`: the snapshot and the
 * day's records) kept in memory and moved on by the office's events with the domain's own
 * reducers (`applyOfficeEvent`, `recordOfficeEvent`, as the supervisor's screen does), so
 * the alert scan after an event reads nothing from the database. It is read afresh
 * (`reload`) the first time, when a number was announced with no event (`OfficeChanges`
 * knows of a change no event brought here: the set-up, another instance), when the
 * office-local day moved on, or when an event says the records do not suffice. A change no event announces is
 * not seen: every change of an office moves its sequence number on (`OfficeChanges`). Events published during the very first read of an
 * office are not held (the office is not known yet): the gap they leave is noticed, and the
 * office read once more.
 *
 * The state handed out is the live one: use it at once, before any await.
 */
@Injectable()
export class SupervisionLiveState {
  /** By office id. */
  private readonly offices = new Map<string, Slot>();

  constructor(
    private readonly loader: SupervisionStateLoader,
    private readonly changes: OfficeChanges,
  ) {
    // An event is announced just before it is published (OfficeEventsPublisher), and `record` then matches it.
    changes.onChange((officeId, seq) => this.offices.get(officeId)?.unmatched.add(seq));
  }

  /** The slug of an office kept here (null: not kept). */
  slugOf(officeId: string): string | null {
    return this.offices.get(officeId)?.slug ?? null;
  }

  /** The office's state at `now`: the one kept, when it is current, else read afresh. */
  async current(slug: string, now: Date): Promise<SupervisionState> {
    const slot = [...this.offices.values()].find((candidate) => candidate.slug === slug);
    if (slot && this.usable(slot, now)) return slot.state;
    return this.reload(slug, now);
  }

  /** Reads the office's state from the database and keeps it, with the events published meanwhile applied. */
  async reload(slug: string, now: Date): Promise<SupervisionState> {
    const loaded = await this.loader.load(slug, now);
    const officeId = loaded.office.office.id;
    const slot = this.offices.get(officeId);
    if (!slot || slot.slug !== slug || slot.state.day !== loaded.day || slot.state.office.seq <= loaded.office.seq) {
      // Events held meanwhile carry on from what was read. Without a slot before, none was
      // held: if changes were announced past what was read, read again next time.
      const missed = !slot && this.changes.knownSeq(officeId) > loaded.office.seq;
      this.offices.set(officeId, { slug, state: loaded, held: slot?.held ?? new Map(), unmatched: slot?.unmatched ?? new Set(), stale: missed });
    }
    const kept = this.offices.get(officeId)!;
    this.drain(kept);
    return kept.state;
  }

  /** A committed event of an office kept here (this instance's, in about the order of their numbers). */
  record(officeId: string, event: OfficeEvent): void {
    const slot = this.offices.get(officeId);
    slot?.unmatched.delete(event.seq);
    if (!slot || event.seq <= slot.state.office.seq) return;
    slot.held.set(event.seq, event);
    if (slot.held.size > MAX_HELD_EVENTS) {
      slot.held.clear();
      slot.stale = true;
      return;
    }
    this.drain(slot);
  }

  private drain(slot: Slot): void {
    const state = slot.state;
    for (const seq of slot.held.keys()) if (seq <= state.office.seq) slot.held.delete(seq);
    for (const seq of slot.unmatched) if (seq <= state.office.seq) slot.unmatched.delete(seq);
    for (let next = slot.held.get(state.office.seq + 1); next; next = slot.held.get(state.office.seq + 1)) {
      slot.held.delete(next.seq);
      applyOfficeEvent(state.office, next);
      if (recordOfficeEvent(state, next)) slot.stale = true;
    }
  }

  private usable(slot: Slot, now: Date): boolean {
    const { state } = slot;
    return !slot.stale && state.day === serviceDay(now, state.office.office.timeZone) && state.office.seq >= this.changes.knownSeq(state.office.office.id);
  }
}
