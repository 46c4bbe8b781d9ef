import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { MIN_PASSWORD_LENGTH, STAFF_ROLES, type StaffRole, USERNAME_PATTERN } from '@loket/domain';

export class PasswordDto {
  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: `password must have at least ${MIN_PASSWORD_LENGTH} characters` })
  @MaxLength(256)
  password: string;
}

export class CreateStaffDto extends PasswordDto {
  @ApiProperty({ example: 'petugas7' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString()
  @Matches(USERNAME_PATTERN, { message: 'username must be 3–32 lowercase letters, digits, dots, dashes or underscores' })
  username: string;

  @ApiProperty({ example: 'Siti Nurhaliza' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(2, { message: 'name must have at least 2 characters' })
  @MaxLength(120)
  name: string;

  @ApiPropertyOptional({ nullable: true, example: '199001232015032002', description: 'NIP: 18 digits' })
  @Transform(({ value }) => (typeof value === 'string' ? value.replace(/\s+/g, '') || null : value))
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsString()
  @Matches(/^\d{18}$/, { message: 'nip must be exactly 18 digits' })
  nip: string | null;

  @ApiProperty({ enum: STAFF_ROLES })
  @IsIn(STAFF_ROLES, { message: `role must be one of ${STAFF_ROLES.join(', ')}` })
  role: StaffRole;

  @ApiProperty({ type: [String], description: 'The offices they work in (officers and supervisors need at least one)' })
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'officeIds must be office UUIDs' })
  officeIds: string[];

  @ApiPropertyOptional({
    nullable: true,
    description: 'The one agency of their office an officer or supervisor acts for (an agency supervisor); null: the whole office',
  })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsUUID('all', { message: 'agencyId must be an agency UUID' })
  agencyId?: string | null;
}

export class UpdateStaffDto extends PartialType(OmitType(CreateStaffDto, ['password', 'username'] as const)) {}
