import { Module } from '@nestjs/common';
import { ReportsController } from './reports.controller.js';
import { ReportsRepository } from './reports.repository.js';
import { ReportsService } from './reports.service.js';
import { SkmRepository } from './skm.repository.js';
import { SkmService } from './skm.service.js';

/** The supervisor's reports and their CSV files. Uses the global Clock and the data source. */
@Module({
  controllers: [ReportsController],
  providers: [ReportsService, ReportsRepository, SkmService, SkmRepository],
})
export class ReportsModule {}
