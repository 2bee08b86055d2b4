import { ApiProperty } from '@nestjs/swagger';
import { AGING_BUCKETS } from '../../liquidation-reports/report.types';

export class OverviewVarianceView {
  @ApiProperty({ example: '-1200000.00' }) amount: string;
  @ApiProperty({ example: '-28.57', description: 'percent of the market price' }) pct: string;
}

export class OverviewSaleView {
  @ApiProperty({ format: 'uuid' }) saleId: string;
  @ApiProperty() unitNo: string;
  @ApiProperty() unitType: string;
  @ApiProperty({ example: '2026-03-02' }) contractDate: string;
  @ApiProperty({ example: '89.50' }) saleableArea: string;
  @ApiProperty({ example: '3000000.00' }) netPrice: string;
  @ApiProperty({ example: '33519.55', description: 'net price / saleable area' }) netPricePerSqm: string;
  @ApiProperty({ nullable: true, type: String }) marketPrice: string | null;
  @ApiProperty({ nullable: true, type: String }) marketPricePerSqm: string | null;
  @ApiProperty({ type: OverviewVarianceView, nullable: true }) variance: OverviewVarianceView | null;
  @ApiProperty() paid: string;
  @ApiProperty() outstanding: string;
  @ApiProperty() relatedParty: boolean;
  @ApiProperty({ type: [String], description: 'types of its OPEN and CONFIRMED flags' }) flagTypes: string[];
  @ApiProperty({ description: 'it has an OPEN or CONFIRMED flag' }) flagged: boolean;
}

export class AgingBucketView {
  @ApiProperty({ enum: AGING_BUCKETS, description: 'days since the contract date' }) bucket: string;
  @ApiProperty() sales: number;
  @ApiProperty({ example: '4200000.00' }) outstanding: string;
}

export class ProjectOverviewView {
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty() currency: string;
  @ApiProperty() timeZone: string;
  @ApiProperty({ example: '2026-06-30', description: 'today in the project’s time zone: the date the aging is counted to' }) asOf: string;
  @ApiProperty({ type: [OverviewSaleView], description: 'every active sale, by contract date' }) sales: OverviewSaleView[];
  @ApiProperty({ type: [AgingBucketView], description: 'receivables (outstanding > 0) by aging bucket, every bucket listed' })
  receivablesAging: AgingBucketView[];
}
