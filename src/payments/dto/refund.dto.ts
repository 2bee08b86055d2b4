import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsBusinessDate } from '../../common/validation/date.validators';
import { IsMoney } from '../../common/validation/decimal.validators';
import { IsOmittable, Trim } from '../../common/validation/field-rules';

export class RecordRefundDto {
  @ApiProperty({ example: '100000.00', description: 'at most the refund still owed: paid − forfeited − refunded so far' })
  @IsMoney()
  amount: string;

  @ApiProperty({ example: '2026-06-15', description: 'not before the cancellation date, not after today' })
  @IsBusinessDate()
  paidOn: string;

  @ApiPropertyOptional({ example: 'ICBC transfer 2026-0615-0042', maxLength: 200 })
  @IsOmittable() @Trim() @IsString() @MinLength(1) @MaxLength(200)
  reference?: string;
}

export class RecordedRefundView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) saleId: string;
  @ApiProperty({ example: '100000.00' }) amount: string;
  @ApiProperty({ example: '2026-06-15' }) paidOn: string;
  @ApiProperty({ nullable: true, type: String }) reference: string | null;
  @ApiProperty({ example: '200000.00', description: 'the sale’s payments net of reversals' }) paid: string;
  @ApiProperty({ example: '50000.00', description: 'what the developer kept at cancellation' }) forfeited: string;
  @ApiProperty({ example: '100000.00', description: 'every refund of the sale, this one included' }) refunded: string;
  @ApiProperty({ example: '50000.00', description: 'paid − forfeited − refunded, after this refund' }) refundOwed: string;
  @ApiProperty() createdAt: string;
}
