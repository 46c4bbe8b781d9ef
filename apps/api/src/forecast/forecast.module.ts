import { Global, Module } from '@nestjs/common';
import { ForecastInputRepository } from './forecast-input.repository.js';
import { WaitForecastService } from './wait-forecast.service.js';

/** One forecast cache per API instance, whichever module asks (offices, tickets, supervision). */
@Global()
@Module({
  providers: [WaitForecastService, ForecastInputRepository],
  exports: [WaitForecastService],
})
export class ForecastModule {}
