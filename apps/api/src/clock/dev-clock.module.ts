import { Body, Controller, type DynamicModule, HttpCode, Module, Post } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import type { AppConfig } from '../config/app-config.js';
import { CountersService } from '../counters/counters.service.js';
import { AlertsService } from '../supervision/alerts.service.js';
import { SupervisionModule } from '../supervision/supervision.module.js';
import { Clock, ScaledClock } from './clock.js';

export class AdvanceClockDto {
  @ApiProperty({ minimum: 1, maximum: 1440, example: 2 })
  @IsInt({ message: 'minutes must be a whole number' })
  @Min(1, { message: 'minutes must be at least 1' })
  @Max(1440, { message: 'minutes must be at most 1440 (a day)' })
  minutes: number;
}

/**
 * Moves the development clock forward, so a browser test sees what time does (a ticket
 * crossing its maximum wait) without waiting for it. Then it sweeps the counters (offline,
 * shift end) and scans for alerts at the new time, as the next tick of their timers would.
 */
@ApiTags('development')
@Controller('dev/clock')
class DevClockController {
  constructor(
    private readonly clock: ScaledClock,
    private readonly alerts: AlertsService,
    private readonly moduleRef: ModuleRef,
  ) {}

  @Post('advance')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The clock after the jump, how many counters the sweep changed and how many alerts the scan raised' })
  async advance(@Body() body: AdvanceClockDto): Promise<{ now: string; countersChanged: number; alertsRaised: number }> {
    this.clock.advanceMinutes(body.minutes);
    const changed = await this.moduleRef.get(CountersService, { strict: false }).sweep();
    const raised = await this.alerts.scan();
    return { now: this.clock.now().toISOString(), countersChanged: changed, alertsRaised: raised.length };
  }
}

@Module({})
export class DevClockModule {
  /**
   * Present only with the development clock (CLOCK_SPEED or CLOCK_START) and never with
   * NODE_ENV=production, which `configFromEnv` already refuses with a clock; checked here
   * again so no other way of building the config can open the route in production.
   */
  static when(config: AppConfig, clock: Clock): DynamicModule[] {
    if (config.production || !config.clock || !(clock instanceof ScaledClock)) return [];
    return [
      {
        module: DevClockModule,
        imports: [SupervisionModule],
        controllers: [DevClockController],
        providers: [{ provide: ScaledClock, useValue: clock }],
      },
    ];
  }
}
