import { Module } from '@nestjs/common';
import { ChecklistsModule } from '../checklists/checklists.module.js';
import { OfficesModule } from '../offices/offices.module.js';
import { AdminAgenciesController } from './admin-agencies.controller.js';
import { AdminAgenciesRepository } from './admin-agencies.repository.js';
import { AdminAgenciesService } from './admin-agencies.service.js';
import { AdminChecklistsController } from './admin-checklists.controller.js';
import { AdminChecklistsService } from './admin-checklists.service.js';
import { AdminCountersController } from './admin-counters.controller.js';
import { AdminCountersRepository } from './admin-counters.repository.js';
import { AdminCountersService } from './admin-counters.service.js';
import { KioskDevicesRepository } from '../kiosks/kiosk-devices.repository.js';
import { AdminKiosksController } from './admin-kiosks.controller.js';
import { AdminKiosksService } from './admin-kiosks.service.js';
import { AdminOfficesController } from './admin-offices.controller.js';
import { AdminOfficesService } from './admin-offices.service.js';
import { AdminServicesController } from './admin-services.controller.js';
import { AdminServicesRepository } from './admin-services.repository.js';
import { AdminServicesService } from './admin-services.service.js';
import { AdminStaffController } from './admin-staff.controller.js';
import { AdminStaffService } from './admin-staff.service.js';
import { AuditController } from './audit.controller.js';
import { AdminCalendarController } from './admin-calendar.controller.js';
import { AdminCalendarRepository } from './admin-calendar.repository.js';
import { AdminCalendarService } from './admin-calendar.service.js';
import { AuditRepository } from './audit.repository.js';
import { AuditService } from './audit.service.js';
import { AuditTrail } from './audit-trail.js';
import { OfficeSetupChanges } from './office-setup-changes.js';
import { AdminZonesController } from './admin-zones.controller.js';
import { AdminZonesRepository } from './admin-zones.repository.js';
import { AdminZonesService } from './admin-zones.service.js';

/** The office set-up (/admin) and the audit trail (/audit). */
@Module({
  imports: [ChecklistsModule, OfficesModule],
  controllers: [
    AdminOfficesController,
    AdminAgenciesController,
    AdminZonesController,
    AdminServicesController,
    AdminCountersController,
    AdminStaffController,
    AdminChecklistsController,
    AdminKiosksController,
    AdminCalendarController,
    AuditController,
  ],
  providers: [
    AuditRepository,
    AuditTrail,
    OfficeSetupChanges,
    AuditService,
    AdminOfficesService,
    AdminAgenciesRepository,
    AdminAgenciesService,
    AdminZonesRepository,
    AdminZonesService,
    AdminServicesRepository,
    AdminServicesService,
    AdminCountersRepository,
    AdminCountersService,
    AdminStaffService,
    AdminChecklistsService,
    AdminKiosksService,
    AdminCalendarService,
    AdminCalendarRepository,
    KioskDevicesRepository,
  ],
  exports: [AuditTrail, AdminOfficesService],
})
export class AdminModule {}
