import { Module } from '@nestjs/common';
import { PublicComplaintsController, StaffComplaintsController } from './complaints.controller.js';
import { ComplaintsRepository } from './complaints.repository.js';
import { ComplaintsService } from './complaints.service.js';

/** Complaints (pengaduan): filing, the status page, the supervisor's handling and report. Uses the global Clock, offices and the data source. */
@Module({
  controllers: [PublicComplaintsController, StaffComplaintsController],
  providers: [ComplaintsService, ComplaintsRepository],
})
export class ComplaintsModule {}
