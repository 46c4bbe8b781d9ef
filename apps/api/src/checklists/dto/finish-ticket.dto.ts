import { PartialType } from '@nestjs/swagger';
import { InteractionRecordDto } from './interaction-record.dto.js';

/** A finish: the interaction record may go with it, the checklist and the outcome together (TicketsService says so if one comes alone). */
export class FinishTicketDto extends PartialType(InteractionRecordDto) {}
