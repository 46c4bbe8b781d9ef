import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import type { ChecklistItemInput } from '@loket/domain';

export class ChecklistItemDto implements ChecklistItemInput {
  @ApiProperty({ example: 'sikap_perilaku', description: 'Stable key of the item; answers are stored under it' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Matches(/^[a-z0-9_]{1,60}$/, { message: 'code must be lowercase letters, digits and underscores (e.g. cara_bertanya)' })
  code: string;

  @ApiProperty({ example: 'Sikap/perilaku: senyum, salam, sapa' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(3, { message: 'label must have at least 3 characters' })
  @MaxLength(200)
  label: string;

  @ApiProperty()
  @IsBoolean()
  active: boolean;
}

/** The whole template in its new order: items keep their code; a retired item is sent inactive, never dropped. */
export class UpdateChecklistDto {
  @ApiProperty({ type: [ChecklistItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(40)
  @ValidateNested({ each: true })
  @Type(() => ChecklistItemDto)
  items: ChecklistItemDto[];
}
