import { Inject, Injectable } from '@nestjs/common';
import { type RangedOfficeForecast, carryRanges, forecastOffice, forecastOfficeWithRanges } from '@loket/domain';
import { Clock } from '../clock/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { SingleFlight } from '../common/single-flight.js';
import { type ForecastOffice, ForecastInputRepository } from './forecast-input.repository.js';

/** An office as the forecast is asked for it: `seq` is its sequence number as the caller last read it. */
export interface ForecastRequest extends ForecastOffice {
  seq: string | number;
}

interface Computed {
  /** Every event up to this sequence number was committed before the forecast read the office. */
  seq: number;
  forecast: RangedOfficeForecast;
  /** Real time it was read (performance.now()), for `acceptAgeMs`. */
  readAt: number;
}

interface OfficeSlot {
  latest: Computed | null;
  flight: SingleFlight<Computed>;
  /** When the ranges were last replayed (performance.now()) and what that took, in ms: the replay budget. */
  replayedAt: number;
  replayMs: number;
}

/**
 * The office's wait forecast (libs/domain `forecastOffice`), kept per office in this
 * instance. It reads every waiting ticket of the office, so it is not read per request:
 * a forecast serves every request until the office's sequence number moves on (or
 * `MAX_CLOCK_AGE_MS` passes with nothing happening, since time alone moves the forecast).
 * At most one read per office runs at a time (`SingleFlight`); requests arriving meanwhile
 * share the next one, so a burst of a thousand phones costs two reads, not a thousand.
 *
 * Each estimate, and its range, comes from a few replays of the office (libs/domain
 * `forecastOfficeWithRanges`: the point is their median), each about as costly as the plain
 * play itself. They get at most `REPLAY_SHARE` of this instance's time per office: a refresh
 * that comes sooner plays the office plainly and keeps the last replayed points and ranges,
 * moved with it (`carryRanges`). Which of the two a refresh gets depends on how long the last
 * replay took and when it ran, in real time; a test that holds a point to the minute sets
 * `forecastReplayShare` (AppConfig) to 1, every refresh replaying, or to 0, every refresh
 * after an office's first carrying.
 */
@Injectable()
export class WaitForecastService {
  static readonly MAX_CLOCK_AGE_MS = 30_000;
  /** Share of the time the replays of one office may take (10%: an office refreshed twice a second may spend 50 ms a refresh on them). */
  static readonly REPLAY_SHARE = 0.1;
  private readonly offices = new Map<string, OfficeSlot>();
  private readonly replayShare: number;

  constructor(
    private readonly input: ForecastInputRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.replayShare = config.forecastReplayShare ?? WaitForecastService.REPLAY_SHARE;
  }

  /**
   * A forecast that has seen every event up to `office.seq`, or, when `acceptAgeMs` is
   * given, any forecast read less than that long ago (real time): enough for a ticket just
   * issued, whose wait is the forecast's "new ticket" for its service. Past half that age a
   * fresh read starts in the background, so under a steady stream of issues nobody waits
   * for one and the office is read about twice a second at most.
   */
  async forOffice(office: ForecastRequest, options: { acceptAgeMs?: number } = {}): Promise<RangedOfficeForecast> {
    const seq = Number(office.seq);
    const latest = this.slot(office.id).latest;
    if (latest) {
      if (latest.seq >= seq && this.clock.now().getTime() - latest.forecast.at < WaitForecastService.MAX_CLOCK_AGE_MS) return latest.forecast;
      const age = performance.now() - latest.readAt;
      if (options.acceptAgeMs !== undefined && age < options.acceptAgeMs) {
        if (age >= options.acceptAgeMs / 2) void this.read(office, seq).catch(() => undefined);
        return latest.forecast;
      }
    }
    return (await this.read(office, seq)).forecast;
  }

  private read(office: ForecastOffice, seq: number): Promise<Computed> {
    const slot = this.slot(office.id);
    return slot.flight.run(seq, async (readSeq) => {
      const readAt = performance.now();
      const input = await this.input.read(office, this.clock.now());
      const computed = { seq: readSeq, forecast: this.forecast(slot, input), readAt };
      if (!slot.latest || slot.latest.seq <= readSeq) slot.latest = computed;
      return computed;
    });
  }

  /** The forecast with points and ranges replayed afresh when the budget allows, else the last ones carried over. */
  private forecast(slot: OfficeSlot, input: Parameters<typeof forecastOfficeWithRanges>[0]): RangedOfficeForecast {
    const start = performance.now();
    const earlier = slot.latest?.forecast;
    const withinBudget = this.replayShare >= 1 || (this.replayShare > 0 && start - slot.replayedAt >= slot.replayMs / this.replayShare);
    if (earlier && !withinBudget) return carryRanges(forecastOffice(input), earlier);
    const forecast = forecastOfficeWithRanges(input);
    slot.replayedAt = performance.now();
    slot.replayMs = slot.replayedAt - start;
    return forecast;
  }

  private slot(officeId: string): OfficeSlot {
    let slot = this.offices.get(officeId);
    if (!slot) this.offices.set(officeId, (slot = { latest: null, flight: new SingleFlight<Computed>(), replayedAt: 0, replayMs: 0 }));
    return slot;
  }
}
