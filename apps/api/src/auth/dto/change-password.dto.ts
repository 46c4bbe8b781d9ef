import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class ChangePasswordDto {
  @ApiProperty({ example: '••••••••' })
  @IsString()
  @Length(1, 256)
  currentPassword: string;

  @ApiProperty({ example: '••••••••••', description: '8 to 256 characters, not the current one' })
  @IsString()
  @Length(8, 256, { message: 'newPassword must be 8 to 256 characters long' })
  newPassword: string;
}
