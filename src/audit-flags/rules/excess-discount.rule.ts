import { dec, formatMoney } from '../../common/money';
import { Finding, RuleSettings, SaleFacts } from './flag-types';

/**
 * The net price is below the lowest price the batch published for the unit:
 * its list price less the batch's largest published discount. Exactly at
 * that price is a published deal and does not fire.
 */
export function excessDiscountRule(facts: SaleFacts, _settings: RuleSettings): Finding<'EXCESS_DISCOUNT'> | null {
  const { batch } = facts;
  if (!facts.listPrice || !batch) return null;
  const listPrice = dec(facts.listPrice);
  const netPrice = dec(facts.netPrice);
  const lowestPublishedPrice = listPrice.times(dec(100).minus(batch.largestDiscountPct)).div(100);
  if (!netPrice.lt(lowestPublishedPrice)) return null;
  return {
    type: 'EXCESS_DISCOUNT',
    severity: 'MEDIUM',
    evidence: {
      listPrice: formatMoney(listPrice),
      batchNo: batch.batchNo,
      priceListId: batch.priceListId,
      largestDiscountPct: formatMoney(batch.largestDiscountPct),
      lowestPublishedPrice: formatMoney(lowestPublishedPrice),
      netPrice: formatMoney(netPrice),
      excessDiscount: formatMoney(lowestPublishedPrice.minus(netPrice)),
      discountPct: formatMoney(listPrice.minus(netPrice).div(listPrice).times(100)),
      asOf: facts.asOf,
    },
  };
}
