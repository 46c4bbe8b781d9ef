import { Injectable } from '@nestjs/common';
import { type OfficerTodayView, type StaffView, MINUTE_MS, localTimeToInstant, officerDay, serviceDay } from '@loket/domain';
import { Clock } from '../clock/clock.js';
import { OfficerDayRepository } from './officer-day.repository.js';

/** The officer's own today: loads the day's rows and lets libs/domain's `officerDay` count them. */
@Injectable()
export class OfficerDayService {
  constructor(
    private readonly days: OfficerDayRepository,
    private readonly clock: Clock,
  ) {}

  async today(staff: StaffView): Promise<OfficerTodayView> {
    const now = this.clock.now();
    // The zone of the office the officer works in (the first, for someone in several).
    const timeZone = (await this.days.timeZone(staff.officeIds)) ?? 'Asia/Jakarta';
    const day = serviceDay(now, timeZone);
    const from = new Date(localTimeToInstant(day, '00:00', timeZone));
    const scope = { staffId: staff.id, day, from, to: new Date(from.getTime() + 24 * 60 * MINUTE_MS) };

    const [officeIds, counters, answers, interactions] = await Promise.all([
      this.days.officesWorked(scope),
      this.days.countersHeld(scope),
      this.days.ownAnswers(scope),
      this.days.ownInteractions(scope),
    ]);
    const [services, ticketEvents, sessionEvents] = await Promise.all([
      this.days.services(officeIds),
      this.days.ticketEvents(officeIds, day),
      this.days.sessionEvents(
        counters.map((counter) => counter.id),
        scope,
      ),
    ]);
    return officerDay({ staffId: staff.id, day, timeZone, now: now.getTime(), services, counters, sessionEvents, ticketEvents, answers, interactions });
  }
}
