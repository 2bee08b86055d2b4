import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength,
} from 'class-validator';
import { IsBusinessDate } from '../../common/validation/date.validators';
import { IsMoney } from '../../common/validation/decimal.validators';
import { Trim } from '../../common/validation/field-rules';
import { PaginationQuery } from '../../common/validation/pagination.dto';
import { PAYMENT_KINDS, PaymentKind } from '../../payments/payment';
import { SALE_STATUSES, SaleStatus } from '../sale';

export class RecordSaleDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  unitId: string;

  @ApiProperty({ type: [String], format: 'uuid', description: 'one to ten parties, each once' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @ArrayUnique() @IsUUID('all', { each: true })
  buyerPartyIds: string[];

  @ApiProperty({ example: '2026-05-18' })
  @IsBusinessDate()
  contractDate: string;

  @ApiProperty({ example: '3000000.00', description: 'the contract price after every discount' })
  @IsMoney()
  netPrice: string;

  @ApiPropertyOptional({
    example: '4200000.00',
    description: 'defaults to the unit’s price in the latest price list issued on or before the contract date',
  })
  @IsOptional() @IsMoney()
  listPrice?: string;

  @ApiPropertyOptional({ type: [String], example: ['FULL-PAYMENT'], description: 'discount schemes of that price list' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ArrayUnique() @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(40, { each: true })
  discountCodes?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'the party who introduced the buyer' })
  @IsOptional() @IsUUID('all')
  referrerPartyId?: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(1000)
  note?: string;
}

export class SalesQuery extends PaginationQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUUID('all')
  projectId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUUID('all')
  buyerPartyId?: string;

  @ApiPropertyOptional({ enum: SALE_STATUSES })
  @IsOptional() @IsIn(SALE_STATUSES)
  status?: SaleStatus;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'only sales with an open flag, or only those without' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'flagged must be true or false' })
  flagged?: boolean;
}

export class HandoverDto {
  @ApiProperty({ example: '2026-06-01', description: 'the day the keys were handed over' })
  @IsBusinessDate()
  handedOverOn: string;

  @ApiPropertyOptional({ default: false, description: 'the buyer has moved in' })
  @IsOptional() @IsBoolean()
  occupied?: boolean;
}

export class CancellationDto {
  @ApiProperty({ example: '2026-07-01' })
  @IsBusinessDate()
  cancelledOn: string;

  @ApiProperty({ example: 'buyer withdrew; deposit refunded', maxLength: 1000 })
  @Trim() @IsString() @MinLength(1) @MaxLength(1000)
  reason: string;
}

export class BuyerView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class MarketView {
  @ApiProperty({ example: '4000000.00' }) price: string;
  @ApiProperty({ example: '44692.74' }) pricePerSqm: string;
  @ApiProperty({ enum: ['UNIT_APPRAISAL', 'COMPARABLE_SALES', 'PROJECT_EVIDENCE'] }) method: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the evidence used: ids, count, window' })
  basis: Record<string, unknown>;
}

export class VarianceView {
  @ApiProperty({ example: '-1000000.00', description: 'netPrice − market price; negative is below market' }) amount: string;
  @ApiProperty({ example: '-25.00', description: 'amount over market price × 100' }) pct: string;
}

export class PaymentEntryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '300000.00', description: 'negative for a reversal' }) amount: string;
  @ApiProperty({ example: '2026-05-20' }) receivedOn: string;
  @ApiProperty({ enum: PAYMENT_KINDS }) kind: PaymentKind;
  @ApiProperty({ nullable: true, type: String }) reference: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'the payment this entry reverses' }) reversalOf: string | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
}

export class SaleFlagView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'BELOW_MARKET' }) type: string;
  @ApiProperty({ example: 'HIGH' }) severity: string;
  @ApiProperty({ example: 'OPEN' }) status: string;
}

export class RelatedPartyFindingView {
  @ApiProperty() isRelated: boolean;
  @ApiProperty({ type: 'array', items: { type: 'array', items: { type: 'string' } }, example: [['<driver id>', 'PERSONAL_STAFF', '<CEO id>']] })
  paths: string[][];
}

export class SaleView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitNo: string;
  @ApiProperty({ type: [BuyerView] }) buyers: BuyerView[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) referrerPartyId: string | null;
  @ApiProperty({ example: '2026-05-18' }) contractDate: string;
  @ApiProperty({ enum: SALE_STATUSES }) status: SaleStatus;
  @ApiProperty({ nullable: true, type: String }) cancelledOn: string | null;
  @ApiProperty({ nullable: true, type: String }) cancelReason: string | null;
  @ApiProperty({ nullable: true, type: String, example: '4200000.00' }) listPrice: string | null;
  @ApiProperty({ example: '3000000.00' }) netPrice: string;
  @ApiProperty({ nullable: true, type: String, example: '28.57', description: '(list − net) / list × 100' }) discountPct: string | null;
  @ApiProperty({ type: [String] }) discountCodes: string[];
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) priceListId: string | null;
  @ApiProperty({ type: MarketView, nullable: true }) market: MarketView | null;
  @ApiProperty({ type: VarianceView, nullable: true }) variance: VarianceView | null;
  @ApiProperty({ example: '300000.00', description: 'payments net of reversals' }) paid: string;
  @ApiProperty({ example: '2700000.00', description: 'netPrice − paid' }) outstanding: string;
  @ApiProperty({ nullable: true, type: String }) handedOverOn: string | null;
  @ApiProperty() occupied: boolean;
  @ApiProperty({ type: RelatedPartyFindingView }) relatedParty: RelatedPartyFindingView;
  @ApiProperty({ type: [PaymentEntryView] }) payments: PaymentEntryView[];
  @ApiProperty({ type: [SaleFlagView] }) flags: SaleFlagView[];
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ description: 'when the market price and related-party finding were last evaluated' }) evaluatedAt: string;
}
