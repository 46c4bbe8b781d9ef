import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class StaffQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only staff working in this office' })
  @IsOptional()
  @IsUUID('all', { message: 'officeId must be a UUID' })
  officeId?: string;
}
