import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_LIMITS as L,
  COMPLAINT_STATUSES,
  DAY_PATTERN,
  type ComplaintCategory,
  type ComplaintStatus,
  LAPOR_NUMBER_PATTERN,
} from '@loket/domain';
import { FreeText } from '../../common/control-characters.js';
import { CSV_LANGUAGES, type CsvLanguage } from '../../reports/dto/report-query.dto.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** An optional text left empty is no text: stored as null. */
const trimOrNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || undefined : value);

/** What a citizen (or an officer for them) files: what happened, which service, optional contact. */
export class FileComplaintDto {
  @ApiProperty({ enum: COMPLAINT_CATEGORIES })
  @IsIn(COMPLAINT_CATEGORIES, { message: `category must be one of ${COMPLAINT_CATEGORIES.join(', ')}` })
  category: ComplaintCategory;

  @ApiProperty({ minLength: L.description.min, maxLength: L.description.max, description: 'What happened, in the citizen’s words' })
  @Transform(trim)
  @IsString({ message: 'description must be text' })
  @Length(L.description.min, L.description.max, { message: `description must be ${L.description.min}–${L.description.max} characters` })
  @FreeText()
  description: string;

  @ApiPropertyOptional({ description: 'The service it is about; left out when the citizen does not know' })
  @IsOptional()
  @IsUUID('all', { message: 'serviceId must be a UUID' })
  serviceId?: string;

  @ApiPropertyOptional({ maxLength: L.contactName.max })
  @Transform(trimOrNull)
  @IsOptional()
  @IsString({ message: 'contactName must be text' })
  @MaxLength(L.contactName.max, { message: `contactName must be at most ${L.contactName.max} characters` })
  contactName?: string;

  @ApiPropertyOptional({ maxLength: L.contact.max, description: 'A phone number or e-mail address; only staff ever see it' })
  @Transform(trimOrNull)
  @IsOptional()
  @IsString({ message: 'contact must be text' })
  @MaxLength(L.contact.max, { message: `contact must be at most ${L.contact.max} characters` })
  contact?: string;
}

/** Filed from the phone ticket page: the ticket's tracking code links the complaint to it. */
export class FileFromTicketDto extends FileComplaintDto {}

/** Recorded by an officer at the counter, optionally for the ticket just served. */
export class RecordComplaintDto extends FileComplaintDto {
  @ApiPropertyOptional({ description: 'The ticket it is about' })
  @IsOptional()
  @IsUUID('all', { message: 'ticketId must be a UUID' })
  ticketId?: string;
}

export class ComplaintStatusDto {
  @ApiProperty({ enum: COMPLAINT_STATUSES })
  @IsIn(COMPLAINT_STATUSES, { message: `status must be one of ${COMPLAINT_STATUSES.join(', ')}` })
  status: ComplaintStatus;

  @ApiPropertyOptional({ maxLength: L.reason.max, description: 'Required for ditolak: the reason the citizen is told' })
  @Transform(trimOrNull)
  @IsOptional()
  @IsString({ message: 'reason must be text' })
  @Length(L.reason.min, L.reason.max, { message: `reason must be ${L.reason.min}–${L.reason.max} characters` })
  @FreeText()
  reason?: string;
}

export class ComplaintReplyDto {
  @ApiProperty({ maxLength: L.reply.max, description: 'The answer the citizen reads on the status page' })
  @Transform(trim)
  @IsString({ message: 'reply must be text' })
  @Length(L.reply.min, L.reply.max, { message: `reply must be ${L.reply.min}–${L.reply.max} characters` })
  @FreeText()
  reply: string;
}

export class ComplaintNoteDto {
  @ApiProperty({ maxLength: L.note.max, description: 'Internal: never shown to the citizen' })
  @Transform(trim)
  @IsString({ message: 'note must be text' })
  @Length(L.note.min, L.note.max, { message: `note must be ${L.note.min}–${L.note.max} characters` })
  @FreeText()
  note: string;
}

export class AssignComplaintDto {
  @ApiProperty({ nullable: true, description: 'A staff member of the office, or null to take the assignment away' })
  @IsOptional()
  @IsUUID('all', { message: 'staffId must be a UUID or null' })
  staffId: string | null;
}

export class HandToLaporDto {
  @ApiProperty({ example: 'LAPOR-2026-1234567', description: 'The SP4N-LAPOR! tracking number' })
  @Transform(trim)
  @IsString({ message: 'laporNumber must be text' })
  @Matches(LAPOR_NUMBER_PATTERN, { message: 'laporNumber must be 1–40 letters, digits and dashes' })
  laporNumber: string;
}

export class ComplaintSettingsDto {
  @ApiProperty({ minimum: L.responseWorkingDays.min, maximum: L.responseWorkingDays.max })
  @IsInt({ message: 'responseWorkingDays must be a whole number' })
  @Min(L.responseWorkingDays.min, { message: `responseWorkingDays must be ${L.responseWorkingDays.min}–${L.responseWorkingDays.max}` })
  @Max(L.responseWorkingDays.max, { message: `responseWorkingDays must be ${L.responseWorkingDays.min}–${L.responseWorkingDays.max}` })
  responseWorkingDays: number;

  @ApiProperty({ maxLength: L.laporChannel.max, description: 'The office’s SP4N-LAPOR! link or account name; empty for none' })
  @Transform(trim)
  @IsString({ message: 'laporChannel must be text' })
  @MaxLength(L.laporChannel.max, { message: `laporChannel must be at most ${L.laporChannel.max} characters` })
  laporChannel: string;
}

export class ComplaintReportQueryDto {
  @ApiProperty({ example: '2026-07-01' })
  @Matches(DAY_PATTERN, { message: 'from must be a day written YYYY-MM-DD' })
  from: string;

  @ApiProperty({ example: '2026-12-31' })
  @Matches(DAY_PATTERN, { message: 'to must be a day written YYYY-MM-DD' })
  to: string;
}

export class ComplaintListQueryDto {
  @ApiPropertyOptional({ enum: [...COMPLAINT_STATUSES, 'open', 'overdue'] })
  @IsOptional()
  @IsIn([...COMPLAINT_STATUSES, 'open', 'overdue'], { message: `status must be one of ${[...COMPLAINT_STATUSES, 'open', 'overdue'].join(', ')}` })
  status?: ComplaintStatus | 'open' | 'overdue';
}

export class ComplaintCsvQueryDto extends ComplaintReportQueryDto {
  @ApiPropertyOptional({ enum: CSV_LANGUAGES, description: 'Language of the headers; default id' })
  @IsOptional()
  @IsIn(CSV_LANGUAGES, { message: 'lang must be id or en' })
  lang?: CsvLanguage;
}
