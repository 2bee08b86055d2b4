import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsBusinessDate } from '../../common/validation/date.validators';

export class AuditRunDto {
  @ApiPropertyOptional({ example: '2026-11-30', description: 'the date time-based rules are judged on; default today' })
  @IsOptional() @IsBusinessDate()
  asOf?: string;
}

export class AuditRunView {
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ example: '2026-11-30' }) asOf: string;
  @ApiProperty() salesEvaluated: number;
  @ApiProperty() priceListsEvaluated: number;
  @ApiProperty({ description: 'sales whose market price or related-party finding changed' }) salesReevaluated: number;
  @ApiProperty() flagsRaised: number;
  @ApiProperty({ description: 'open flags whose severity or evidence changed' }) flagsUpdated: number;
  @ApiProperty({ description: 'cleared flags whose condition holds again' }) flagsReopened: number;
  @ApiProperty() flagsCleared: number;
  @ApiProperty() durationMs: number;
}
