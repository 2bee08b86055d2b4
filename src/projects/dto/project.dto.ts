import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsObject, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsPercent } from '../../common/validation/decimal.validators';
import { IsCurrencyCode } from '../../common/validation/currency.validators';
import { IsOmittable } from '../../common/validation/field-rules';
import { IsTimeZone, TIME_ZONE_MAX_LENGTH } from '../../common/validation/time-zone.validators';
import { ProjectSettings } from '../project-settings';
import { defaultTimeZoneFor } from '../time-zone';

/** The default zone for each currency, in words, from the rule itself. */
const DEFAULT_ZONES = `${defaultTimeZoneFor('CNY')} for CNY, ${defaultTimeZoneFor('HKD')} for HKD, ${defaultTimeZoneFor('USD')} for any other currency`;

/** Overrides of the rule thresholds: any subset of them; a given one must be a valid value (null is refused). */
export class ProjectSettingsDto implements Partial<ProjectSettings> {
  @ApiPropertyOptional({ default: 3, minimum: 1, maximum: 6, description: 'longest chain of relations to an insider' })
  @IsOmittable() @IsInt() @Min(1) @Max(6)
  relatedPartyMaxHops?: number;

  @ApiPropertyOptional({ default: 3, minimum: 1, maximum: 100 })
  @IsOmittable() @IsInt() @Min(1) @Max(100)
  minComparables?: number;

  @ApiPropertyOptional({ default: 90, minimum: 1, maximum: 3650 })
  @IsOmittable() @IsInt() @Min(1) @Max(3650)
  comparableWindowDays?: number;

  @ApiPropertyOptional({ default: '10.00', description: 'BELOW_MARKET fires this far under the market' })
  @IsOmittable() @IsPercent()
  belowMarketPct?: string;

  @ApiPropertyOptional({ default: '30.00', description: 'BELOW_MARKET is HIGH from this shortfall' })
  @IsOmittable() @IsPercent()
  belowMarketHighPct?: string;

  @ApiPropertyOptional({ default: 7, minimum: 0, maximum: 365 })
  @IsOmittable() @IsInt() @Min(0) @Max(365)
  depositDueDays?: number;

  @ApiPropertyOptional({ default: '5.00', description: 'MISSING_DEPOSIT fires when less than this share of the net price is paid by the due date' })
  @IsOmittable() @IsPercent()
  minDepositPct?: string;

  @ApiPropertyOptional({ default: '15.00', description: 'a candidate comparable this far above or below the candidates’ median price per m² is an outlier' })
  @IsOmittable() @IsPercent()
  comparableOutlierPct?: string;

  @ApiPropertyOptional({ default: '10.00', description: 'PRICE_BELOW_EARLIER_BATCH is HIGH when market evidence rose this much' })
  @IsOmittable() @IsPercent()
  batchMarketRiseHighPct?: string;
}

export class CreateProjectDto {
  @ApiProperty({ example: 'SZ-BAYVIEW-1', description: 'unique; letters, digits, ".", "_" and "-"' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, { message: 'code must be 1-40 letters, digits, ".", "_" or "-"' })
  code: string;

  @ApiProperty({ example: 'Bayview Garden Phase 1' })
  @IsString() @MinLength(1) @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'CNY', description: 'the ISO 4217 code of a currency in use (CNY for the renminbi, not RMB)' })
  @IsCurrencyCode()
  currency: string;

  @ApiPropertyOptional({
    example: 'Asia/Shanghai',
    maxLength: TIME_ZONE_MAX_LENGTH,
    description: 'the IANA time zone its business dates and report timestamps are shown in, as Node lists them (Asia/Hong_Kong, Europe/London…) or UTC; ' +
      `when left out, the zone of the currency: ${DEFAULT_ZONES}`,
  })
  @IsOmittable() @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ example: 'Shenzhen' })
  @IsOmittable() @IsString() @MinLength(1) @MaxLength(100)
  city?: string;

  @ApiPropertyOptional({ type: ProjectSettingsDto })
  @IsOmittable()
  @IsObject({ message: 'settings must be an object of threshold overrides' })
  @ValidateNested()
  @Type(() => ProjectSettingsDto)
  settings?: ProjectSettingsDto;
}

export class ProjectView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() currency: string;
  @ApiProperty({ example: 'Asia/Shanghai', description: 'the IANA time zone its business dates and report timestamps are shown in' })
  timeZone: string;
  @ApiProperty({ nullable: true, type: String }) city: string | null;
  @ApiProperty({ type: ProjectSettingsDto, description: 'effective thresholds (defaults plus overrides)' })
  settings: ProjectSettings;
  @ApiProperty() createdAt: string;
}
