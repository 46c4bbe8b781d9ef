import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsString, Length } from 'class-validator';

export class PairKioskDto {
  @ApiProperty({ description: 'A name staff recognise the kiosk by, e.g. "Kios pintu utama"' })
  @IsString()
  @Length(1, 80)
  name: string;
}

export class KioskSettingsDto {
  @ApiProperty({ description: 'Whether phones and web pages without a paired kiosk token may take tickets (limited per address)' })
  @IsBoolean()
  anonymousIssue: boolean;
}
