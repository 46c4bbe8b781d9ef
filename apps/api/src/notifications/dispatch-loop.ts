import type { Logger } from '@nestjs/common';
import { SkipWhileRunning } from '../common/single-flight.js';

/** How long a claim is held before another instance may take it over (a crash mid-send): well past any send's timeout. */
export const DISPATCH_LEASE_MS = 60_000;

/**
 * What one kind of outbox delivery (a webhook, a web push) gives the dispatch loop: how to
 * claim due deliveries, how to send a claimed batch, how to record the outcomes, and what
 * each outcome counts as. `K` names the counts a round reports besides `claimed`.
 */
export interface DeliveryWork<Claimed, Outcome, K extends string> {
  /** The counts of a round, each starting at 0. */
  readonly outcomeKinds: readonly K[];
  /** How many deliveries one round claims and sends side by side. */
  readonly batch: number;
  /**
   * Claims up to `limit` deliveries due at `now` until `leaseUntil`, in one short statement
   * (`FOR UPDATE SKIP LOCKED` and a lease: instances share the work, none holds a
   * transaction across a send). `officeId` keeps to one office (tests on a shared database).
   */
  claim(now: Date, leaseUntil: Date, limit: number, officeId: string | null): Promise<Claimed[]>;
  /** Sends the batch side by side; one outcome per claimed delivery, never a throw for a failed send. */
  send(claimed: Claimed[], now: Date): Promise<Outcome[]>;
  /** Writes the outcomes, in one statement. */
  record(outcomes: Outcome[], now: Date): Promise<void>;
  /** What an outcome counts as. */
  kindOf(outcome: Outcome): K;
  /** Work done at most once per timer round before the sends (scans that write to the outbox, pruning). */
  beforeRounds?(): Promise<void>;
  /**
   * The offices with someone to deliver to (an enabled endpoint, a subscribed browser): only
   * their changes kick a round. Others' cannot have written a delivery of this kind, and the
   * claim each kick costs was a tenth of the statements of a served ticket. Read on the timer
   * every `WANTING_READ_EVERY_MS`; an office that gains its first consumer in between is
   * served by the timer's rounds until then.
   */
  officesWanting?(): Promise<ReadonlySet<string>>;
}

/** How often the timer re-reads `officesWanting`. */
export const WANTING_READ_EVERY_MS = 10_000;

export type DispatchCounts<K extends string> = { claimed: number } & Record<K, number>;

/**
 * The claim / lease / send loop every outbox consumer runs, one per API instance, off the
 * request path: on a timer (`intervalMs`, 0 = never) and shortly after any change an office
 * publishes (that change may have written to the outbox), never two rounds at once; each
 * round claims, sends side by side, and records, and rounds go on while a full batch came.
 */
export class DispatchLoop<Claimed, Outcome, K extends string> {
  private readonly rounds = new SkipWhileRunning();
  private timer: ReturnType<typeof setInterval> | undefined;
  private kicked: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;
  /** The offices whose changes kick a round; null until read (or without `officesWanting`): every office's. */
  private wanting: ReadonlySet<string> | null = null;
  private wantingReadAt = -Infinity;

  constructor(
    private readonly work: DeliveryWork<Claimed, Outcome, K>,
    private readonly logger: Logger,
    /** The injected clock's now: when a timer round counts as happening. */
    private readonly now: () => Date,
  ) {}

  /** Starts the timer; `onPublish` registers the kick that follows an office's change. */
  start(intervalMs: number, onPublish: (listener: (officeId: string) => void) => void): void {
    if (intervalMs <= 0) return;
    this.timer = setInterval(() => void this.timerRound(), intervalMs);
    this.timer.unref();
    onPublish((officeId) => this.officeChanged(officeId));
  }

  /**
   * What the timer does: re-reads the offices wanting deliveries when that is due, then the
   * rounds. Resolves when they end (or at once, while a round already runs).
   */
  timerRound(): Promise<unknown> {
    return this.kick(true);
  }

  /**
   * A change in `officeId`: a round 50 ms later (changes in between share it) when the office
   * has someone to tell, or when that is not known yet. Returns whether one is now due.
   */
  officeChanged(officeId: string): boolean {
    if (this.stopped || (this.wanting !== null && !this.wanting.has(officeId))) return false;
    if (this.kicked === undefined) {
      this.kicked = setTimeout(() => {
        this.kicked = undefined;
        void this.kick();
      }, 50);
      this.kicked.unref();
    }
    return true;
  }

  /** Stops the timer and waits for the round in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.kicked);
    await this.running.catch(() => undefined);
  }

  private kick(timer = false): Promise<unknown> {
    if (this.stopped) return Promise.resolve();
    this.running = this.rounds
      .run(async () => {
        if (timer && this.work.officesWanting && performance.now() - this.wantingReadAt >= WANTING_READ_EVERY_MS) {
          this.wantingReadAt = performance.now();
          this.wanting = await this.work.officesWanting();
        }
        await this.work.beforeRounds?.();
        while (!this.stopped && (await this.round()).claimed === this.work.batch);
      })
      .catch((error: unknown) => this.logger.error(`Dispatch round failed: ${String(error)}`));
    return this.running;
  }

  /** Sends until nothing is due at `now`, in one office when `officeId` is given. */
  async drain(now: Date = this.now(), officeId: string | null = null): Promise<DispatchCounts<K>> {
    const total: Record<string, number> = this.zero();
    for (;;) {
      const round: Record<string, number> = await this.round(now, officeId);
      for (const key of Object.keys(total)) total[key] += round[key];
      if (round.claimed === 0) return total as DispatchCounts<K>;
    }
  }

  /** One round: claim, send side by side, record. */
  async round(now: Date = this.now(), officeId: string | null = null): Promise<DispatchCounts<K>> {
    const claimed = await this.work.claim(now, new Date(now.getTime() + DISPATCH_LEASE_MS), this.work.batch, officeId);
    const counts: Record<string, number> = this.zero();
    counts.claimed = claimed.length;
    if (claimed.length === 0) return counts as DispatchCounts<K>;
    const outcomes = await this.work.send(claimed, now);
    await this.work.record(outcomes, now);
    for (const outcome of outcomes) counts[this.work.kindOf(outcome)] += 1;
    return counts as DispatchCounts<K>;
  }

  private zero(): Record<string, number> {
    return Object.fromEntries([['claimed', 0], ...this.work.outcomeKinds.map((kind) => [kind, 0])]);
  }
}
