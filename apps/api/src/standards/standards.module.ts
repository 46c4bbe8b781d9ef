import { Module } from '@nestjs/common';
import { AdminModule } from '../admin/admin.module.js';
import { StandardsController } from './standards.controller.js';
import { StandardsRepository } from './standards.repository.js';
import { StandardsService } from './standards.service.js';

/** What the office publishes: service standards and the maklumat (issue 19). */
@Module({
  imports: [AdminModule],
  controllers: [StandardsController],
  exports: [StandardsService],
  providers: [StandardsService, StandardsRepository],
})
export class StandardsModule {}
