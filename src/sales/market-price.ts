import Decimal from 'decimal.js';
import { shiftDate } from '../common/business-dates';
import { dec, formatMoney } from '../common/money';

export type MarketMethod = 'UNIT_APPRAISAL' | 'COMPARABLE_SALES' | 'PROJECT_EVIDENCE';

export interface MarketEvidence {
  id: string;
  asOf: string;
  pricePerSqm: Decimal;
  source: string;
  /** UNIT, UNIT_TYPE or PROJECT */
  scope: string;
}

/** The arm's-length sales that qualify as comparables, summed (they may be thousands). */
export interface Comparables {
  count: number;
  totalNetPrice: Decimal;
  totalArea: Decimal;
  /** The first MAX_BASIS_IDS of them, in contract-date order. */
  saleIds: string[];
}

export const NO_COMPARABLES: Comparables = { count: 0, totalNetPrice: dec(0), totalArea: dec(0), saleIds: [] };

export interface MarketPriceInputs {
  saleableArea: Decimal;
  contractDate: string;
  /** Latest evidence for the unit itself with asOf ≤ contract date. */
  unitAppraisal: MarketEvidence | null;
  /** Active arm's-length sales of the same project and unit type within the window, this sale excluded. */
  comparables: Comparables;
  /** Latest unit-type evidence, else whole-project evidence, with asOf ≤ contract date. */
  projectEvidence: MarketEvidence | null;
  minComparables: number;
  comparableWindowDays: number;
}

export interface MarketPrice {
  price: string;
  pricePerSqm: string;
  method: MarketMethod;
  basis: Record<string, unknown>;
}

/** How many comparable sale ids a basis lists; the count is always complete. */
export const MAX_BASIS_IDS = 50;

function fromEvidence(method: MarketMethod, evidence: MarketEvidence, area: Decimal): MarketPrice {
  return {
    price: formatMoney(evidence.pricePerSqm.times(area)),
    pricePerSqm: formatMoney(evidence.pricePerSqm),
    method,
    basis: { evidenceId: evidence.id, asOf: evidence.asOf, source: evidence.source, scope: evidence.scope },
  };
}

/**
 * The market price of a sale as of its contract date (SPEC §4.2): the unit's
 * own appraisal, else the area-weighted average of enough comparable sales,
 * else project evidence, else none.
 */
export function marketPriceOf(inputs: MarketPriceInputs): MarketPrice | null {
  const area = inputs.saleableArea;
  if (inputs.unitAppraisal) return fromEvidence('UNIT_APPRAISAL', inputs.unitAppraisal, area);

  const { comparables } = inputs;
  if (comparables.count >= inputs.minComparables && comparables.totalArea.gt(0)) {
    const averagePerSqm = comparables.totalNetPrice.div(comparables.totalArea);
    return {
      price: formatMoney(averagePerSqm.times(area)),
      pricePerSqm: formatMoney(averagePerSqm),
      method: 'COMPARABLE_SALES',
      basis: {
        count: comparables.count,
        windowDays: inputs.comparableWindowDays,
        from: shiftDate(inputs.contractDate, -inputs.comparableWindowDays),
        to: shiftDate(inputs.contractDate, inputs.comparableWindowDays),
        saleIds: comparables.saleIds.slice(0, MAX_BASIS_IDS),
        ...(comparables.count > MAX_BASIS_IDS ? { saleIdsTruncated: true } : {}),
      },
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
export function varianceOf(netPrice: Decimal.Value, marketPrice: string | null): Variance | null {
  if (marketPrice === null) return null;
  const market = dec(marketPrice);
  if (market.isZero()) return null;
  const amount = dec(netPrice).minus(market);
  return { amount: formatMoney(amount), pct: formatMoney(amount.div(market).times(100)) };
}


/** A sale as the comparables search sees it. */
export interface SaleForComparison {
  id: string;
  unitType: string;
  contractDate: string;
  netPrice: Decimal;
  saleableArea: Decimal;
  /** Active and arm's length: may serve as a comparable for others. */
  comparable: boolean;
}
