interface Flight<T> {
  /** Every change up to this sequence number was committed before the load began, so it sees them. */
  seq: number;
  promise: Promise<T>;
}

/**
 * At most one load at a time of something that moves with a sequence number (an office's
 * snapshot, its wait forecast). A caller that knows of nothing later than the running load
 * began with shares it; one that knows of a later change shares the single load queued to
 * start when the running one ends, at the highest number any of its callers knew. So a
 * thousand readers after an event cost two loads, and none is handed a load that began
 * before the change it knows of.
 */
export class SingleFlight<T> {
  private running: Flight<T> | null = null;
  private queued: Flight<T> | null = null;

  /** Whether a load waits to start after the running one. */
  get hasQueued(): boolean {
    return this.queued !== null;
  }

  /** A load that has seen every change up to `seq`; `load` is called only when a new one must start. */
  run(seq: number, load: (seq: number) => Promise<T>): Promise<T> {
    if (this.running && this.running.seq >= seq) return this.running.promise;
    if (this.queued) {
      this.queued.seq = Math.max(this.queued.seq, seq);
      return this.queued.promise;
    }
    if (!this.running) return this.start(seq, load);
    const queued: Flight<T> = {
      seq,
      promise: this.running.promise
        .catch(() => undefined)
        .then(() => {
          this.queued = null;
          return this.start(queued.seq, load);
        }),
    };
    this.queued = queued;
    return queued.promise;
  }

  private start(seq: number, load: (seq: number) => Promise<T>): Promise<T> {
    const running: Flight<T> = {
      seq,
      promise: load(seq).finally(() => {
        if (this.running === running) this.running = null;
      }),
    };
    this.running = running;
    return running.promise;
  }
}

/**
 * A periodic task that must not overlap itself (the counter sweep, the alert scan): a tick
 * due while the one before is still running is skipped, not queued, so a slow database never
 * piles ticks up behind each other, each holding a connection. The next tick after the
 * running one ends does the work.
 */
export class SkipWhileRunning {
  private running = false;
  /** How many ticks were skipped because one was running. */
  skipped = 0;

  /** Runs `task` unless a run is in progress; `skipped` (the task never ran) in that case. */
  async run<T>(task: () => Promise<T>): Promise<T | 'skipped'> {
    if (this.running) {
      this.skipped += 1;
      return 'skipped';
    }
    this.running = true;
    try {
      return await task();
    } finally {
      this.running = false;
    }
  }
}
