import { Injectable } from '@nestjs/common';
import { type OfficeEvent, type SupervisionState, applyOfficeEvent, recordOfficeEvent, serviceDay } from '@loket/domain';
import { OfficeChanges } from '../offices/office-changes.js';
import { SupervisionStateLoader } from './supervision-state.loader.js';

/** Events held while a number before them is missing; past this many the state is read afresh instead. */
const MAX_HELD_EVENTS = 1_000;

/**
 * Why an office's state was read: `first` (not kept yet), `day` (the office-local day moved
 * on), `stale` (changes may have been missed: published during the first read, or too many
 * held), `eventless` (a number was announced with no event: the set-up, another instance),
 * `gap` (a number never came within the wait), `staffing` (a counter opened: only who staffs
 * the counters is read, not the office).
 */
export type SupervisionReloadReason = 'first' | 'day' | 'stale' | 'eventless' | 'gap' | 'staffing';

const reloads: Record<SupervisionReloadReason, number> = { first: 0, day: 0, stale: 0, eventless: 0, gap: 0, staffing: 0 };

/** How many times this process has read an office's supervision state, by reason (for `/metrics` and the bench). */
export function supervisionReloads(): Readonly<Record<SupervisionReloadReason, number>> {
  return reloads;
}

interface Waiter {
  seq: number;
  done: (arrived: boolean) => void;
}

interface Slot {
  slug: string;
  state: SupervisionState;
  /** Events published with a number past one not seen yet, by number. */
  held: Map<number, OfficeEvent>;
  /** Numbers announced here (`OfficeChanges`) whose event has not come: a change no event brings (the set-up, another instance). */
  unmatched: Set<number>;
  /** Changes may have been missed (published during the first read, or too many held): read afresh. */
  stale: boolean;
  /** A counter opened: who staffs the counters is read again (the events do not say). */
  staffing: boolean;
  /** Scans waiting for the state to reach a number. */
  waiters: Set<Waiter>;
}

/**
 * Each office's supervision state (libs/domain `SupervisionState`: the snapshot and the
 * day's records) kept in memory and moved on by the office's events with the domain's own
 * reducers (`applyOfficeEvent`, `recordOfficeEvent`, as the supervisor's screen does), so
 * the alert scan after an event reads nothing from the database.
 *
 * Events reach it in about the order of their numbers: two transactions commit in number
 * order but may publish the other way round, so a scan can find the state a number or two
 * behind the highest announced (`OfficeChanges`). It then waits up to `gapWaitMs` for the
 * missing events, which are on their way, rather than reading the office. The office is read
 * afresh (`reload`) only the first time, when the office-local day moved on, when a number
 * was announced with no event (the set-up, another instance), when a missing number has not
 * come within the wait (an event lost: a real gap), or when changes may have been missed. A
 * counter opening reads only who staffs the counters.
 *
 * The state handed out is the live one: use it at once, before any await.
 */
@Injectable()
export class SupervisionLiveState {
  /** How long (real time) a scan waits for events published out of order before reading the office. */
  gapWaitMs = 1_000;
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

  /**
   * The office's state at `now`, having seen every number announced for it when asked: the
   * one kept, once the events published out of order have come, else read afresh.
   */
  async current(slug: string, now: Date): Promise<SupervisionState> {
    const slot = [...this.offices.values()].find((candidate) => candidate.slug === slug);
    if (!slot) return this.reload(slug, now, 'first');
    if (slot.stale) return this.reload(slug, now, 'stale');
    if (slot.state.day !== serviceDay(now, slot.state.office.office.timeZone)) return this.reload(slug, now, 'day');
    const target = this.changes.knownSeq(slot.state.office.office.id);
    if (slot.state.office.seq < target) {
      // A number announced with no event will not come as one: the change is only in the database.
      if (slot.unmatched.size > 0) return this.reload(slug, now, 'eventless');
      if (!(await this.arrival(slot, target))) return this.reload(slug, now, slot.stale ? 'stale' : 'gap');
      if (slot.stale) return this.reload(slug, now, 'stale');
    }
    if (slot.staffing) {
      reloads.staffing += 1;
      slot.staffing = false;
      const staffing = await this.loader.staffing(slot.state.office.office.id);
      // The state may have been read afresh meanwhile, with staffing read after this.
      if (!slot.staffing) slot.state.staffing = staffing;
    }
    return slot.state;
  }

  /**
   * The office's kept state when it is current at `now` with nothing to read or wait for, else
   * null: for work that would rather skip an office than read it (the regional rows' clock tick).
   */
  peek(officeId: string, now: Date): SupervisionState | null {
    const slot = this.offices.get(officeId);
    if (!slot || slot.stale || slot.staffing || slot.unmatched.size > 0 || slot.held.size > 0) return null;
    if (slot.state.day !== serviceDay(now, slot.state.office.office.timeZone)) return null;
    return slot.state.office.seq < this.changes.knownSeq(officeId) ? null : slot.state;
  }

  /** Reads the office's state from the database and keeps it, moved on by the events held here past what was read. */
  async reload(slug: string, now: Date, reason: SupervisionReloadReason = 'stale'): Promise<SupervisionState> {
    reloads[reason] += 1;
    const loaded = await this.loader.load(slug, now);
    const officeId = loaded.office.office.id;
    const slot = this.offices.get(officeId);
    if (!slot) {
      // Events published during this first read were not held (the office was not kept): if
      // numbers were announced past what was read, read again next time.
      const missed = this.changes.knownSeq(officeId) > loaded.office.seq;
      const kept: Slot = { slug, state: loaded, held: new Map(), unmatched: new Set(), stale: missed, staffing: false, waiters: new Set() };
      this.offices.set(officeId, kept);
      this.drain(kept);
      return kept.state;
    }
    // A state kept that has moved past what was read (another read ended first, with events
    // applied since) stays, unless changes may have been missed: then what was read replaces
    // it, carried on by the events held (a number missing among them stalls it, and the next
    // scan waits for it, then reads again).
    const ahead = slot.state.office.seq > loaded.office.seq && slot.state.day === loaded.day && slot.slug === slug;
    if (ahead && !slot.stale) return slot.state;
    slot.slug = slug;
    slot.state = loaded;
    slot.stale = false;
    slot.staffing = false;
    this.drain(slot);
    return slot.state;
  }

  /** A committed event of an office kept here (this instance's, in about the order of their numbers). */
  record(officeId: string, event: OfficeEvent): void {
    const slot = this.offices.get(officeId);
    slot?.unmatched.delete(event.seq);
    if (!slot || event.seq <= slot.state.office.seq) return;
    slot.held.set(event.seq, event);
    if (slot.held.size > MAX_HELD_EVENTS) {
      slot.held.clear();
      this.markStale(slot);
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
      if (recordOfficeEvent(state, next)) slot.staffing = true;
    }
    for (const waiter of slot.waiters) if (waiter.seq <= state.office.seq) waiter.done(true);
  }

  private markStale(slot: Slot): void {
    slot.stale = true;
    for (const waiter of slot.waiters) waiter.done(false);
  }

  /** Resolves true once the kept state reaches `seq`, false if it has not within `gapWaitMs` (or changes were missed). */
  private arrival(slot: Slot, seq: number): Promise<boolean> {
    return new Promise((resolve) => {
      const waiter: Waiter = {
        seq,
        done: (arrived) => {
          clearTimeout(timer);
          slot.waiters.delete(waiter);
          resolve(arrived);
        },
      };
      const timer = setTimeout(() => waiter.done(false), this.gapWaitMs);
      slot.waiters.add(waiter);
    });
  }
}
