import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Transform } from 'class-transformer';

/** A reason staff must give (cancelling a ticket, calling one out of order). */
export class ReasonDto {
  @ApiProperty({ example: 'Warga meminta pembatalan' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(3, { message: 'reason must say why, in at least 3 characters' })
  @MaxLength(500)
  reason: string;
}
