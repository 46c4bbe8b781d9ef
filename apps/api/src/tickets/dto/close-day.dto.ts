import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

export class CloseDayDto {
  @ApiProperty({ example: 4, description: 'How many waiting tickets the supervisor was shown and confirms closing' })
  @IsInt({ message: 'waiting must be a whole number' })
  @Min(0)
  @Max(100_000)
  waiting: number;
}
