import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { IsBusinessDate } from '../../common/validation/date.validators';
import { IsMoney } from '../../common/validation/decimal.validators';
import { IsOmittable, Trim } from '../../common/validation/field-rules';
import { PAYMENT_KINDS, PaymentKind } from '../payment';

export class PaymentEntryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '300000.00', description: 'negative for a reversal' }) amount: string;
  @ApiProperty({ example: '2026-05-20' }) receivedOn: string;
  @ApiProperty({ enum: PAYMENT_KINDS }) kind: PaymentKind;
  @ApiProperty({ nullable: true, type: String }) reference: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'the payment this entry reverses' }) reversalOf: string | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
}

export class RecordPaymentDto {
  @ApiProperty({ example: '300000.00', description: 'at most the outstanding amount' })
  @IsMoney()
  amount: string;

  @ApiProperty({ example: '2026-05-20' })
  @IsBusinessDate()
  receivedOn: string;

  @ApiProperty({ enum: PAYMENT_KINDS, example: 'DEPOSIT' })
  @IsIn(PAYMENT_KINDS)
  kind: PaymentKind;

  @ApiPropertyOptional({ example: 'ICBC receipt 2026-0520-0017', maxLength: 200 })
  @IsOmittable() @Trim() @IsString() @MinLength(1) @MaxLength(200)
  reference?: string;
}

export class ReversePaymentDto {
  @ApiProperty({ example: '2026-05-25' })
  @IsBusinessDate()
  reversedOn: string;

  @ApiProperty({ example: 'cheque bounced', maxLength: 1000 })
  @Trim() @IsString() @MinLength(1) @MaxLength(1000)
  reason: string;
}

export class RecordedPaymentView extends PaymentEntryView {
  @ApiProperty({ format: 'uuid' }) saleId: string;
  @ApiProperty({ example: '300000.00', description: 'the sale’s payments net of reversals, after this entry' }) paid: string;
  @ApiProperty({ example: '2700000.00', description: 'netPrice − paid, after this entry' }) outstanding: string;
  @ApiProperty() createdAt: string;
}
