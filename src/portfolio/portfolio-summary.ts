import Decimal from 'decimal.js';
import { formatMoney, sum } from '../common/money';
import { OpenFlagCountsView, PortfolioFiguresView, PortfolioSummaryView } from './dto/portfolio.dto';

/** What the ledger holds for one project as of a date, aggregated by the database (SPEC §5 summary definitions). */
export interface LedgerFigures {
  unitsTotal: number;
  unitsSold: number;
  contractValue: Decimal;
  cashReceived: Decimal;
  relatedPartyReceivables: Decimal;
  marketShortfall: Decimal;
  openFlags: Array<{ type: string; severity: string; count: number }>;
}

export interface ProjectLedgerFigures extends LedgerFigures {
  projectId: string;
  code: string;
  name: string;
  currency: string;
}

/** Counts keyed in code-unit order, as the liquidation report keys them. */
function countsBy(groups: LedgerFigures['openFlags'], key: 'type' | 'severity'): Record<string, number> {
  const counts = new Map<string, number>();
  for (const group of groups) counts.set(group[key], (counts.get(group[key]) ?? 0) + group.count);
  return Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function openFlagCounts(groups: LedgerFigures['openFlags']): OpenFlagCountsView {
  return {
    total: groups.reduce((total, group) => total + group.count, 0),
    byType: countsBy(groups, 'type'),
    bySeverity: countsBy(groups, 'severity'),
  };
}

/**
 * Receivables are what the sales included still owe: Σ (net price − paid) over
 * them, which is exactly contract value − cash received, so the report's
 * invariant holds to the cent by construction, per project and in total.
 */
function toFiguresView(figures: LedgerFigures): PortfolioFiguresView {
  return {
    unitsTotal: figures.unitsTotal,
    unitsSold: figures.unitsSold,
    unitsUnsold: figures.unitsTotal - figures.unitsSold,
    contractValue: formatMoney(figures.contractValue),
    cashReceived: formatMoney(figures.cashReceived),
    receivables: formatMoney(figures.contractValue.minus(figures.cashReceived)),
    relatedPartyReceivables: formatMoney(figures.relatedPartyReceivables),
    marketShortfall: formatMoney(figures.marketShortfall),
    openFlags: openFlagCounts(figures.openFlags),
  };
}

/** The exact sums of some projects' figures (all of one currency). */
function totalOf(projects: ProjectLedgerFigures[]): LedgerFigures {
  const total = (pick: (figures: LedgerFigures) => Decimal) => sum(projects.map(pick));
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
    projects: projects.map(({ projectId, code, name, currency, ...figures }) => ({ projectId, code, name, currency, ...toFiguresView(figures) })),
    totals: currencies.map((currency) => ({ currency, ...toFiguresView(totalOf(projects.filter((project) => project.currency === currency))) })),
  };
}
