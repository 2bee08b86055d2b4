import Decimal from 'decimal.js';
import { dec, formatMoney } from '../common/money';

export const DISCOUNT_ELIGIBILITIES = ['ALL', 'STAFF'] as const;
export type DiscountEligibility = (typeof DISCOUNT_ELIGIBILITIES)[number];

/** A discount scheme as a price list publishes it. */
export interface PublishedDiscount {
  code: string;
  percent: Decimal.Value;
  /** Stacks with every other stackable discount and with one non-stackable one. */
  stackable: boolean;
  /** `STAFF`: only for buyers who are insiders of the developer or related to one. */
  eligibility: DiscountEligibility;
}

/** How one published discount counts towards the deepest price a buyer could get. */
export interface DiscountUse {
  code: string;
  percent: string;
  stackable: boolean;
  eligibility: DiscountEligibility;
  counted: boolean;
  /** Why it counts or does not, in a few words. */
  why: 'STACKS' | 'LARGEST_NON_STACKABLE' | 'SMALLER_NON_STACKABLE' | 'STAFF_ONLY';
}

export interface DiscountCombination {
  /** 1 − Π (1 − pᵢ/100) over the discounts counted, × 100, exact. */
  combinedPct: Decimal;
  discounts: DiscountUse[];
}

function byCode(a: { code: string }, b: { code: string }): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/**
 * The deepest discount a buyer could get under a price list: every stackable
 * discount the buyer is eligible for, times at most one non-stackable one
 * (the largest), so (1 − p₁)(1 − p₂)…. A STAFF discount counts only for a
 * buyer who is an insider or related to one.
 */
export function combineDiscounts(published: PublishedDiscount[], buyerIsStaff: boolean): DiscountCombination {
  const eligible = (discount: PublishedDiscount) => discount.eligibility === 'ALL' || buyerIsStaff;
  const largestNonStackable = published
    .filter((discount) => !discount.stackable && eligible(discount))
    .reduce<PublishedDiscount | null>(
      (largest, discount) =>
        largest === null || dec(discount.percent).gt(largest.percent) || (dec(discount.percent).eq(largest.percent) && byCode(discount, largest) < 0)
          ? discount
          : largest,
      null,
    );
  let factor = dec(1);
  const discounts = [...published].sort(byCode).map((discount): DiscountUse => {
    const use = { code: discount.code, percent: formatMoney(discount.percent), stackable: discount.stackable, eligibility: discount.eligibility };
    if (!eligible(discount)) return { ...use, counted: false, why: 'STAFF_ONLY' };
    if (discount.stackable || discount === largestNonStackable) {
      factor = factor.times(dec(1).minus(dec(discount.percent).div(100)));
      return { ...use, counted: true, why: discount.stackable ? 'STACKS' : 'LARGEST_NON_STACKABLE' };
    }
    return { ...use, counted: false, why: 'SMALLER_NON_STACKABLE' };
  });
  return { combinedPct: dec(1).minus(factor).times(100), discounts };
}
