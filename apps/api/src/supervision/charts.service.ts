import { Injectable } from '@nestjs/common';
import { type StaffView, type SupervisionCharts, agencyScopeOf, chartsPeriod, serviceDay, supervisionCharts } from '@loket/domain';
import { Clock } from '../clock/clock.js';
import { OfficesService } from '../offices/offices.service.js';
import { SupervisionRepository } from './supervision.repository.js';

/** The supervisor's charts over the last N office-local days (an agency supervisor's agency only): loads the period's rows, libs/domain's `supervisionCharts` draws them. */
@Injectable()
export class ChartsService {
  constructor(
    private readonly supervision: SupervisionRepository,
    private readonly clock: Clock,
    private readonly offices: OfficesService,
  ) {}

  async charts(slug: string, days: number, staff: StaffView): Promise<SupervisionCharts> {
    const office = await this.offices.forStaff(slug, staff);
    const timeZone = office.timeZone;
    const { from, to } = chartsPeriod(serviceDay(this.clock.now(), timeZone), days, timeZone);
    // An agency supervisor's charts are their agency's (the repository narrows every row).
    const period = { officeId: office.id, from: new Date(from), to: new Date(to), agencyId: agencyScopeOf(staff) };
    const services = await this.supervision.chartServices(office.id, period.agencyId);
    const ticketEvents = await this.supervision.chartTicketEvents(period);
    const answers = await this.supervision.chartAnswers(period);
    const surveys = await this.supervision.chartSurveys(period);
    return supervisionCharts({ from, to, days, timeZone, services, priorityMaxWaitMinutes: office.priorityMaxWaitMinutes, ticketEvents, answers, surveys });
  }
}
