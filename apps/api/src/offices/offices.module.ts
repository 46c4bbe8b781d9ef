import { Global, Module } from '@nestjs/common';
import { OfficeChanges } from './office-changes.js';
import { OfficeSnapshotCache } from './office-snapshot-cache.js';
import { OfficesController } from './offices.controller.js';
import { OfficesRepository } from './offices.repository.js';
import { OfficesService } from './offices.service.js';

/**
 * Offices as their screens read them; the one OfficesService every feature asks, and the one
 * snapshot cache and change tracker of this instance (global: the publisher and the set-up announce changes).
 */
@Global()
@Module({
  controllers: [OfficesController],
  providers: [OfficesService, OfficesRepository, OfficeChanges, OfficeSnapshotCache],
  exports: [OfficesService, OfficesRepository, OfficeChanges, OfficeSnapshotCache],
})
export class OfficesModule {}
