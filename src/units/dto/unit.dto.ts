import { IsOmittable } from '../../common/validation/field-rules';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsArea, IsMoney } from '../../common/validation/decimal.validators';
import { PaginationQuery } from '../../common/validation/pagination.dto';
import { UNIT_STATUSES, UnitStatus } from '../units.repository';

export const UNIT_NO_PATTERN = /^[^\s].{0,39}$/;

export class CreateUnitDto {
  @ApiProperty({ example: '2-1801', description: 'unique within the project' })
  @IsString() @MinLength(1) @MaxLength(40)
  @Matches(UNIT_NO_PATTERN, { message: 'unitNo must not start with a space' })
  unitNo: string;

  @ApiPropertyOptional({ example: '2' })
  @IsOmittable() @IsString() @MinLength(1) @MaxLength(40)
  building?: string;

  @ApiPropertyOptional({ example: 18 })
  @IsOmittable() @IsInt() @Min(-10) @Max(300)
  floor?: number;

  @ApiProperty({ example: '3BR', description: 'comparables and type-level evidence are matched on it' })
  @IsString() @MinLength(1) @MaxLength(40)
  unitType: string;

  @ApiProperty({ example: '89.50', description: 'square metres' })
  @IsArea()
  saleableArea: string;

  @ApiPropertyOptional({ example: '3000000.00', description: 'the developer’s cost of the unit' })
  @IsOmittable() @IsMoney()
  costPrice?: string;
}

export class UnitsQuery extends PaginationQuery {
  @ApiPropertyOptional({ example: '3BR' })
  @IsOmittable() @IsString() @MaxLength(40)
  unitType?: string;

  @ApiPropertyOptional({ enum: UNIT_STATUSES })
  @IsOmittable() @IsIn(UNIT_STATUSES)
  status?: UnitStatus;
}

export class UnitView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty() unitNo: string;
  @ApiProperty({ nullable: true, type: String }) building: string | null;
  @ApiProperty({ nullable: true, type: Number }) floor: number | null;
  @ApiProperty() unitType: string;
  @ApiProperty({ example: '89.50' }) saleableArea: string;
  @ApiProperty({ nullable: true, type: String, example: '3000000.00' }) costPrice: string | null;
  @ApiProperty({ enum: UNIT_STATUSES, description: 'SOLD while the unit has an active sale' }) status: UnitStatus;
  @ApiProperty() createdAt: string;
}
