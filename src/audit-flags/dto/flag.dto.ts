import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { IsOmittable, Trim } from '../../common/validation/field-rules';
import { PaginationQuery } from '../../common/validation/pagination.dto';
import { FLAG_STATUSES, FLAG_TYPES, FlagStatus, FlagType, SEVERITIES, Severity } from '../flag-types';
import { REVIEW_DECISIONS, ReviewDecision, SYSTEM_ENTRIES } from '../review/review';

export const FLAG_SORTS = ['raisedAt', '-raisedAt', 'updatedAt', '-updatedAt', 'severity', '-severity', 'type', '-type'] as const;
export type FlagSort = (typeof FLAG_SORTS)[number];

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

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: open HIGH flags dismissed once, waiting for a second auditor; false: all others' })
  @IsOmittable()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'awaitingSecondDismissal must be true or false' })
  awaitingSecondDismissal?: boolean;

  @ApiPropertyOptional({ description: '`me` or a user id: leaves out the flags that user has dismissed since they were last opened (they cannot sign them twice)' })
  @IsOmittable()
  @Matches(/^(me|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/, { message: 'excludeFirstDismissedBy must be "me" or a user id' })
  excludeFirstDismissedBy?: string;

  @ApiPropertyOptional({ enum: FLAG_SORTS, default: 'raisedAt', description: 'a leading "-" sorts descending; severity sorts LOW < MEDIUM < HIGH' })
  @IsOmittable() @IsIn(FLAG_SORTS)
  sort?: FlagSort;
}

export class SeverityCounts {
  @ApiProperty() HIGH: number;
  @ApiProperty() MEDIUM: number;
  @ApiProperty() LOW: number;
}

export class ReviewDto {
  @ApiProperty({ enum: REVIEW_DECISIONS, example: 'CONFIRM' })
  @IsIn(REVIEW_DECISIONS)
  decision: ReviewDecision;

  @ApiProperty({ example: 'Buyer is the CEO’s driver; no deposit received; refer to the board.', maxLength: 4000 })
  @Trim() @IsString() @MinLength(1, { message: 'note is required' }) @MaxLength(4000)
  note: string;
}

export class BatchReviewItemDto extends ReviewDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'flagId must be a UUID' })
  flagId: string;
}

export class BatchReviewDto {
  @ApiProperty({ type: [BatchReviewItemDto], minItems: 1, maxItems: 200, description: 'decisions on several flags; each is taken, or refused, on its own' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsObject({ each: true, message: 'each review must be an object' })
  @ValidateNested({ each: true })
  @Type(() => BatchReviewItemDto)
  reviews: BatchReviewItemDto[];
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
  @ApiPropertyOptional({ nullable: true, type: String, description: 'the sale’s unit number (on lists and a single flag)' })
  unitNo?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'the price list’s batch number (on lists and a single flag)' })
  batchNo?: string | null;
  @ApiPropertyOptional({ description: 'the last CONFIRM or DISMISS was taken on evidence that has changed since (on a single flag)' })
  decidedOnEarlierEvidence?: boolean;
  @ApiPropertyOptional({ type: [FlagReviewView], description: 'every decision and system entry, in order (on a single flag)' })
  reviews?: FlagReviewView[];
}

export class FlagPageView {
  @ApiProperty({ type: [FlagView] }) items: FlagView[];
  @ApiProperty({ description: 'flags matching the filter' }) total: number;
  @ApiProperty({ type: SeverityCounts, description: 'flags matching the filter but for its severity, by severity' }) countsBySeverity: SeverityCounts;
}

export class BatchReviewError {
  @ApiProperty() statusCode: number;
  @ApiProperty() error: string;
  @ApiProperty() message: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) details?: unknown;
}

export class BatchReviewResult {
  @ApiProperty({ format: 'uuid' }) flagId: string;
  @ApiProperty({ description: 'true: the decision was taken (an audit-log entry of its own); false: refused, see error' }) accepted: boolean;
  @ApiPropertyOptional({ type: FlagView, description: 'the flag after the decision' }) flag?: FlagView;
  @ApiPropertyOptional({ type: BatchReviewError, description: 'why the decision was refused, as the single-flag route would answer' }) error?: BatchReviewError;
}

export class BatchReviewView {
  @ApiProperty({ type: [BatchReviewResult], description: 'one result per decision, in the order sent' }) results: BatchReviewResult[];
  @ApiProperty() accepted: number;
  @ApiProperty() refused: number;
}
