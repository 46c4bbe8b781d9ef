import { Global, Module } from '@nestjs/common';
import { TicketsRepository } from './tickets.repository.js';
import { TrackedTickets } from './tracked-tickets.js';

/** What this instance keeps of tracked tickets (global: issuing, the phone page and the survey tell it). */
@Global()
@Module({
  providers: [TrackedTickets, TicketsRepository],
  exports: [TrackedTickets],
})
export class TrackingModule {}
