import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PaginationQuery } from '../../common/validation/pagination.dto';

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

export class ChainVerificationView {
  @ApiProperty() ok: boolean;
  @ApiProperty({ description: 'entries checked' }) entries: number;
  @ApiPropertyOptional({ description: 'the first entry that breaks the chain' }) firstBadSeq?: number;
}
