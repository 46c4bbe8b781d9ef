import { type DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import { AdminModule } from './admin/admin.module.js';
import { StandardsModule } from './standards/standards.module.js';
import { AvailabilityCache } from './bookings/availability-cache.js';
import { BookingContextCache } from './bookings/booking-context-cache.js';
import { BookingsController } from './bookings/bookings.controller.js';
import { BookingsRepository } from './bookings/bookings.repository.js';
import { BookingsService } from './bookings/bookings.service.js';
import { AuthModule } from './auth/auth.module.js';
import { BackupModule } from './backup/backup.module.js';
import { Clock } from './clock/clock.js';
import { DevClockModule } from './clock/dev-clock.module.js';
import { ChecklistsModule } from './checklists/checklists.module.js';
import { CountersController } from './counters/counters.controller.js';
import { CountersRepository } from './counters/counters.repository.js';
import { CountersService } from './counters/counters.service.js';
import { OfficeCountersController } from './counters/office-counters.controller.js';
import { DatabaseModule } from './database/database.module.js';
import { ForecastModule } from './forecast/forecast.module.js';
import { HealthModule } from './health/health.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { OfficesModule } from './offices/offices.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { OutboxRepository } from './notifications/outbox.repository.js';
import { OfficeEventsPublisher } from './realtime/office-events.publisher.js';
import { RealtimeGateway } from './realtime/realtime.gateway.js';
import { StaffModule } from './staff/staff.module.js';
import { TicketsController } from './tickets/tickets.controller.js';
import { TicketsRepository } from './tickets/tickets.repository.js';
import { TicketsService } from './tickets/tickets.service.js';
import { EndOfDayController } from './tickets/end-of-day.controller.js';
import { EndOfDayRepository } from './tickets/end-of-day.repository.js';
import { EndOfDayService } from './tickets/end-of-day.service.js';
import { TrackingModule } from './tickets/tracking.module.js';
import { SurveysModule } from './surveys/surveys.module.js';
import { ComplaintsModule } from './complaints/complaints.module.js';
import { SupervisionModule } from './supervision/supervision.module.js';
import { RegionalModule } from './regional/regional.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { PushModule } from './push/push.module.js';

@Module({})
class ConfigModule {
  static with(config: AppConfig, clock: Clock): DynamicModule {
    return {
      module: ConfigModule,
      global: true,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useValue: clock },
      ],
      exports: [APP_CONFIG, Clock],
    };
  }
}

@Module({})
export class AppModule {
  static with(config: AppConfig, clock: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.with(config, clock),
        DatabaseModule,
        ForecastModule,
        OfficesModule,
        TrackingModule,
        ChecklistsModule,
        AuthModule,
        SurveysModule,
        ComplaintsModule,
        ReportsModule,
        HealthModule,
        MetricsModule,
        SupervisionModule,
        RegionalModule,
        AdminModule,
        StandardsModule,
        StaffModule,
        BackupModule,
        PushModule,
        NotificationsModule,
        ...DevClockModule.when(config, clock),
      ],
      controllers: [TicketsController, CountersController, OfficeCountersController, BookingsController, EndOfDayController],
      providers: [
        OutboxRepository,
        TicketsService,
        TicketsRepository,
        BookingsService,
        BookingsRepository,
        AvailabilityCache,
        BookingContextCache,
        EndOfDayService,
        EndOfDayRepository,
        CountersService,
        CountersRepository,
        OfficeEventsPublisher,
        RealtimeGateway,
      ],
    };
  }
}
