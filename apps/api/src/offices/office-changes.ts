import { Injectable } from '@nestjs/common';

/** How another instance's change is told across the socket.io adapter (a server-side event, never sent to a client). */
export const OFFICE_CHANGED = 'loket:office-changed';

type Listener = (officeId: string, seq: number) => void;

/** Told each sequence number a set-up transaction takes, announced once it has committed. */
export type SequenceTaken = (officeId: string, seq: number) => void;

/**
 * The highest sequence number this instance knows each office has committed. Every
 * committed change of an office is announced here after its commit: the realtime events
 * (`OfficeEventsPublisher`), the set-up's changes that only move the number on (admin),
 * and, through the socket.io adapter, the changes made on other instances. What this
 * instance keeps about an office (the snapshot cache) is current while it has seen the
 * number known here.
 */
@Injectable()
export class OfficeChanges {
  private readonly known = new Map<string, number>();
  private readonly listeners: Listener[] = [];
  private relay: Listener | null = null;

  /**
   * Sends each announcement to the other instances too (set by the realtime gateway when
   * the Redis adapter is on). It must travel on the same connection as the events and
   * before them, so another instance learns the number before its clients see the event.
   */
  relayTo(relay: Listener): void {
    this.relay = relay;
  }

  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  /** A change of this instance, committed: recorded here and relayed to the other instances. */
  announce(officeId: string, seq: number): void {
    this.record(officeId, seq);
    this.relay?.(officeId, seq);
  }

  /**
   * For a use case that moves an office's number on without an event (the set-up): runs
   * `transaction`, which passes each number it takes to `taken`, and announces them once it
   * has committed (a rolled-back one announces nothing).
   */
  async announcing<T>(transaction: (taken: SequenceTaken) => Promise<T>): Promise<T> {
    const numbers: [string, number][] = [];
    const result = await transaction((officeId, seq) => numbers.push([officeId, seq]));
    for (const [officeId, seq] of numbers) this.announce(officeId, seq);
    return result;
  }

  /** A change committed on another instance. */
  record(officeId: string, seq: number): void {
    if (!(seq > (this.known.get(officeId) ?? 0))) return;
    this.known.set(officeId, seq);
    for (const listener of this.listeners) listener(officeId, seq);
  }

  /** The highest sequence number known for the office (0: none announced since start). */
  knownSeq(officeId: string): number {
    return this.known.get(officeId) ?? 0;
  }
}
