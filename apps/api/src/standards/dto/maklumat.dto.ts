import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength } from 'class-validator';
import { MAKLUMAT_LIMITS, MAKLUMAT_TEMPLATE } from '@loket/domain';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A new version of the office's maklumat pelayanan; lengths and the signing day are the domain's `maklumatProblems`. */
export class MaklumatDto {
  @ApiProperty({ example: MAKLUMAT_TEMPLATE, maxLength: MAKLUMAT_LIMITS.textMax })
  @Transform(trim)
  @IsString({ message: 'text must be text' })
  @MaxLength(MAKLUMAT_LIMITS.textMax, { message: `text must be at most ${MAKLUMAT_LIMITS.textMax} characters` })
  text: string;

  @ApiProperty({ example: 'Drs. Hendra Gunawan, M.Si.' })
  @Transform(trim)
  @IsString({ message: 'signerName must be text' })
  @MaxLength(MAKLUMAT_LIMITS.nameMax, { message: `signerName must be at most ${MAKLUMAT_LIMITS.nameMax} characters` })
  signerName: string;

  @ApiProperty({ example: 'Kepala Dinas Penanaman Modal dan PTSP' })
  @Transform(trim)
  @IsString({ message: 'signerPosition must be text' })
  @MaxLength(MAKLUMAT_LIMITS.positionMax, { message: `signerPosition must be at most ${MAKLUMAT_LIMITS.positionMax} characters` })
  signerPosition: string;

  @ApiProperty({ example: '2026-01-02', description: 'The day it was signed, YYYY-MM-DD, not after the office’s today' })
  @IsString({ message: 'signedOn must be a date YYYY-MM-DD' })
  @MaxLength(10, { message: 'signedOn must be a date YYYY-MM-DD' })
  signedOn: string;
}
