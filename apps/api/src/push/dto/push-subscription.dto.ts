import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsString, MaxLength, ValidateNested } from 'class-validator';
import { PUSH_LANGUAGES, type PushLanguage } from '@loket/domain';

export class PushKeysDto {
  @ApiProperty({ description: 'The browser’s P-256 public key (base64url), from PushSubscription.toJSON()' })
  @IsString()
  @MaxLength(200)
  p256dh: string;

  @ApiProperty({ description: 'The 16-byte auth secret (base64url)' })
  @IsString()
  @MaxLength(100)
  auth: string;
}

/** A browser's PushSubscription (its `toJSON()`), and the page's language for the notifications. */
export class PushSubscriptionDto {
  @ApiProperty({ description: 'The push service URL the browser gave (https)' })
  @IsString()
  @MaxLength(2000)
  endpoint: string;

  @ApiProperty({ type: PushKeysDto })
  @IsObject()
  @ValidateNested()
  @Type(() => PushKeysDto)
  keys: PushKeysDto;

  @ApiProperty({ enum: PUSH_LANGUAGES, description: 'The language the notifications are written in' })
  @IsIn(PUSH_LANGUAGES)
  language: PushLanguage;
}
