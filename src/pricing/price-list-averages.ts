import Decimal from 'decimal.js';
import { dec, formatMoney, roundHalfUp2, sum } from '../common/money';
import { groupBy } from '../common/group-by';
import { PublishedDiscount, combineDiscounts } from './discount-combination';

/** One unit as a price list prices it: everything a list publishes is computed from these. */
export interface PricedUnit {
  unitType: string;
  saleableArea: Decimal.Value;
  listPrice: Decimal.Value;
}

export interface AreaWeightedAverages {
  unitCount: number;
  totalSaleableArea: string;
  averageListPricePerSqm: string;
  /** After the largest published discount (折实均价). */
  averageNetPricePerSqm: string;
}

export interface UnitTypeAverages extends AreaWeightedAverages {
  unitType: string;
}

export interface PriceListAverages extends AreaWeightedAverages {
  /** The deepest discount any buyer could get: the stackable discounts open to all, with the largest non-stackable one. */
  largestDiscountPct: string;
  byUnitType: UnitTypeAverages[];
}

/** A list price after a discount, rounded half-up to cents. */
export function netListPrice(listPrice: Decimal.Value, discountPct: Decimal.Value): Decimal {
  return roundHalfUp2(dec(listPrice).times(netFactor(discountPct)));
}

function netFactor(discountPct: Decimal.Value): Decimal {
  return dec(1).minus(dec(discountPct).div(100));
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Σ prices / Σ areas, weighted by area. The discount is one factor for every
 * unit, so Σ (price × factor) = factor × Σ price exactly; only the final
 * figures are rounded.
 */
function areaWeighted(units: PricedUnit[], factor: Decimal): AreaWeightedAverages {
  const totalArea = sum(units.map((unit) => unit.saleableArea));
  const totalListPrice = sum(units.map((unit) => unit.listPrice));
  return {
    unitCount: units.length,
    totalSaleableArea: formatMoney(totalArea),
    averageListPricePerSqm: formatMoney(totalListPrice.div(totalArea)),
    averageNetPricePerSqm: formatMoney(totalListPrice.times(factor).div(totalArea)),
  };
}

/**
 * The published averages of a price list, overall and per unit type (ordered
 * by unit type). A price list prices at least one unit; every area is > 0.
 */
export function priceListAverages(units: PricedUnit[], discounts: PublishedDiscount[]): PriceListAverages {
  if (units.length === 0) throw new RangeError('a price list prices at least one unit');
  const largest = combineDiscounts(discounts, false).combinedPct;
  const factor = netFactor(largest);
  const unitsByType = groupBy(units, (unit) => unit.unitType);
  const byUnitType = [...unitsByType.keys()]
    .sort(byCodeUnit)
    .map((unitType) => ({ unitType, ...areaWeighted(unitsByType.get(unitType)!, factor) }));
  return { largestDiscountPct: formatMoney(largest), ...areaWeighted(units, factor), byUnitType };
}
