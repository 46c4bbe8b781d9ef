import { Module } from '@nestjs/common';
import { AdminModule } from '../admin/admin.module.js';
import { PublicComplaintsController, StaffComplaintsController } from './complaints.controller.js';
import { ComplaintsRepository } from './complaints.repository.js';
import { ComplaintsService } from './complaints.service.js';
import { OutboxRepository } from '../notifications/outbox.repository.js';

/** Complaints (pengaduan): filing, the status page, the supervisor's handling and report. Uses the global Clock, offices, the data source and the audit trail; writes `complaint.updated` to the outbox. */
@Module({
  imports: [AdminModule],
  controllers: [PublicComplaintsController, StaffComplaintsController],
  exports: [ComplaintsService],
  providers: [ComplaintsService, ComplaintsRepository, OutboxRepository],
})
export class ComplaintsModule {}
