import { Module } from '@nestjs/common';
import { SurveysController } from './surveys.controller.js';
import { SurveysRepository } from './surveys.repository.js';
import { SurveysService } from './surveys.service.js';

/** The satisfaction survey of the phone page (SKM). Uses the global Clock and the data source. */
@Module({
  controllers: [SurveysController],
  providers: [SurveysService, SurveysRepository],
})
export class SurveysModule {}
