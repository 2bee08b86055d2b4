import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { PaginationQuery } from '../../common/validation/pagination.dto';

export const AUDIT_LOG_ORDERS = ['asc', 'desc'] as const;
export type AuditLogOrder = (typeof AUDIT_LOG_ORDERS)[number];

export class AuditLogQuery extends PaginationQuery {
  @ApiPropertyOptional({ example: 'project' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  entityType?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  @ApiPropertyOptional({ enum: AUDIT_LOG_ORDERS, default: 'asc', description: 'by seq: asc (oldest first) or desc (newest first)' })
  @IsOptional()
  @IsIn(AUDIT_LOG_ORDERS)
  order?: AuditLogOrder;
}

export class AuditLogEntryView {
  @ApiProperty() seq: number;
  @ApiProperty({ example: '2026-11-30T09:00:00.000Z' }) at: string;
  @ApiProperty({ description: 'user id, or "system"' }) actor: string;
  @ApiProperty({ example: 'project.created' }) action: string;
  @ApiProperty({ example: 'project' }) entityType: string;
  @ApiProperty() entityId: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: unknown;
  @ApiProperty() prevHash: string;
  @ApiProperty() hash: string;
}

/** A head handed out earlier, to be proven still in the chain: both or neither. */
export class ChainVerifyQuery {
  @ApiPropertyOptional({ description: 'seq of the head given earlier (0 for the empty chain)', example: '42' })
  @ValidateIf((query: ChainVerifyQuery) => query.seq !== undefined || query.hash !== undefined)
  @IsDefined({ message: 'seq and hash go together' })
  @IsString()
  @Matches(/^(0|[1-9]\d{0,14})$/, { message: 'seq must be a non-negative integer' })
  seq?: string;

  @ApiPropertyOptional({ description: 'hash of the head given earlier', pattern: '^[0-9a-f]{64}$' })
  @ValidateIf((query: ChainVerifyQuery) => query.seq !== undefined || query.hash !== undefined)
  @IsDefined({ message: 'seq and hash go together' })
  @IsString()
  @Matches(/^[0-9a-f]{64}$/, { message: 'hash must be 64 lowercase hex digits' })
  hash?: string;
}

export class ChainHeadView {
  @ApiProperty({ description: 'seq of the last entry; 0 while the log is empty' }) seq: number;
  @ApiProperty({ description: 'hash of the last entry; 64 zeros (the genesis hash) while the log is empty' }) hash: string;
  @ApiProperty({ nullable: true, type: String, description: 'when the last entry was written; null while the log is empty' }) at: string | null;
  @ApiPropertyOptional({ description: 'base64 Ed25519 signature of `ledger-audit-head:v1:<seq>:<hash>`, when AUDIT_SIGNING_KEY is set' })
  signature?: string;
  @ApiPropertyOptional({ description: 'the signing key\'s public half, SPKI PEM' }) publicKey?: string;
  @ApiPropertyOptional({ enum: ['Ed25519'] }) algorithm?: 'Ed25519';
}

export const GIVEN_HEAD_PROBLEMS = ['cut', 'rehashed', 'broken'] as const;
/**
 * Why a head given earlier is not proven: `cut` — the chain no longer reaches
 * its seq; `rehashed` — the entry at its seq now has another hash; `broken` —
 * the entry stands, but the chain up to it does not recompute.
 */
export type GivenHeadProblem = (typeof GIVEN_HEAD_PROBLEMS)[number];

export class GivenHeadView {
  @ApiProperty() seq: number;
  @ApiProperty() hash: string;
  @ApiProperty({ description: 'an entry at that seq has that hash' }) found: boolean;
  @ApiPropertyOptional({ enum: GIVEN_HEAD_PROBLEMS }) problem?: GivenHeadProblem;
}

export class ChainVerificationView {
  @ApiProperty({ description: 'the chain recomputes, and so does the given head if one was given' }) ok: boolean;
  @ApiProperty({ description: 'entries checked' }) entries: number;
  @ApiPropertyOptional({ description: 'the first entry that breaks the chain' }) firstBadSeq?: number;
  @ApiPropertyOptional({
    type: 'object', properties: { seq: { type: 'integer' }, hash: { type: 'string' } }, required: ['seq', 'hash'],
    description: 'with a given head: the chain\'s last entry (seq 0 and the genesis hash while empty)',
  })
  head?: { seq: number; hash: string };
  @ApiPropertyOptional({ type: GivenHeadView }) given?: GivenHeadView;
}
