import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsString, IsUUID, MaxLength, MinLength,
} from 'class-validator';
import { IsBusinessDate } from '../../common/validation/date.validators';
import { IsMoney, IsMoneyOrZero } from '../../common/validation/decimal.validators';
import { IsOmittable, Trim } from '../../common/validation/field-rules';
import { PaginationQuery } from '../../common/validation/pagination.dto';
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
  @IsOmittable() @IsMoney()
  listPrice?: string;

  @ApiPropertyOptional({ type: [String], example: ['FULL-PAYMENT'], description: 'discount schemes of that price list' })
  @IsOmittable() @IsArray() @ArrayMaxSize(20) @ArrayUnique() @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(40, { each: true })
  discountCodes?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'the party who introduced the buyer' })
  @IsOmittable() @IsUUID('all')
  referrerPartyId?: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOmittable() @Trim() @IsString() @MinLength(1) @MaxLength(1000)
  note?: string;
}

export class SalesQuery extends PaginationQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOmittable() @IsUUID('all')
  projectId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOmittable() @IsUUID('all')
  buyerPartyId?: string;

  @ApiPropertyOptional({ enum: SALE_STATUSES })
  @IsOmittable() @IsIn(SALE_STATUSES)
  status?: SaleStatus;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'only sales with an open flag, or only those without' })
  @IsOmittable()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'flagged must be true or false' })
  flagged?: boolean;
}

export class HandoverDto {
  @ApiProperty({ example: '2026-06-01', description: 'the day the keys were handed over' })
  @IsBusinessDate()
  handedOverOn: string;

  @ApiPropertyOptional({ default: false, description: 'the buyer has moved in' })
  @IsOmittable() @IsBoolean()
  occupied?: boolean;
}

export class CancellationDto {
  @ApiProperty({ example: '2026-07-01' })
  @IsBusinessDate()
  cancelledOn: string;

  @ApiProperty({ example: 'buyer withdrew; deposit refunded', maxLength: 1000 })
  @Trim() @IsString() @MinLength(1) @MaxLength(1000)
  reason: string;

  @ApiPropertyOptional({
    example: '50000.00',
    default: '0.00',
    description: 'what the developer keeps: at most what was paid, net of reversals; the rest is a refund owed to the buyer',
  })
  @IsOmittable() @IsMoneyOrZero()
  forfeitedAmount?: string;
}

