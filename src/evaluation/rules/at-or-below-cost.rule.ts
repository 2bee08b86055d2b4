import { dec, formatMoney } from '../../common/money';
import { Finding } from '../../audit-flags/flag-types';
import { RuleSettings, SaleFacts } from './rule-facts';

/** Sold for no more than the unit's cost price: the margin is zero or negative. */
export function atOrBelowCostRule(facts: SaleFacts, _settings: RuleSettings): Finding<'AT_OR_BELOW_COST'> | null {
  if (!facts.costPrice) return null;
  const netPrice = dec(facts.netPrice);
  const costPrice = dec(facts.costPrice);
  if (netPrice.gt(costPrice)) return null;
  return {
    type: 'AT_OR_BELOW_COST',
    severity: 'MEDIUM',
    evidence: {
      netPrice: formatMoney(netPrice),
      costPrice: formatMoney(costPrice),
      margin: formatMoney(netPrice.minus(costPrice)),
      asOf: facts.asOf,
    },
  };
}
