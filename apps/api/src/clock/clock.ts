/** The API's only source of "now": injected everywhere so tests (and the simulator) can move time. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that stands still until told to move; for tests. */
export class ManualClock extends Clock {
  private current: number;

  constructor(start: Date | string = '2026-11-30T01:00:00.000Z') {
    super();
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }

  advanceMinutes(minutes: number): void {
    this.current += minutes * 60_000;
  }
}

/**
 * A clock that runs `speed` times faster than real time from `start` (default: the real
 * now), so the simulator can pass an office day in minutes. Development only: the config
 * refuses CLOCK_SPEED when NODE_ENV=production.
 */
export class ScaledClock extends Clock {
  private realStart: number;
  private start: number;
  private readonly fixedStart: boolean;

  constructor(
    readonly speed: number,
    start?: Date,
    // The real time source; a parameter so a test can move it.
    private readonly realNow: () => number = Date.now,
  ) {
    super();
    if (!(speed > 0) || !Number.isFinite(speed)) throw new Error(`A scaled clock needs a positive speed, got ${speed}`);
    this.realStart = realNow();
    this.start = start ? start.getTime() : this.realStart;
    this.fixedStart = start !== undefined;
  }

  now(): Date {
    return new Date(this.start + (this.realNow() - this.realStart) * this.speed);
  }

  /** Jumps forward: what the development-only `POST /api/v1/dev/clock/advance` does, so a test need not wait in real time. */
  advanceMinutes(minutes: number): void {
    this.start += minutes * 60_000;
  }

  /** Starts counting again from `start` (or the real now): called once the API listens, so a slow start-up costs no simulated time. */
  restart(): void {
    this.realStart = this.realNow();
    if (!this.fixedStart) this.start = this.realStart;
  }
}
