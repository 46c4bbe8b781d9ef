import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { DAY_PATTERN, REPORT_PRESETS, SKM_PRESETS, type ReportPreset, type SkmPreset } from '@loket/domain';

const dayMessage = { message: '$property must be a day written YYYY-MM-DD' };

/**
 * The period of a report. Either a preset around `date` (default: today in the office's
 * zone) or `from` and `to` (custom; both office-local days, both counted). Whether the days
 * exist, their order and the span are checked by resolvePeriod (libs/domain reports.ts).
 */
export class ReportQueryDto {
  @ApiPropertyOptional({ enum: REPORT_PRESETS, description: 'day, week (Monday–Sunday), month; custom when from/to are given' })
  @IsOptional()
  @IsIn(REPORT_PRESETS, { message: `preset must be one of ${REPORT_PRESETS.join(', ')}` })
  preset?: ReportPreset;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'The day a preset is taken around; default today in the office zone' })
  @IsOptional()
  @Matches(DAY_PATTERN, dayMessage)
  date?: string;

  @ApiPropertyOptional({ example: '2026-11-01' })
  @IsOptional()
  @Matches(DAY_PATTERN, dayMessage)
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30' })
  @IsOptional()
  @Matches(DAY_PATTERN, dayMessage)
  to?: string;
}

export const CSV_LANGUAGES = ['id', 'en'] as const;
export type CsvLanguage = (typeof CSV_LANGUAGES)[number];

export class ReportCsvQueryDto extends ReportQueryDto {
  @ApiPropertyOptional({ enum: CSV_LANGUAGES, description: 'Language of the headers; default id' })
  @IsOptional()
  @IsIn(CSV_LANGUAGES, { message: 'lang must be id or en' })
  lang?: CsvLanguage;
}

/** The SKM tables' period: a semester or year around `date` (default today), or from/to up to a year. */
export class SkmQueryDto {
  @ApiPropertyOptional({ enum: SKM_PRESETS, description: 'semester (January–June, July–December) or year; custom when from/to are given' })
  @IsOptional()
  @IsIn(SKM_PRESETS, { message: `preset must be one of ${SKM_PRESETS.join(', ')}` })
  preset?: SkmPreset;

  @ApiPropertyOptional({ example: '2026-11-30' })
  @IsOptional()
  @Matches(DAY_PATTERN, dayMessage)
  date?: string;

  @ApiPropertyOptional({ example: '2026-01-01' })
  @IsOptional()
  @Matches(DAY_PATTERN, dayMessage)
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @Matches(DAY_PATTERN, dayMessage)
  to?: string;
}
