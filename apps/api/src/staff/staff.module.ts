import { Module } from '@nestjs/common';
import { OfficerDayRepository } from './officer-day.repository.js';
import { OfficerDayService } from './officer-day.service.js';
import { StaffController } from './staff.controller.js';

/** The officer's own pages (GET /staff/me/…). Uses the global Clock and the data source. */
@Module({
  controllers: [StaffController],
  providers: [OfficerDayService, OfficerDayRepository],
})
export class StaffModule {}
