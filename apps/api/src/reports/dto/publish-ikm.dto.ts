import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { DAY_PATTERN, IKM_PLAN_LIMITS, type IkmPlanItem } from '@loket/domain';
import { FreeText } from '../../common/control-characters.js';
import { SkmQueryDto } from './report-query.dto.js';

const L = IKM_PLAN_LIMITS;

/** One follow-up item; lengths are checked after trimming by the domain (`checkIkmPlan`). */
export class IkmPlanItemDto implements IkmPlanItem {
  @ApiProperty({ maxLength: L.action.max, description: 'What will be done' })
  @IsString({ message: 'action must be text' })
  @MaxLength(L.action.max + 50, { message: `action must be at most ${L.action.max} characters` })
  @FreeText()
  action: string;

  @ApiProperty({ maxLength: L.owner.max, description: 'Who answers for it (a unit or a post)' })
  @IsString({ message: 'owner must be text' })
  @MaxLength(L.owner.max + 50, { message: `owner must be at most ${L.owner.max} characters` })
  @FreeText()
  owner: string;

  @ApiProperty({ example: '2027-03-31' })
  @Matches(DAY_PATTERN, { message: 'dueDate must be a day, YYYY-MM-DD' })
  dueDate: string;
}

/** The period (as for the SKM tables) and its follow-up plan. */
export class PublishIkmDto extends SkmQueryDto {
  @ApiProperty({ type: [IkmPlanItemDto], minItems: L.items.min, maxItems: L.items.max })
  @IsArray({ message: 'plan must be a list of items' })
  @ArrayMinSize(L.items.min, { message: `plan has at least ${L.items.min} item` })
  @ArrayMaxSize(L.items.max, { message: `plan has at most ${L.items.max} items` })
  @ValidateNested({ each: true })
  @Type(() => IkmPlanItemDto)
  plan: IkmPlanItemDto[];
}
