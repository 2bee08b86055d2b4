import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBusinessDate } from '../common/validation/date.validators';
import { IsOmittable } from '../common/validation/field-rules';

export class AuditRunDto {
  @ApiPropertyOptional({ example: '2026-11-30', description: 'the date time-based rules are judged on; default today' })
  @IsOmittable() @IsBusinessDate()
  asOf?: string;
}

export class AuditRunView {
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ example: '2026-11-30' }) asOf: string;
  @ApiProperty({
    description: 'true for a run as of today, which stores its evaluations and changes the live flag register; '
      + 'false for a run as of a past date, whose counts say what it would have changed then',
  })
  liveRegisterChanged: boolean;
  @ApiProperty() salesEvaluated: number;
  @ApiProperty() priceListsEvaluated: number;
  @ApiProperty({ description: 'sales whose market price or related-party finding changed' }) salesReevaluated: number;
  @ApiProperty() flagsRaised: number;
  @ApiProperty({ description: 'flags whose severity or evidence changed (their status and decisions stay)' }) flagsUpdated: number;
  @ApiProperty({ description: 'cleared flags whose condition holds again, and dismissed flags that became more serious' }) flagsReopened: number;
  @ApiProperty() flagsCleared: number;
  @ApiProperty() durationMs: number;
}
