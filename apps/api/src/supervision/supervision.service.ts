import { Injectable } from '@nestjs/common';
import {
  type BuildingSurveys,
  SUPERVISION_RULES,
  type StaffView,
  type SupervisionBookingsView,
  type SupervisionSnapshot,
  type SupervisionState,
  agencyScopeOf,
  serviceDay,
  skmPeriod,
  supervisionBookings,
  supervisionFigures,
  supervisionStateFor,
} from '@loket/domain';
import { BookingRecordsRepository } from '../bookings/booking-records.repository.js';
import { Clock } from '../clock/clock.js';
import { OfficesService } from '../offices/offices.service.js';
import { AlertsService } from './alerts.service.js';
import { SupervisionRepository } from './supervision.repository.js';
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
    private readonly records: SupervisionRepository,
  ) {}

  async snapshot(slug: string, staff: StaffView): Promise<SupervisionSnapshot> {
    const office = await this.offices.forStaff(slug, staff);
    const now = this.clock.now();
    const state = supervisionStateFor(staff, await this.loader.load(slug, now));
    return {
      ...state,
      agencyId: agencyScopeOf(staff),
      figures: supervisionFigures(state, now.getTime(), { estimates: true }),
      alerts: await this.alerts.open(office.id, staff),
      rules: SUPERVISION_RULES,
      building: agencyScopeOf(staff) === null ? await this.buildingSurveys(state, now) : null,
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

  /**
   * The one figure of the building manager's rows (libs/domain `buildingFigures`) the live
   * state does not hold: each agency's answers of this SKM period, summed. Read for the
   * office's own supervisors in a building of several agencies; the rest never see the rows.
   */
  private async buildingSurveys(state: SupervisionState, now: Date): Promise<BuildingSurveys | null> {
    if (state.office.agencies.length < 2) return null;
    const { from, to } = skmPeriod('semester', serviceDay(now, state.office.office.timeZone));
    const agencies = await this.records.surveyTotals([state.office.office.id], from, to);
    return { from, to, agencies: agencies.map(({ agencyId, totals }) => ({ agencyId, totals })) };
  }
}
