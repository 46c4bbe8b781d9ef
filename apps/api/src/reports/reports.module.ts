import { Module } from '@nestjs/common';
import { AdminModule } from '../admin/admin.module.js';
import { BookingRecordsRepository } from '../bookings/booking-records.repository.js';
import { ComplaintsModule } from '../complaints/complaints.module.js';
import { StandardsModule } from '../standards/standards.module.js';
import { ComplianceRepository } from './compliance.repository.js';
import { ComplianceService } from './compliance.service.js';
import { IkmPlanProgressController, IkmPublicationsController, PublicIkmController } from './ikm-publications.controller.js';
import { IkmPublicationsRepository } from './ikm-publications.repository.js';
import { IkmPublicationsService } from './ikm-publications.service.js';
import { ReportsController } from './reports.controller.js';
import { ReportsRepository } from './reports.repository.js';
import { ReportsService } from './reports.service.js';
import { SkmRepository } from './skm.repository.js';
import { SkmService } from './skm.service.js';

/** The supervisor's reports and their CSV files, the IKM publication and the compliance pack. Uses the global Clock and the data source. */
@Module({
  imports: [AdminModule, ComplaintsModule, StandardsModule],
  controllers: [ReportsController, IkmPublicationsController, IkmPlanProgressController, PublicIkmController],
  providers: [
    ReportsService,
    ReportsRepository,
    BookingRecordsRepository,
    SkmService,
    SkmRepository,
    IkmPublicationsService,
    IkmPublicationsRepository,
    ComplianceService,
    ComplianceRepository,
  ],
  // The regional report is each office's report total (regional/regional-reports.service.ts).
  exports: [ReportsService],
})
export class ReportsModule {}
