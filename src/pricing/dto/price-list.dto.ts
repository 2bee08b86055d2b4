import { IsOmittable } from '../../common/validation/field-rules';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsBusinessDate } from '../../common/validation/date.validators';
import { IsDiscountPercent, IsMoney } from '../../common/validation/decimal.validators';
import { DISCOUNT_ELIGIBILITIES, DiscountEligibility } from '../discount-combination';

export const MAX_DISCOUNTS_PER_LIST = 50;
export const MAX_ITEMS_PER_LIST = 5000;

const NOT_BLANK = /\S/;

export class PriceListDiscountDto {
  @ApiProperty({ example: 'EARLY-BIRD', description: 'unique within the list' })
  @IsString() @MinLength(1) @MaxLength(40)
  @Matches(NOT_BLANK, { message: 'code must not be blank' })
  code: string;

  @ApiProperty({ example: '2% off when the contract is signed within 7 days of release' })
  @IsString() @MinLength(1) @MaxLength(500)
  @Matches(NOT_BLANK, { message: 'description must not be blank' })
  description: string;

  @ApiProperty({ example: '2.00', description: 'percentage off the list price, 0 ≤ p < 100' })
  @IsDiscountPercent()
  percent: string;

  @ApiPropertyOptional({ default: false, description: 'stacks with every other stackable discount and with one non-stackable one' })
  @IsOmittable() @IsBoolean()
  stackable?: boolean;

  @ApiPropertyOptional({ enum: DISCOUNT_ELIGIBILITIES, default: 'ALL', description: 'STAFF: only for insiders of the developer and parties related to them' })
  @IsOmittable() @IsIn(DISCOUNT_ELIGIBILITIES)
  eligibility?: DiscountEligibility;
}

export class PriceListDiscountView {
  @ApiProperty({ example: 'EARLY-BIRD' }) code: string;
  @ApiProperty() description: string;
  @ApiProperty({ example: '2.00' }) percent: string;
  @ApiProperty() stackable: boolean;
  @ApiProperty({ enum: DISCOUNT_ELIGIBILITIES }) eligibility: DiscountEligibility;
}

export class PriceListItemDto {
  @ApiProperty({ example: '2-1801', description: 'a unit of the project; once per list' })
  @IsString() @MinLength(1) @MaxLength(40)
  unitNo: string;

  @ApiProperty({ example: '4000000.00' })
  @IsMoney()
  listPrice: string;
}

export class CreatePriceListDto {
  @ApiProperty({ example: 'B3', description: 'unique within the project' })
  @IsString() @MinLength(1) @MaxLength(40)
  @Matches(NOT_BLANK, { message: 'batchNo must not be blank' })
  batchNo: string;

  @ApiProperty({ example: '2026-03-15' })
  @IsBusinessDate()
  issuedOn: string;

  @ApiProperty({
    type: [PriceListDiscountDto],
    maxItems: MAX_DISCOUNTS_PER_LIST,
    description: 'the published discount schemes; may be empty',
  })
  @IsArray()
  @ArrayMaxSize(MAX_DISCOUNTS_PER_LIST)
  @IsObject({ each: true, message: 'each discount must be an object' })
  @ValidateNested({ each: true })
  @Type(() => PriceListDiscountDto)
  discounts: PriceListDiscountDto[];

  @ApiProperty({ type: [PriceListItemDto], minItems: 1, maxItems: MAX_ITEMS_PER_LIST })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ITEMS_PER_LIST)
  @IsObject({ each: true, message: 'each item must be an object' })
  @ValidateNested({ each: true })
  @Type(() => PriceListItemDto)
  items: PriceListItemDto[];
}

export class UnitTypeAveragesView {
  @ApiProperty({ example: '3BR' }) unitType: string;
  @ApiProperty({ example: 12 }) unitCount: number;
  @ApiProperty({ example: '1074.00' }) totalSaleableArea: string;
  @ApiProperty({ example: '44692.74', description: 'Σ list prices / Σ saleable areas' }) averageListPricePerSqm: string;
  @ApiProperty({ example: '43128.49', description: 'the same after the largest published discount (折实均价)' })
  averageNetPricePerSqm: string;
}

export class PriceListSummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ example: 'B3' }) batchNo: string;
  @ApiProperty({ example: '2026-03-15' }) issuedOn: string;
  @ApiProperty({ type: [PriceListDiscountView] }) discounts: PriceListDiscountView[];
  @ApiProperty({
    example: '3.50',
    description: 'the deepest discount open to every buyer: its stackable discounts combined with the largest non-stackable one; 0.00 when none',
  })
  largestDiscountPct: string;
  @ApiProperty({ example: 40 }) unitCount: number;
  @ApiProperty({ example: '3580.00' }) totalSaleableArea: string;
  @ApiProperty({ example: '41200.00', description: 'Σ list prices / Σ saleable areas' }) averageListPricePerSqm: string;
  @ApiProperty({ example: '39758.00', description: 'after the largest published discount (折实均价)' })
  averageNetPricePerSqm: string;
  @ApiProperty({ type: [UnitTypeAveragesView] }) byUnitType: UnitTypeAveragesView[];
  @ApiProperty() createdAt: string;
}

export class PriceListItemView {
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty({ example: '2-1801' }) unitNo: string;
  @ApiProperty({ example: '3BR' }) unitType: string;
  @ApiProperty({ example: '89.50' }) saleableArea: string;
  @ApiProperty({ example: '4000000.00' }) listPrice: string;
  @ApiProperty({ example: '3860000.00', description: 'after the largest published discount, half-up to cents' })
  netPrice: string;
}

export class PriceListView extends PriceListSummaryView {
  @ApiProperty({ type: [PriceListItemView], description: 'ordered by unit number' }) items: PriceListItemView[];
}
