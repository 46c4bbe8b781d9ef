import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'petugas1' })
  @IsString()
  @Length(1, 64)
  username: string;

  @ApiProperty({ example: '••••••••' })
  @IsString()
  @Length(1, 256)
  password: string;
}
