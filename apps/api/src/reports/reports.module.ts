import { Module } from '@nestjs/common';
import { AdminModule } from '../admin/admin.module.js';
import { IkmPlanProgressController, IkmPublicationsController, PublicIkmController } from './ikm-publications.controller.js';
import { IkmPublicationsRepository } from './ikm-publications.repository.js';
import { IkmPublicationsService } from './ikm-publications.service.js';
import { ReportsController } from './reports.controller.js';
import { ReportsRepository } from './reports.repository.js';
import { ReportsService } from './reports.service.js';
import { SkmRepository } from './skm.repository.js';
import { SkmService } from './skm.service.js';

/** The supervisor's reports and their CSV files, and the IKM publication. Uses the global Clock and the data source. */
@Module({
  imports: [AdminModule],
  controllers: [ReportsController, IkmPublicationsController, IkmPlanProgressController, PublicIkmController],
  providers: [ReportsService, ReportsRepository, SkmService, SkmRepository, IkmPublicationsService, IkmPublicationsRepository],
})
export class ReportsModule {}
