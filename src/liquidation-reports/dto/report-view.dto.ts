import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AGING_BUCKETS, REPORT_LANGUAGES } from '../report.types';

/**
 * The liquidation report as served in JSON (GET …/liquidation-reports/:reportId), for the contract: the
 * identity, totals, sales lines and receivables typed field by field; the other sections as documented objects.
 */
const looseObject = { type: 'object', additionalProperties: true } as const;

export class ReportPartyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Zhang San' }) name: string;
}

export class ReportOpenFlagCounts {
  @ApiProperty() total: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { RELATED_PARTY_SALE: 1 } }) byType: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { HIGH: 3, MEDIUM: 1 } }) bySeverity: Record<string, number>;
}

export class ReportSummaryView {
  @ApiProperty({ example: '42000000.00', description: 'Σ net prices of the sales included' }) contractValue: string;
  @ApiProperty({ example: '30000000.00' }) cashReceived: string;
  @ApiProperty({ example: '12000000.00', description: 'contractValue − cashReceived' }) receivables: string;
  @ApiProperty({ example: '3000000.00' }) relatedPartyReceivables: string;
  @ApiProperty({ example: '1050000.00', description: 'Σ (market − net) over the sales below market' }) marketShortfall: string;
  @ApiProperty() unitsTotal: number;
  @ApiProperty() unitsSold: number;
  @ApiProperty() unitsUnsold: number;
  @ApiProperty({ type: ReportOpenFlagCounts }) openFlags: ReportOpenFlagCounts;
}

export class ReportFlagView {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null: found as of the date, never raised in the register' }) id: string | null;
  @ApiProperty({ example: 'RELATED_PARTY_SALE' }) type: string;
  @ApiProperty({ example: 'HIGH' }) severity: string;
  @ApiProperty({ example: 'OPEN', description: 'as the register stood at the end of the as-of date' }) status: string;
}

export class ReportSaleLineView {
  @ApiProperty({ format: 'uuid' }) saleId: string;
  @ApiProperty() unitNo: string;
  @ApiProperty() unitType: string;
  @ApiProperty({ example: '89.50' }) saleableArea: string;
  @ApiProperty({ type: [ReportPartyView] }) buyers: ReportPartyView[];
  @ApiProperty({ type: ReportPartyView, nullable: true }) referrer: ReportPartyView | null;
  @ApiProperty({ example: '2026-03-02' }) contractDate: string;
  @ApiProperty({ nullable: true, type: String }) handedOverOn: string | null;
  @ApiProperty() occupied: boolean;
  @ApiProperty({ nullable: true, type: String }) listPrice: string | null;
  @ApiProperty({ example: '3000000.00' }) netPrice: string;
  @ApiProperty({ nullable: true, type: String }) marketPrice: string | null;
  @ApiProperty({ nullable: true, type: String, enum: ['UNIT_APPRAISAL', 'COMPARABLE_SALES', 'PROJECT_EVIDENCE'] }) marketMethod: string | null;
  @ApiProperty({ nullable: true, type: 'object', properties: { amount: { type: 'string' }, pct: { type: 'string' } }, required: ['amount', 'pct'] })
  variance: { amount: string; pct: string } | null;
  @ApiProperty() paid: string;
  @ApiProperty() outstanding: string;
  @ApiProperty() relatedParty: boolean;
  @ApiProperty({ type: 'array', items: looseObject, description: 'the payments received by the as-of date' }) payments: Array<Record<string, unknown>>;
  @ApiProperty({ type: [ReportFlagView] }) flags: ReportFlagView[];
  @ApiProperty({ type: [Number], description: 'the notes that explain this line' }) noteRefs: number[];
}

export class ReportReceivableView {
  @ApiProperty({ format: 'uuid' }) saleId: string;
  @ApiProperty() unitNo: string;
  @ApiProperty({ type: [String] }) debtors: string[];
  @ApiProperty({ example: '3000000.00' }) amount: string;
  @ApiProperty() daysOutstanding: number;
  @ApiProperty({ enum: AGING_BUCKETS }) agingBucket: string;
  @ApiProperty() relatedParty: boolean;
  @ApiProperty() occupied: boolean;
  @ApiProperty({ type: [Number] }) noteRefs: number[];
}


export class ReportChainHeadView {
  @ApiProperty() seq: number;
  @ApiProperty() hash: string;
  @ApiProperty({ nullable: true, type: String }) at: string | null;
  @ApiPropertyOptional({ description: 'Ed25519 over ledger-audit-head:v1:<seq>:<hash>, when the service signs heads' }) signature?: string;
}

export class LiquidationReportView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: [1] }) reportVersion: number;
  @ApiProperty({ ...looseObject, description: 'code, name, currency, time zone of the project' }) project: Record<string, unknown>;
  @ApiProperty({ example: '2026-11-30' }) asOf: string;
  @ApiProperty() generatedAt: string;
  @ApiProperty({ type: ReportPartyView }) generatedBy: ReportPartyView;
  @ApiProperty({ description: 'SHA-256 of the frozen content' }) sha256: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) previousReportId: string | null;
  @ApiProperty({ enum: REPORT_LANGUAGES }) lang: string;
  @ApiProperty({ type: ReportSummaryView }) summary: ReportSummaryView;
  @ApiProperty({ type: [ReportSaleLineView] }) sales: ReportSaleLineView[];
  @ApiProperty({ type: [ReportReceivableView] }) receivables: ReportReceivableView[];
  @ApiProperty({ type: 'array', items: looseObject, description: 'sales cancelled by the as-of date, with paid, forfeited, refunded, refund owed' })
  cancellations: Array<Record<string, unknown>>;
  @ApiProperty({ ...looseObject, description: 'the cancellations’ totals' }) cancellationTotals: Record<string, unknown>;
  @ApiProperty({ type: 'array', items: looseObject, description: 'the price lists’ flags as of the date' }) priceListFlags: Array<Record<string, unknown>>;
  @ApiProperty({ type: 'array', items: looseObject, description: 'each batch by unit type against the earlier batch and the market' }) priceLists: Array<Record<string, unknown>>;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'the notes, in the language asked' }) notes: Array<Record<string, unknown>>;
  @ApiProperty({ ...looseObject, nullable: true, description: 'against the latest report with an earlier as-of date' }) changesSincePrevious: Record<string, unknown> | null;
  @ApiProperty({ ...looseObject, description: 'what was recorded with a later date, up to generation' }) subsequentEvents: Record<string, unknown>;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) restatementOf: string | null;
  @ApiProperty({ ...looseObject, nullable: true }) restatement: Record<string, unknown> | null;
  @ApiPropertyOptional({ type: ReportChainHeadView }) auditChainHead?: ReportChainHeadView;
}

export class ReportListItemView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ example: '2026-11-30' }) asOf: string;
  @ApiProperty() generatedAt: string;
  @ApiProperty({ type: ReportPartyView }) generatedBy: ReportPartyView;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) previousReportId: string | null;
  @ApiProperty() sha256: string;
  @ApiProperty({ type: ReportSummaryView }) summary: ReportSummaryView;
}
