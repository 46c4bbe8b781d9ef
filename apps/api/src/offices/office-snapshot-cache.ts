import { Injectable } from '@nestjs/common';
import type { OfficeSnapshot, ServiceView } from '@loket/domain';
import { Clock } from '../clock/clock.js';
import { SingleFlight } from '../common/single-flight.js';
import { WaitForecastService } from '../forecast/wait-forecast.service.js';
import { OfficeChanges } from './office-changes.js';
import { OfficesService } from './offices.service.js';

interface Loaded {
  snapshot: OfficeSnapshot;
  /** The API clock's time of the read, for `MAX_CLOCK_AGE_MS`. */
  loadedAt: number;
}

interface Slot {
  latest: Loaded | null;
  flight: SingleFlight<OfficeSnapshot>;
}

/**
 * What the public screens read of an office (the board's snapshot, the kiosk's services,
 * a socket's subscribe and resync), kept per office in this instance and shared by every
 * reader: a read of a current snapshot costs no database query. A snapshot is current
 * while it has seen the highest sequence number announced for the office (`OfficeChanges`:
 * this instance's events, the set-up's changes, and other instances' through the adapter)
 * and is younger than `MAX_CLOCK_AGE_MS` on the API clock (time alone moves the estimated
 * waits and the service day). At most one read per office runs at a time; readers arriving
 * meanwhile share it, or the one queued after it when it began before the change they
 * know of (`SingleFlight`, as `WaitForecastService` does): a thousand readers after an event cost two reads.
 *
 * The snapshots handed out are frozen and shared: a caller that wants to change one copies it.
 */
@Injectable()
export class OfficeSnapshotCache {
  static readonly MAX_CLOCK_AGE_MS = WaitForecastService.MAX_CLOCK_AGE_MS;
  /** Keyed by slug, as screens ask; only slugs of offices found are kept. */
  private readonly slots = new Map<string, Slot>();

  constructor(
    private readonly offices: OfficesService,
    private readonly changes: OfficeChanges,
    private readonly clock: Clock,
  ) {}

  /** The office's current snapshot; NotFoundError for an unknown slug. */
  async snapshot(slug: string): Promise<OfficeSnapshot> {
    const slot = this.slot(slug);
    const latest = slot.latest;
    if (latest && this.current(latest)) return latest.snapshot;
    return this.read(slug, slot, latest ? this.changes.knownSeq(latest.snapshot.office.id) : 0);
  }

  async services(slug: string): Promise<ServiceView[]> {
    return (await this.snapshot(slug)).services;
  }

  private current(loaded: Loaded): boolean {
    const age = this.clock.now().getTime() - loaded.loadedAt;
    return loaded.snapshot.seq >= this.changes.knownSeq(loaded.snapshot.office.id) && age >= 0 && age < OfficeSnapshotCache.MAX_CLOCK_AGE_MS;
  }

  private read(slug: string, slot: Slot, seq: number): Promise<OfficeSnapshot> {
    return slot.flight.run(seq, async () => {
      const loadedAt = this.clock.now().getTime();
      try {
        const snapshot = await this.offices.snapshotBySlug(slug);
        deepFreeze(snapshot);
        if (!slot.latest || slot.latest.snapshot.seq <= snapshot.seq) slot.latest = { snapshot, loadedAt };
        return snapshot;
      } catch (error: unknown) {
        // An unknown slug (or one renamed away) keeps nothing: made-up slugs cannot grow the map.
        if (this.slots.get(slug) === slot && !slot.flight.hasQueued) this.slots.delete(slug);
        throw error;
      }
    });
  }

  private slot(slug: string): Slot {
    let slot = this.slots.get(slug);
    if (!slot) this.slots.set(slug, (slot = { latest: null, flight: new SingleFlight<OfficeSnapshot>() }));
    return slot;
  }
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}
