import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { RELATIONSHIPS, Relationship } from '../party-vocabulary';
import { Trim } from '../../common/validation/field-rules';

export class CreatePartyRelationDto {
  @ApiProperty({ format: 'uuid', description: 'the party this one is related to' })
  @IsUUID()
  relatedPartyId: string;

  @ApiProperty({ enum: RELATIONSHIPS, example: 'PERSONAL_STAFF', description: 'this party is <relationship> of the related party' })
  @IsIn(RELATIONSHIPS)
  relationship: Relationship;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'drives for the CEO since 2015', maxLength: 1000 })
  @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(1000)
  note?: string | null;
}

export class PartyRelationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) partyId: string;
  @ApiProperty({ format: 'uuid' }) relatedPartyId: string;
  @ApiProperty({ enum: RELATIONSHIPS }) relationship: Relationship;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() createdAt: string;
}
