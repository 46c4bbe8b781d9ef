import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';
import { EmbeddedPostgres, rememberEmbedded } from './embedded-postgres.js';
import { OfficeSequenceRepository } from './office-sequence.repository.js';
import { TableStatistics } from './table-statistics.js';
import { TableStatisticsRepository } from './table-statistics.repository.js';
import { MigrationRefusal, migrateAtStart, refuseIfPending, runMigrations } from './run-migrations.js';

/** The data source, and the office sequence every feature's changes are numbered with. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        type: 'postgres' as const,
        _config: config,
        // A database still starting is worth waiting for; a schema this role may not migrate is not.
        toRetry: (error: unknown) => !(error instanceof MigrationRefusal),
      }),
      // Builds the data source itself: the embedded database must be started first, and
      // stopped only after TypeORM has closed its pool.
      dataSourceFactory: async (options) => {
        const config = (options as unknown as { _config: AppConfig })._config;
        const embedded = config.databaseUrl ? null : await EmbeddedPostgres.start(config.dataDir, { durable: config.embeddedDurable ?? true });
        const target = config.databaseUrl ? { databaseUrl: config.databaseUrl } : { socketDir: embedded!.socketDir };
        if (!embedded) {
          await migrateAtStart({
            databaseUrl: config.databaseUrl!,
            migrationDatabaseUrl: config.migrationDatabaseUrl ?? null,
            migrateOnStart: config.migrateOnStart ?? true,
          });
        }
        const dataSource = new DataSource(dataSourceOptions(target, config.databaseTimeouts));
        await dataSource.initialize();
        if (embedded) {
          // One process, one connection: no lock, and the API owns the database it embeds.
          try {
            if (config.migrateOnStart ?? true) await runMigrations(dataSource, { exclusive: false });
            else await refuseIfPending({ dataSource }, true);
          } catch (error) {
            await dataSource.destroy();
            await embedded.stop();
            throw error;
          }
        }
        if (embedded) {
          rememberEmbedded(dataSource, embedded);
          const destroy = dataSource.destroy.bind(dataSource);
          dataSource.destroy = async () => {
            await destroy();
            await embedded.stop();
          };
        }
        return dataSource;
      },
    }),
  ],
  providers: [OfficeSequenceRepository, TableStatisticsRepository, TableStatistics],
  exports: [OfficeSequenceRepository, TableStatistics],
})
export class DatabaseModule {}
