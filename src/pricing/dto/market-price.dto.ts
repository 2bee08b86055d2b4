import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { IsOmittable, IsNotGivenWith } from '../../common/validation/field-rules';
import { IsBusinessDate } from '../../common/validation/date.validators';
import { IsPricePerSqm } from '../../common/validation/decimal.validators';
import { PaginationQuery } from '../../common/validation/pagination.dto';
import { MARKET_PRICE_SCOPES, MARKET_PRICE_SOURCES, MarketPriceScope, MarketPriceSource } from '../market-price.entity';

/** Refuses the field when `other` is given too; put it on both so the error names both. */
const EVIDENCE_SCOPE = 'evidence is for one unit, one unit type, or the whole project';

export class RecordMarketPriceDto {
  @ApiProperty({ example: '2026-03-01', description: 'the date the evidence speaks for' })
  @IsBusinessDate()
  asOf: string;

  @ApiProperty({ example: '46000.00' })
  @IsPricePerSqm()
  pricePerSqm: string;

  @ApiProperty({ enum: MARKET_PRICE_SOURCES, example: 'APPRAISAL' })
  @IsIn(MARKET_PRICE_SOURCES)
  source: MarketPriceSource;

  @ApiPropertyOptional({ example: '2-1801', description: 'evidence for this one unit; not with unitType' })
  @IsOmittable() @IsString() @MinLength(1) @MaxLength(40)
  @IsNotGivenWith('unitType', EVIDENCE_SCOPE)
  unitNo?: string;

  @ApiPropertyOptional({ example: '3BR', description: 'evidence for every unit of this type; not with unitNo' })
  @IsOmittable() @IsString() @MinLength(1) @MaxLength(40)
  @IsNotGivenWith('unitNo', EVIDENCE_SCOPE)
  unitType?: string;

  @ApiPropertyOptional({ example: 'Appraisal report CBRE-2026-0311' })
  @IsOmittable() @IsString() @MinLength(1) @MaxLength(500)
  reference?: string;
}

export class MarketPricesQuery extends PaginationQuery {
  @ApiPropertyOptional({ example: '2-1801', description: 'evidence recorded for this unit' })
  @IsOmittable() @IsString() @MaxLength(40)
  unitNo?: string;

  @ApiPropertyOptional({ example: '3BR', description: 'evidence recorded for this unit type' })
  @IsOmittable() @IsString() @MaxLength(40)
  unitType?: string;

  @ApiPropertyOptional({ enum: MARKET_PRICE_SCOPES })
  @IsOmittable() @IsIn(MARKET_PRICE_SCOPES)
  scope?: MarketPriceScope;
}

export class MarketPriceView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ example: '2026-03-01' }) asOf: string;
  @ApiProperty({ example: '46000.00' }) pricePerSqm: string;
  @ApiProperty({ enum: MARKET_PRICE_SOURCES }) source: MarketPriceSource;
  @ApiProperty({ enum: MARKET_PRICE_SCOPES, description: 'UNIT when unitId is set, UNIT_TYPE when unitType is, else PROJECT' })
  scope: MarketPriceScope;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) unitId: string | null;
  @ApiProperty({ nullable: true, type: String }) unitNo: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'set on type-level evidence only' }) unitType: string | null;
  @ApiProperty({ nullable: true, type: String }) reference: string | null;
  @ApiProperty() createdAt: string;
}
