import { ApiProperty } from '@nestjs/swagger';
import { IsBusinessDate } from '../../common/validation/date.validators';

export class PortfolioQuery {
  @ApiProperty({ example: '2026-06-30', description: 'sales signed by then and not cancelled by then; payments received by then' })
  @IsBusinessDate()
  asOf: string;
}

export class OpenFlagCountsView {
  @ApiProperty({ example: 3 }) total: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { BELOW_MARKET: 2, RELATED_PARTY_SALE: 1 } })
  byType: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { HIGH: 1, MEDIUM: 2 } })
  bySeverity: Record<string, number>;
}

/** The figures of a liquidation report summary (docs/api-guide.md, Liquidation reports), for one project or summed over all. */
export class PortfolioFiguresView {
  @ApiProperty() unitsTotal: number;
  @ApiProperty() unitsSold: number;
  @ApiProperty() unitsUnsold: number;
  @ApiProperty({ example: '15000000.00', description: 'net prices of the sales included' }) contractValue: string;
  @ApiProperty({ example: '12000000.00', description: 'payments received by the date, net of reversals' }) cashReceived: string;
  @ApiProperty({ example: '3000000.00', description: 'contractValue − cashReceived' }) receivables: string;
  @ApiProperty({ example: '3000000.00', description: 'outstanding on related-party sales that still owe' }) relatedPartyReceivables: string;
  @ApiProperty({ example: '1000000.00', description: 'Σ max(0, market price − net price)' }) marketShortfall: string;
  @ApiProperty({ type: OpenFlagCountsView, description: "the live register's OPEN flags of the sales included and of the price lists issued by the date (a liquidation report judges them as of its date)" })
  openFlags: OpenFlagCountsView;
}

export class PortfolioProjectView extends PortfolioFiguresView {
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'CNY', description: 'ISO 4217: every amount of the project is in it' }) currency: string;
}

export class PortfolioCurrencyTotalsView extends PortfolioFiguresView {
  @ApiProperty({ example: 'CNY', description: 'the currency of every project summed here' }) currency: string;
}

export class PortfolioSummaryView {
  @ApiProperty({ example: '2026-06-30' }) asOf: string;
  @ApiProperty({ example: '2026-06-30T09:00:00.000Z' }) generatedAt: string;
  @ApiProperty({ type: [PortfolioProjectView], description: 'every project, by code' }) projects: PortfolioProjectView[];
  @ApiProperty({
    type: [PortfolioCurrencyTotalsView],
    description: 'the figures of the projects summed one currency at a time, by currency code: amounts in different currencies are never added',
  })
  totals: PortfolioCurrencyTotalsView[];
}
