import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IMPORT_KINDS, ImportKind } from '../import-kinds';
import { IMPORT_STATES, ImportState } from '../imports.repository';

export class ImportQuery {
  @ApiProperty({ enum: IMPORT_KINDS, description: 'what the file holds' })
  @IsIn(IMPORT_KINDS)
  kind: ImportKind;
}

export class ImportProblemView {
  @ApiProperty({ description: 'file line (1 is the header)' }) line: number;
  @ApiProperty({ example: 'netPrice' }) column: string;
  @ApiProperty({ nullable: true, type: String }) value: string | null;
  @ApiProperty({ example: 'must be an amount greater than zero and at most 999999999999.99 with at most 2 decimals, e.g. 4000000.00' }) reason: string;
}

export class ImportView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ enum: IMPORT_KINDS }) kind: ImportKind;
  @ApiProperty({ description: 'SHA-256 of the file: the same content is imported once' }) contentSha256: string;
  @ApiProperty({ nullable: true, type: String }) filename: string | null;
  @ApiProperty({ enum: IMPORT_STATES }) state: ImportState;
  @ApiPropertyOptional({ enum: ['CHECKING', 'WRITING', 'JUDGING'], description: 'while RUNNING' }) phase?: string;
  @ApiProperty({ nullable: true, type: Number, description: 'data rows in the file, once counted' }) rowsTotal: number | null;
  @ApiProperty({ description: 'rows checked so far (while checking)' }) rowsChecked: number;
  @ApiProperty({ description: 'rows written so far' }) rowsDone: number;
  @ApiProperty() errorCount: number;
  @ApiProperty({ type: [ImportProblemView], description: 'the bad rows of a refused file (reading stops at the 1,000th problem)' }) errors: ImportProblemView[];
  @ApiProperty({ description: 'true when reading stopped at 1,000 problems: the rest of the file was not read' }) errorsTruncated: boolean;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: { type: 'number' }, description: 'what was created' })
  result: Record<string, number> | null;
  @ApiProperty({ nullable: true, type: String }) failure: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) finishedAt: string | null;
  @ApiProperty({ description: 'true when this answer is the first import of the same file' }) replayed: boolean;
}
