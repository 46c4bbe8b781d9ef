import { Module } from '@nestjs/common';
import { BackupService } from './backup.service.js';

/** Scheduled and signalled backups of the database into DATA_DIR/backups (docs/operations.md). */
@Module({
  providers: [BackupService],
  exports: [BackupService],
})
export class BackupModule {}
