import { Finding } from '../../audit-flags/flag-types';
import { dec, formatMoney } from '../../common/money';
import { RuleSettings, SaleFacts } from './rule-facts';

/**
 * The net price is below the lowest price the batch offered these buyers: its
 * list price less the deepest discount they could get (every stackable
 * discount they are eligible for, with at most one non-stackable one; STAFF
 * discounts only for insiders and related buyers). Exactly at that price is a
 * published deal and does not fire.
 */
export function excessDiscountRule(facts: SaleFacts, _settings: RuleSettings): Finding<'EXCESS_DISCOUNT'> | null {
  const { discounts } = facts;
  if (!facts.listPrice || !discounts) return null;
  const listPrice = dec(facts.listPrice);
  const netPrice = dec(facts.netPrice);
  const lowestPublishedPrice = listPrice.times(dec(100).minus(discounts.combinedPct)).div(100);
  if (!netPrice.lt(lowestPublishedPrice)) return null;
  return {
    type: 'EXCESS_DISCOUNT',
    severity: 'MEDIUM',
    evidence: {
      listPrice: formatMoney(listPrice),
      batchNo: discounts.batchNo,
      priceListId: discounts.priceListId,
      buyerIsStaff: discounts.buyerIsStaff,
      discounts: discounts.discounts,
      largestDiscountPct: formatMoney(discounts.combinedPct),
      lowestPublishedPrice: formatMoney(lowestPublishedPrice),
      netPrice: formatMoney(netPrice),
      excessDiscount: formatMoney(lowestPublishedPrice.minus(netPrice)),
      discountPct: formatMoney(listPrice.minus(netPrice).div(listPrice).times(100)),
      asOf: facts.asOf,
    },
  };
}
