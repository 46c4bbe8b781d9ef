import { Injectable } from '@nestjs/common';
import {
  SUPERVISION_RULES,
  type StaffView,
  type SupervisionBookingsView,
  type SupervisionSnapshot,
  agencyScopeOf,
  serviceDay,
  supervisionBookings,
  supervisionFigures,
  supervisionStateFor,
} from '@loket/domain';
import { BookingRecordsRepository } from '../bookings/booking-records.repository.js';
import { Clock } from '../clock/clock.js';
import { OfficesService } from '../offices/offices.service.js';
import { AlertsService } from './alerts.service.js';
import { SupervisionStateLoader } from './supervision-state.loader.js';

/**
 * The supervisor's live view of an office: state, today's records, the figures, the open
 * alerts; an agency supervisor's narrowed to their agency (libs/domain `supervisionStateFor`),
 * the figures computed from what they may see.
 */
@Injectable()
export class SupervisionService {
  constructor(
    private readonly clock: Clock,
    private readonly offices: OfficesService,
    private readonly loader: SupervisionStateLoader,
    private readonly alerts: AlertsService,
    private readonly bookingRecords: BookingRecordsRepository,
  ) {}

  async snapshot(slug: string, staff: StaffView): Promise<SupervisionSnapshot> {
    const office = await this.offices.forStaff(slug, staff);
    const now = this.clock.now();
    const state = supervisionStateFor(staff, await this.loader.load(slug, now));
    return {
      ...state,
      agencyId: agencyScopeOf(staff),
      figures: supervisionFigures(state, now.getTime()),
      alerts: await this.alerts.open(office.id, staff),
      rules: SUPERVISION_RULES,
    };
  }

  /**
   * Today's bookings per service and slot (booked, checked in, late, no-show) and booked
   * citizens' punctuality, by libs/domain's `supervisionBookings`; an agency supervisor's
   * agency's services only. Read on demand, not on every live event: a day's bookings of an office.
   */
  async bookings(slug: string, staff: StaffView): Promise<SupervisionBookingsView> {
    const office = await this.offices.forStaff(slug, staff);
    const now = this.clock.now().getTime();
    const day = serviceDay(now, office.timeZone);
    const scope = { officeId: office.id, from: day, to: day, agencyId: agencyScopeOf(staff) };
    const [services, bookings] = await Promise.all([this.bookingRecords.services(scope), this.bookingRecords.records(scope)]);
    return supervisionBookings({ day, now, services, bookings });
  }
}
