import { Global, Module } from '@nestjs/common';
import { WaitForecastService } from './wait-forecast.service.js';

/** One forecast cache per API instance, whichever module asks (offices, tickets, supervision). */
@Global()
@Module({
  providers: [WaitForecastService],
  exports: [WaitForecastService],
})
export class ForecastModule {}
