import Decimal from 'decimal.js';
import { formatMoney } from '../common/money';
import { ReportSummary } from './report.types';

/**
 * The sums a liquidation report's summary rests on (docs/api-guide.md, Liquidation reports), for one project
 * or several of one currency. The report adds them up over its sale lines; the
 * portfolio summary has the database add them up over every project.
 */
export interface SummaryFigures {
  unitsTotal: number;
  unitsSold: number;
  contractValue: Decimal;
  cashReceived: Decimal;
  relatedPartyReceivables: Decimal;
  marketShortfall: Decimal;
  /** Open flags counted by type and severity. */
  openFlags: Array<{ type: string; severity: string; count: number }>;
}

/** Counts keyed in code-unit order. */
function countsBy(groups: SummaryFigures['openFlags'], key: 'type' | 'severity'): Record<string, number> {
  const counts = new Map<string, number>();
  for (const group of groups) counts.set(group[key], (counts.get(group[key]) ?? 0) + group.count);
  return Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * The §5 summary from its sums, the one place both the report and the
 * portfolio summary write it: units unsold, receivables as contract value −
 * cash received (so the invariant holds to the cent by construction), money
 * as exact 2-decimal strings, open flags by type and by severity.
 */
export function summaryOf(figures: SummaryFigures): ReportSummary {
  return {
    unitsTotal: figures.unitsTotal,
    unitsSold: figures.unitsSold,
    unitsUnsold: figures.unitsTotal - figures.unitsSold,
    contractValue: formatMoney(figures.contractValue),
    cashReceived: formatMoney(figures.cashReceived),
    receivables: formatMoney(figures.contractValue.minus(figures.cashReceived)),
    relatedPartyReceivables: formatMoney(figures.relatedPartyReceivables),
    marketShortfall: formatMoney(figures.marketShortfall),
    openFlags: {
      total: figures.openFlags.reduce((total, group) => total + group.count, 0),
      byType: countsBy(figures.openFlags, 'type'),
      bySeverity: countsBy(figures.openFlags, 'severity'),
    },
  };
}
