import Decimal from 'decimal.js';
import { dec, formatMoney, roundHalfUp2 } from '../common/money';
import { MarketMethod, StoredMarketPrice } from '../sales/sale';
import { ComparableSelection } from './comparables';

export interface MarketEvidence {
  id: string;
  asOf: string;
  pricePerSqm: Decimal;
  source: string;
  /** UNIT, UNIT_TYPE or PROJECT */
  scope: string;
}

export interface MarketPriceInputs {
  saleableArea: Decimal;
  /** Latest evidence for the unit itself with asOf ≤ contract date. */
  unitAppraisal: MarketEvidence | null;
  /** The sale's comparables; asked for only when there is no appraisal. */
  comparables: () => ComparableSelection;
  /** Latest unit-type evidence, else whole-project evidence, with asOf ≤ contract date. */
  projectEvidence: MarketEvidence | null;
  minComparables: number;
}

function fromEvidence(method: MarketMethod, evidence: MarketEvidence, area: Decimal): StoredMarketPrice {
  return {
    price: roundHalfUp2(evidence.pricePerSqm.times(area)),
    pricePerSqm: roundHalfUp2(evidence.pricePerSqm),
    method,
    basis: { evidenceId: evidence.id, asOf: evidence.asOf, source: evidence.source, scope: evidence.scope },
  };
}

/** What a COMPARABLE_SALES market price says of its comparables: every one used and left out (up to MAX_LISTED each), and why. */
export function comparablesBasis(selection: ComparableSelection, minComparables: number): Record<string, unknown> {
  return {
    count: selection.count,
    candidates: selection.candidates,
    minComparables,
    windowDays: selection.windowDays,
    from: selection.from,
    to: selection.to,
    medianPricePerSqm: selection.medianPricePerSqm && formatMoney(selection.medianPricePerSqm),
    outlierPct: selection.outlierPct,
    comparables: selection.comparables,
    excluded: selection.excluded,
    ...(selection.count > selection.comparables.length ? { comparablesListed: selection.comparables.length } : {}),
    ...(selection.excludedCount > selection.excluded.length ? { excludedCount: selection.excludedCount } : {}),
  };
}

/**
 * The market price of a sale as of its contract date (docs/api-guide.md, The rules: market price): the unit's
 * own appraisal, else the area-weighted average of enough comparable sales,
 * else unit-type or project evidence, else none.
 */
export function marketPriceOf(inputs: MarketPriceInputs): StoredMarketPrice | null {
  const area = inputs.saleableArea;
  if (inputs.unitAppraisal) return fromEvidence('UNIT_APPRAISAL', inputs.unitAppraisal, area);

  const selection = inputs.comparables();
  if (selection.count >= inputs.minComparables && selection.totalArea.gt(0)) {
    const averagePerSqm = selection.totalNetPrice.div(selection.totalArea);
    return {
      price: roundHalfUp2(averagePerSqm.times(area)),
      pricePerSqm: roundHalfUp2(averagePerSqm),
      method: 'COMPARABLE_SALES',
      basis: comparablesBasis(selection, inputs.minComparables),
    };
  }

  if (inputs.projectEvidence) return fromEvidence('PROJECT_EVIDENCE', inputs.projectEvidence, area);
  return null;
}

export interface Variance {
  amount: string;
  pct: string;
}

/** `netPrice − market price` (negative = below market), and that over the market price × 100. */
export function varianceOf(netPrice: Decimal.Value, marketPrice: Decimal.Value | null): Variance | null {
  if (marketPrice === null) return null;
  const market = dec(marketPrice);
  if (market.isZero()) return null;
  const amount = dec(netPrice).minus(market);
  return { amount: formatMoney(amount), pct: formatMoney(amount.div(market).times(100)) };
}


