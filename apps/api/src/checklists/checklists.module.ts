import { Module } from '@nestjs/common';
import { OfficesModule } from '../offices/offices.module.js';
import { ChecklistsController, InteractionRecordController } from './checklists.controller.js';
import { ChecklistsRepository } from './checklists.repository.js';
import { ChecklistsService } from './checklists.service.js';

/** Etiquette checklists: the templates, and the answers recorded inside the counter's and the ticket's transactions. */
@Module({
  imports: [OfficesModule],
  controllers: [ChecklistsController, InteractionRecordController],
  providers: [ChecklistsService, ChecklistsRepository],
  exports: [ChecklistsService, ChecklistsRepository],
})
export class ChecklistsModule {}
