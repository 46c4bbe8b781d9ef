import type { Logger } from '@nestjs/common';

/** How long a claim is held before another instance may take it over (a crash mid-send): well past any send's timeout. */
export const DISPATCH_LEASE_MS = 60_000;

/**
 * What one kind of outbox delivery (a webhook, a web push) gives the dispatch loop: how to
 * claim due deliveries, how to send one, how to record outcomes, and what each outcome counts
 * as. `K` names the counts a run reports besides `claimed`.
 */
export interface DeliveryWork<Claimed, Outcome, K extends string> {
  /** The counts of a run, each starting at 0. */
  readonly outcomeKinds: readonly K[];
  /** How many sends one instance has in flight at most (claimed and not yet recorded). */
  readonly inFlight: number;
  /**
   * Claims up to `limit` deliveries due at `now` until `leaseUntil`, in one short statement
   * (`FOR UPDATE SKIP LOCKED` and a lease: instances share the work, none holds a
   * transaction across a send). `busy` is what this instance has in flight per lane (`laneOf`):
   * a kind with several receivers bounds each one's share there, so a slow receiver holds
   * only its own places. `officeId` keeps to one office (tests on a shared database).
   */
  claim(now: Date, leaseUntil: Date, limit: number, officeId: string | null, busy: ReadonlyMap<string, number>): Promise<Claimed[]>;
  /** The receiver a delivery goes to (a webhook endpoint), for `busy`; without it, one lane for all. */
  laneOf?(claimed: Claimed): string;
  /** Sends one delivery; never throws for a failed send (that is an outcome). */
  send(claimed: Claimed, now: Date): Promise<Outcome>;
  /** Writes outcomes, in one statement. */
  record(outcomes: Outcome[], now: Date): Promise<void>;
  /** What an outcome counts as. */
  kindOf(outcome: Outcome): K;
  /** Work done at most once per timer round before its claims (scans that write to the outbox, pruning). */
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

/** The sends one run (a `drain`, a `round`) started: its counts, and a wake-up each time one of them is recorded. */
class Run<K extends string> {
  open = 0;
  /** How many of its sends are over so far. */
  settledTotal = 0;
  private wake: (() => void) | null = null;

  constructor(readonly counts: Record<string, number>) {}

  started(): void {
    this.open += 1;
  }

  /** One of the run's sends is over and recorded, as `kind` (null: its outcome could not be had). */
  settled(kind: K | null): void {
    this.open -= 1;
    this.settledTotal += 1;
    if (kind !== null) this.counts[kind] += 1;
    this.wake?.();
    this.wake = null;
  }

  /** Resolves once more than `seen` of the run's sends are over (at once if they are, or when none is open). */
  next(seen: number): Promise<void> {
    if (this.open === 0 || this.settledTotal > seen) return Promise.resolve();
    return new Promise((resolve) => (this.wake = resolve));
  }

  async all(): Promise<void> {
    while (this.open > 0) await this.next(this.settledTotal);
  }
}

/**
 * The claim / lease / send loop every outbox consumer runs, one per API instance, off the
 * request path: on a timer (`intervalMs`, 0 = never) and shortly after any change an office
 * publishes (that change may have written to the outbox).
 *
 * Sends are not held in rounds: each claim takes as many due deliveries as there is room
 * for (`inFlight` in all, and what `claim` allows each receiver), starts their sends, and
 * each outcome is recorded when its send ends (the outcomes that end together, in one
 * statement); the room it leaves is filled by the next claim at once. So a receiver that
 * takes its whole timeout to answer holds only its own deliveries: the others' go on being
 * claimed, sent and recorded meanwhile. Claims never run two at a time in one instance.
 */
export class DispatchLoop<Claimed, Outcome, K extends string> {
  private timer: ReturnType<typeof setInterval> | undefined;
  private kicked: ReturnType<typeof setTimeout> | undefined;
  private started = false;
  private stopped = false;
  /** The offices whose changes kick a round; null until read (or without `officesWanting`): every office's. */
  private wanting: ReadonlySet<string> | null = null;
  private wantingReadAt = -Infinity;
  /** The background claims in progress, and whether another (or the timer's housekeeping) is owed after them. */
  private claiming: Promise<void> | null = null;
  private again = false;
  private timerOwed = false;
  /** This instance's sends claimed and not yet recorded, and those claims being made (their room is reserved). */
  private busy = 0;
  /** Of those, how many per lane. */
  private readonly lanes = new Map<string, number>();
  private readonly sends = new Set<Promise<void>>();
  /** Claims, one at a time in this instance. */
  private claimQueue: Promise<unknown> = Promise.resolve();
  /** Outcomes waiting to be written, and the write in progress. */
  private unrecorded: { outcome: Outcome; now: Date; done: (error?: unknown) => void }[] = [];
  private recording: Promise<void> | null = null;

  constructor(
    private readonly work: DeliveryWork<Claimed, Outcome, K>,
    private readonly logger: Logger,
    /** The injected clock's now: when a timer round counts as happening. */
    private readonly now: () => Date,
  ) {}

  /** Starts the timer; `onPublish` registers the kick that follows an office's change. */
  start(intervalMs: number, onPublish: (listener: (officeId: string) => void) => void): void {
    if (intervalMs <= 0) return;
    this.started = true;
    this.timer = setInterval(() => void this.timerRound(), intervalMs);
    this.timer.unref();
    onPublish((officeId) => this.officeChanged(officeId));
  }

  /**
   * What the timer does: re-reads the offices wanting deliveries when that is due, the
   * housekeeping, then claims while there is room and work. Resolves when the claims are made
   * (not when their sends end); at once folded into the background run in progress, if any.
   */
  timerRound(): Promise<void> {
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

  /** Stops the timer, and waits for the claims and the sends in progress and their outcomes' record. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.kicked);
    await this.claiming?.catch(() => undefined);
    while (this.sends.size > 0) await Promise.allSettled([...this.sends]);
    await this.recording?.catch(() => undefined);
  }

  /** How many of this instance's sends are claimed and not yet recorded, with the places a claim in progress holds. */
  get inFlight(): number {
    return this.busy;
  }

  private kick(timer = false): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.timerOwed ||= timer;
    if (this.claiming) {
      this.again = true;
      return this.claiming;
    }
    this.claiming = this.claimWhileRoom();
    return this.claiming;
  }

  /** The background's claims: housekeeping when the timer asked, then claims while each fills its room; again while owed. */
  private async claimWhileRoom(): Promise<void> {
    // Let `kick` keep this promise before the body runs: its end clears it.
    await Promise.resolve();
    do {
      this.again = false;
      const housekeeping = this.timerOwed;
      this.timerOwed = false;
      try {
        if (housekeeping) {
          if (this.work.officesWanting && performance.now() - this.wantingReadAt >= WANTING_READ_EVERY_MS) {
            this.wantingReadAt = performance.now();
            this.wanting = await this.work.officesWanting();
          }
          await this.work.beforeRounds?.();
        }
        while (!this.stopped) {
          const room = this.work.inFlight - this.busy;
          if (room <= 0 || (await this.fill(this.now(), null, null)) < room) break;
        }
      } catch (error) {
        this.logger.error(`Dispatch round failed: ${String(error)}`);
      }
    } while (this.again && !this.stopped);
    // In the same synchronous stretch as the last look at `again`: a kick after it starts anew.
    this.claiming = null;
  }

  /**
   * Sends until nothing is due at `now`, in one office when `officeId` is given: claims while
   * there is room, and after each of its sends is recorded claims again (the next message of a
   * ticket becomes due to a receiver once the one before it is through). Resolves when a claim
   * finds nothing and none of its sends is left.
   */
  async drain(now: Date = this.now(), officeId: string | null = null): Promise<DispatchCounts<K>> {
    const run = new Run<K>(this.zero());
    for (;;) {
      // A send over while the claim ran may have made the next message of its ticket due: the claim did not see it.
      const seen = run.settledTotal;
      const room = this.work.inFlight - this.busy;
      const claimed = room > 0 ? await this.fill(now, officeId, run) : 0;
      if (claimed > 0 && claimed < room) continue;
      if (claimed === 0 && run.open === 0 && run.settledTotal === seen) return run.counts as DispatchCounts<K>;
      await run.next(seen);
    }
  }

  /** One claim, its sends, and their outcomes recorded. */
  async round(now: Date = this.now(), officeId: string | null = null): Promise<DispatchCounts<K>> {
    const run = new Run<K>(this.zero());
    const room = this.work.inFlight - this.busy;
    if (room > 0) await this.fill(now, officeId, run);
    await run.all();
    return run.counts as DispatchCounts<K>;
  }

  /**
   * One claim of at most the room left, one at a time in this instance; starts each claimed
   * delivery's send and returns how many it claimed.
   */
  private fill(now: Date, officeId: string | null, run: Run<K> | null): Promise<number> {
    const claim = this.claimQueue.then(async () => {
      const room = this.work.inFlight - this.busy;
      if (room <= 0 || this.stopped) return 0;
      this.busy += room;
      let claimed: Claimed[] = [];
      try {
        claimed = await this.work.claim(now, new Date(now.getTime() + DISPATCH_LEASE_MS), room, officeId, this.lanes);
      } finally {
        this.busy -= room - claimed.length;
      }
      for (const delivery of claimed) this.lane(delivery, +1);
      if (run) run.counts.claimed += claimed.length;
      for (const delivery of claimed) this.startSend(delivery, now, run);
      return claimed.length;
    });
    this.claimQueue = claim.catch(() => undefined);
    return claim;
  }

  private startSend(delivery: Claimed, now: Date, run: Run<K> | null): void {
    run?.started();
    const send = (async () => {
      let kind: K | null = null;
      try {
        const outcome = await this.work.send(delivery, now);
        await this.recordSoon(outcome, now);
        kind = this.work.kindOf(outcome);
      } catch (error) {
        // Left leased: another claim takes it again once its lease ends (at-least-once).
        this.logger.error(`A delivery could not be sent or recorded: ${String(error)}`);
      } finally {
        this.busy -= 1;
        this.lane(delivery, -1);
        run?.settled(kind);
        // In the background, the room this send leaves is filled at once.
        if (this.started && !this.stopped) void this.kick();
      }
    })();
    this.sends.add(send);
    void send.finally(() => this.sends.delete(send));
  }

  private lane(delivery: Claimed, change: 1 | -1): void {
    const lane = this.work.laneOf?.(delivery);
    if (lane === undefined) return;
    const count = (this.lanes.get(lane) ?? 0) + change;
    if (count > 0) this.lanes.set(lane, count);
    else this.lanes.delete(lane);
  }

  /**
   * Records an outcome with the others that end meanwhile, in one statement: those that end
   * while a write is in progress wait for the next. Resolves once written.
   */
  private recordSoon(outcome: Outcome, now: Date): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.unrecorded.push({ outcome, now, done: (error) => (error === undefined ? resolve() : reject(error)) });
      this.recording ??= this.writeOutcomes();
    });
  }

  private async writeOutcomes(): Promise<void> {
    // The sends that end in this same turn of the event loop are written together.
    await new Promise((next) => setImmediate(next));
    while (this.unrecorded.length > 0) {
      const batch = this.unrecorded.splice(0);
      // Grouped by the `now` they were sent at: one group, but in tests that drain at several.
      const byNow = new Map<number, typeof batch>();
      for (const item of batch) byNow.set(item.now.getTime(), [...(byNow.get(item.now.getTime()) ?? []), item]);
      for (const [at, items] of byNow) {
        try {
          await this.work.record(
            items.map((item) => item.outcome),
            new Date(at),
          );
          for (const item of items) item.done();
        } catch (error) {
          for (const item of items) item.done(error);
        }
      }
    }
    // In the same synchronous stretch as the last look at the queue: an outcome added after it starts a new write.
    this.recording = null;
  }

  private zero(): Record<string, number> {
    return Object.fromEntries([['claimed', 0], ...this.work.outcomeKinds.map((kind) => [kind, 0])]);
  }
}
