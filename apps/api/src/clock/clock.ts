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
