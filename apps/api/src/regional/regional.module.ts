import { Module } from '@nestjs/common';
import { OfficesModule } from '../offices/offices.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { SupervisionModule } from '../supervision/supervision.module.js';
import { RegionalController } from './regional.controller.js';
import { RegionalRepository } from './regional.repository.js';
import { RegionalReportsService } from './regional-reports.service.js';
import { RegionalRows } from './regional-rows.js';
import { RegionalService } from './regional.service.js';

/** The regional dashboard (issue 20): the rows kept per office, its HTTP reads, the regional report; the realtime gateway uses the service for the socket. */
@Module({
  imports: [OfficesModule, ReportsModule, SupervisionModule],
  controllers: [RegionalController],
  providers: [RegionalRepository, RegionalRows, RegionalService, RegionalReportsService],
  exports: [RegionalService],
})
export class RegionalModule {}
