import { Module } from '@nestjs/common';
import { BookingRecordsRepository } from '../bookings/booking-records.repository.js';
import { ChecklistsModule } from '../checklists/checklists.module.js';
import { OfficesModule } from '../offices/offices.module.js';
import { StaffEventsPublisher } from '../realtime/staff-events.publisher.js';
import { StaffSocketAuth } from '../realtime/staff-socket-auth.js';
import { AlertsService } from './alerts.service.js';
import { ChartsService } from './charts.service.js';
import { ObservationsService } from './observations.service.js';
import { SupervisionLiveState } from './supervision-live-state.js';
import { SupervisionStateLoader } from './supervision-state.loader.js';
import { SupervisionRepository } from './supervision.repository.js';
import { SupervisionController } from './supervision.controller.js';
import { SupervisionService } from './supervision.service.js';

/**
 * The supervisor's live view, alerts, charts and observations. The realtime gateway uses
 * the exports for the staff room.
 */
@Module({
  imports: [OfficesModule, ChecklistsModule],
  controllers: [SupervisionController],
  providers: [
    SupervisionRepository,
    BookingRecordsRepository,
    SupervisionStateLoader,
    SupervisionLiveState,
    SupervisionService,
    AlertsService,
    ChartsService,
    ObservationsService,
    StaffEventsPublisher,
    StaffSocketAuth,
  ],
  exports: [SupervisionService, SupervisionLiveState, SupervisionRepository, AlertsService, StaffEventsPublisher, StaffSocketAuth],
})
export class SupervisionModule {}
