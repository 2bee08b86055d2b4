import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Trim } from '../../common/validation/field-rules';
import { PaginationQuery } from '../../common/validation/pagination.dto';
import { FLAG_STATUSES, FLAG_TYPES, FlagStatus, FlagType, SEVERITIES, Severity } from '../flag-types';
import { REVIEW_DECISIONS, ReviewDecision, SYSTEM_ENTRIES } from '../review/review';

export class FlagsQuery extends PaginationQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUUID('all')
  projectId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUUID('all')
  saleId?: string;

  @ApiPropertyOptional({ enum: FLAG_STATUSES })
  @IsOptional() @IsIn(FLAG_STATUSES)
  status?: FlagStatus;

  @ApiPropertyOptional({ enum: FLAG_TYPES })
  @IsOptional() @IsIn(FLAG_TYPES)
  type?: FlagType;

  @ApiPropertyOptional({ enum: SEVERITIES })
  @IsOptional() @IsIn(SEVERITIES)
  severity?: Severity;
}

export class ReviewDto {
  @ApiProperty({ enum: REVIEW_DECISIONS, example: 'CONFIRM' })
  @IsIn(REVIEW_DECISIONS)
  decision: ReviewDecision;

  @ApiProperty({ example: 'Buyer is the CEO’s driver; no deposit received; refer to the board.', maxLength: 4000 })
  @Trim() @IsString() @MinLength(1, { message: 'note is required' }) @MaxLength(4000)
  note: string;
}

export class FlagReviewView {
  @ApiProperty() seq: number;
  @ApiProperty({ enum: [...REVIEW_DECISIONS, ...SYSTEM_ENTRIES] }) decision: string;
  @ApiProperty() note: string;
  @ApiProperty({ description: 'user id, or "system"' }) reviewerId: string;
  @ApiProperty() reviewerName: string;
  @ApiProperty() at: string;
  @ApiProperty({ enum: SEVERITIES, nullable: true, type: String, description: 'the flag’s severity when the decision was taken' })
  severity: Severity | null;
  @ApiProperty({ nullable: true, type: String, description: 'SHA-256 of the canonical evidence the decision was taken on' })
  evidenceHash: string | null;
  @ApiProperty({ nullable: true, type: Boolean, description: 'false: taken on earlier evidence than the flag holds now' })
  onCurrentEvidence: boolean | null;
}

export class FlagView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ enum: ['SALE', 'PRICE_LIST'] }) subjectType: 'SALE' | 'PRICE_LIST';
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) saleId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) priceListId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'price-list flags are per unit type' }) unitType: string | null;
  @ApiProperty({ enum: FLAG_TYPES }) type: FlagType;
  @ApiProperty({ enum: SEVERITIES }) severity: Severity;
  @ApiProperty({ enum: FLAG_STATUSES }) status: FlagStatus;
  @ApiProperty({ description: 'a HIGH flag dismissed once, waiting for a second auditor' }) pendingDismissal: boolean;
  @ApiProperty() ruleVersion: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the numbers and ids that made the rule fire' })
  evidence: Record<string, unknown>;
  @ApiProperty({ description: 'SHA-256 of the canonical evidence, without the date it was judged on' }) evidenceHash: string;
  @ApiProperty() raisedAt: string;
  @ApiProperty() updatedAt: string;
  @ApiPropertyOptional({ description: 'the last CONFIRM or DISMISS was taken on evidence that has changed since (on a single flag)' })
  decidedOnEarlierEvidence?: boolean;
  @ApiPropertyOptional({ type: [FlagReviewView], description: 'every decision and system entry, in order (on a single flag)' })
  reviews?: FlagReviewView[];
}
