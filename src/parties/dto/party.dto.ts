import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { Trim } from '../../common/validation/field-rules';
import { PaginationQuery } from '../../common/validation/pagination.dto';
import { INSIDER_ROLE_PATTERN, PARTY_KINDS, PartyKind } from '../party-vocabulary';
import { RelatedPartyPath } from '../related-party-graph';

export class CreatePartyDto {
  @ApiProperty({ enum: PARTY_KINDS, example: 'PERSON' })
  @IsIn(PARTY_KINDS)
  kind: PartyKind;

  @ApiProperty({ example: 'Wang Qiang', maxLength: 200 })
  @Trim() @IsString() @MinLength(1) @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '110101199003071234', maxLength: 64, description: 'identity card, passport or business licence number' })
  @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(64)
  idNumber?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '+86 138-0000-0001', maxLength: 40, description: 'numbers without a country code are read as mainland China numbers' })
  @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(40)
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Room 1801, Block 2, Bayview Garden, Shenzhen', maxLength: 500 })
  @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(500)
  address?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '6222 0212 3456 7890', maxLength: 64 })
  @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(64)
  bankAccount?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'CEO', maxLength: 40, description: 'set for an insider of the developer, e.g. CEO, DIRECTOR, EMPLOYEE' })
  @IsOptional() @Trim() @IsString() @MaxLength(40)
  @Matches(INSIDER_ROLE_PATTERN, { message: 'insiderRole must be upper-case letters, digits and "_", starting with a letter, e.g. CEO' })
  insiderRole?: string | null;
}

export class PartyQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'judge relatedParty with this project’s relatedPartyMaxHops (default 3)' })
  @IsOptional() @IsUUID()
  projectId?: string;
}

export class PartiesQuery extends IntersectionType(PaginationQuery, PartyQuery) {
  @ApiPropertyOptional({ example: 'wang', description: 'part of the name, any case' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'only insiders, or only non-insiders' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'insider must be true or false' })
  insider?: boolean;

  @ApiPropertyOptional({ example: '110101-19900307-1234', description: 'matched ignoring spaces, dashes and case' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(64)
  idNumber?: string;

  @ApiPropertyOptional({ example: '13800000001', description: 'matched in any notation of the same number' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(40)
  phone?: string;
}

export class RelatedPartyView {
  @ApiProperty() isRelated: boolean;

  @ApiProperty({
    type: 'array',
    items: { type: 'array', items: { type: 'string' } },
    description: 'party ids alternating with links, from this party to an insider; [own id] for an insider',
    example: [['0b9d…driver', 'PERSONAL_STAFF', '5c1e…ceo'], ['0b9d…driver', 'SAME_PHONE', '7aa2…director']],
  })
  paths: RelatedPartyPath[];
}

export class PartySaleFlagView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) saleId: string;
  @ApiProperty({ example: 'RELATED_PARTY_SALE' }) type: string;
  @ApiProperty({ example: 'MEDIUM' }) severity: string;
  @ApiProperty({ example: 'OPEN' }) status: string;
}

export class PartyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: PARTY_KINDS }) kind: PartyKind;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) idNumber: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) address: string | null;
  @ApiProperty({ nullable: true, type: String }) bankAccount: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'CEO' }) insiderRole: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: RelatedPartyView }) relatedParty: RelatedPartyView;
  @ApiPropertyOptional({ type: [PartySaleFlagView], description: 'on a single party: the flags of the sales it bought or referred' })
  flags?: PartySaleFlagView[];
}
