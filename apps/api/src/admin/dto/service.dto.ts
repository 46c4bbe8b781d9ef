import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { SERVICE_CODE_PATTERN, STANDARD_LIMITS } from '@loket/domain';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimEach = ({ value }: { value: unknown }) => (Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item.trim() : item)) : value);

/** One of the standard's free texts (issue 19): trimmed, at most STANDARD_LIMITS.textLength characters; the domain checks the rest. */
function StandardText(example: string, description: string): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ example, description, maxLength: STANDARD_LIMITS.textLength })(target, key);
    IsOptional()(target, key);
    Transform(trim)(target, key);
    IsString({ message: `${String(key)} must be text` })(target, key);
    MaxLength(STANDARD_LIMITS.textLength, { message: `${String(key)} must be at most ${STANDARD_LIMITS.textLength} characters` })(target, key);
  };
}

/** One of the standard's lists (issue 19): text items, trimmed; counts, lengths and repeats are the domain's `standardDetailsProblems`. */
function StandardList(example: string[], description: string, max: number): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ type: [String], example, description, maxItems: max })(target, key);
    IsOptional()(target, key);
    IsArray({ message: `${String(key)} must be a list` })(target, key);
    ArrayMaxSize(max, { message: `${String(key)} may have at most ${max} items` })(target, key);
    Transform(trimEach)(target, key);
    IsString({ each: true, message: `each ${String(key)} item must be text` })(target, key);
  };
}

export class CreateServiceDto {
  @ApiPropertyOptional({
    description:
      'The agency (instansi) that owns it; the office’s first agency when left out. Changing it moves the service (refused while a counter serving it is open: counter_open)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'agencyId must be an agency UUID' })
  agencyId?: string;

  @ApiProperty({ example: 'KK', description: 'One or two capital letters, unique in the office; printed on every ticket' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsString()
  @Matches(SERVICE_CODE_PATTERN, { message: 'code must be one or two letters A–Z' })
  code: string;

  @ApiProperty({ example: 'Kartu Keluarga' })
  @Transform(trim)
  @IsString()
  @MinLength(2, { message: 'name must have at least 2 characters' })
  @MaxLength(120)
  name: string;

  @ApiProperty({ description: 'Maximum waiting time, minutes (the standard)' })
  @IsInt({ message: 'maxWaitMinutes must be a whole number of minutes' })
  @Min(1, { message: 'maxWaitMinutes must be at least 1' })
  @Max(1440)
  maxWaitMinutes: number;

  @ApiProperty({ description: 'Standard service time, minutes' })
  @IsInt({ message: 'serviceTimeMinutes must be a whole number of minutes' })
  @Min(1, { message: 'serviceTimeMinutes must be at least 1' })
  @Max(1440)
  serviceTimeMinutes: number;

  @ApiProperty({ description: 'Cost in rupiah; 0 is free' })
  @IsInt({ message: 'costRupiah must be a whole number of rupiah' })
  @Min(0, { message: 'costRupiah cannot be negative' })
  @Max(100_000_000)
  costRupiah: number;

  @ApiProperty({ type: [String], example: ['KTP-el asli', 'Kartu Keluarga'] })
  @IsArray()
  @ArrayMaxSize(30)
  @Transform(({ value }) => (Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item.trim() : item)) : value))
  @IsString({ each: true, message: 'each requirement must be text' })
  @MinLength(1, { each: true, message: 'a requirement cannot be empty' })
  @MaxLength(200, { each: true })
  requirements: string[];

  @ApiProperty({ example: '1 hari kerja' })
  @Transform(trim)
  @IsString()
  @MaxLength(120)
  completionTime: string;

  @ApiProperty({ nullable: true, description: 'Tickets per day; null is no quota' })
  @ValidateIf((_, value) => value !== null)
  @IsInt({ message: 'dailyQuota must be a whole number or null' })
  @Min(1, { message: 'dailyQuota must be at least 1 (or null for none)' })
  @Max(100_000)
  dailyQuota: number | null;

  @ApiProperty({ default: true })
  @IsBoolean()
  active: boolean;

  @ApiPropertyOptional({
    default: 30,
    description: 'Minutes before the office closes from which no more tickets are issued; shorter than the longest opening day',
  })
  @IsOptional()
  @IsInt({ message: 'issueCutoffMinutes must be a whole number of minutes' })
  @Min(0, { message: 'issueCutoffMinutes cannot be negative' })
  @Max(1440)
  issueCutoffMinutes?: number;

  @ApiPropertyOptional({
    default: false,
    description: 'Kuota dinamis: refuse a new ticket (409 cannot_serve_today) once the forecast says it cannot be served before closing',
  })
  @IsOptional()
  @IsBoolean()
  dynamicQuota?: boolean;

  @StandardList(
    ['Ambil nomor antrean', 'Serahkan berkas di loket', 'Terima dokumen'],
    'Sistem, mekanisme dan prosedur: the steps in order',
    STANDARD_LIMITS.procedureSteps,
  )
  procedure?: string[];

  @StandardText('Kartu Keluarga', 'Produk pelayanan')
  product?: string;

  @StandardText('Loket pengaduan, SP4N-LAPOR!', 'Penanganan pengaduan, saran dan masukan')
  complaintHandling?: string;

  @StandardList(['UU 24/2013 tentang Administrasi Kependudukan'], 'Dasar hukum: one regulation an item', STANDARD_LIMITS.legalBasis)
  legalBasis?: string[];

  @StandardText('Ruang tunggu, kursi roda, toilet disabilitas', 'Sarana dan prasarana, dan/atau fasilitas')
  facilities?: string;

  @StandardText('Memahami SIAK', 'Kompetensi pelaksana')
  competence?: string;

  @StandardText('Atasan langsung', 'Pengawasan internal')
  internalSupervision?: string;

  @ApiPropertyOptional({ nullable: true, description: 'Jumlah pelaksana: officers assigned to the service; null when not set' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt({ message: 'executorCount must be a whole number or null' })
  @Min(1, { message: 'executorCount must be at least 1 (or null)' })
  @Max(STANDARD_LIMITS.executorCountMax, { message: `executorCount must be at most ${STANDARD_LIMITS.executorCountMax}` })
  executorCount?: number | null;

  @StandardText('Pelayanan sesuai standar', 'Jaminan pelayanan')
  serviceGuarantee?: string;

  @StandardText('Data pemohon dijaga kerahasiaannya', 'Jaminan keamanan dan keselamatan pelayanan')
  safetyGuarantee?: string;

  @StandardText('Evaluasi triwulanan', 'Evaluasi kinerja pelaksana')
  performanceEvaluation?: string;

  @ApiPropertyOptional({ description: 'Position on the kiosk and board' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  sortOrder?: number;
}

export class UpdateServiceDto extends PartialType(CreateServiceDto) {}
