import { Module } from '@nestjs/common';
import { OfficesController } from './offices.controller.js';
import { OfficesRepository } from './offices.repository.js';
import { OfficesService } from './offices.service.js';

/** Offices as their screens read them; the one OfficesService every feature asks. */
@Module({
  controllers: [OfficesController],
  providers: [OfficesService, OfficesRepository],
  exports: [OfficesService, OfficesRepository],
})
export class OfficesModule {}
