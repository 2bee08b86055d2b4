import Decimal from 'decimal.js';
import { sum } from '../common/money';
import { SummaryFigures, summaryOf } from '../liquidation-reports/report-summary';
import { PortfolioSummaryView } from './dto/portfolio.dto';

/** What the ledger holds for one project as of a date, aggregated by the database. */
export interface ProjectLedgerFigures extends SummaryFigures {
  projectId: string;
  code: string;
  name: string;
  currency: string;
}

/** The exact sums of some projects' figures (all of one currency). */
function totalOf(projects: ProjectLedgerFigures[]): SummaryFigures {
  const total = (pick: (figures: SummaryFigures) => Decimal) => sum(projects.map(pick));
  return {
    unitsTotal: projects.reduce((units, project) => units + project.unitsTotal, 0),
    unitsSold: projects.reduce((units, project) => units + project.unitsSold, 0),
    contractValue: total((figures) => figures.contractValue),
    cashReceived: total((figures) => figures.cashReceived),
    relatedPartyReceivables: total((figures) => figures.relatedPartyReceivables),
    marketShortfall: total((figures) => figures.marketShortfall),
    openFlags: projects.flatMap((project) => project.openFlags),
  };
}

/**
 * The portfolio summary from each project's figures: every project as it
 * stands, and their exact sums one currency at a time (in code order):
 * amounts in different currencies are never added.
 */
export function summarisePortfolio(asOf: string, generatedAt: Date, projects: ProjectLedgerFigures[]): PortfolioSummaryView {
  const currencies = [...new Set(projects.map((project) => project.currency))].sort();
  return {
    asOf,
    generatedAt: generatedAt.toISOString(),
    projects: projects.map(({ projectId, code, name, currency, ...figures }) => ({ projectId, code, name, currency, ...summaryOf(figures) })),
    totals: currencies.map((currency) => ({ currency, ...summaryOf(totalOf(projects.filter((project) => project.currency === currency))) })),
  };
}
