import { atOrBelowCostRule } from './at-or-below-cost.rule';
import { belowMarketRule } from './below-market.rule';
import { excessDiscountRule } from './excess-discount.rule';
import { Finding, SALE_FLAG_TYPES, SaleFlagType } from '../../audit-flags/flag-types';
import { RuleSettings, SaleFacts } from './rule-facts';
import { relatedReferrerRule } from './related-referrer.rule';
import { missingDepositRule } from './missing-deposit.rule';
import { relatedPartySaleRule } from './related-party-sale.rule';
import { unpaidPossessionRule } from './unpaid-possession.rule';

type SaleRuleBook = { [T in SaleFlagType]: (facts: SaleFacts, settings: RuleSettings) => Finding<T> | null };

/** One rule per sale flag type; the compiler refuses a type without its rule. */
const SALE_RULES: SaleRuleBook = {
  RELATED_PARTY_SALE: relatedPartySaleRule,
  BELOW_MARKET: belowMarketRule,
  AT_OR_BELOW_COST: atOrBelowCostRule,
  EXCESS_DISCOUNT: excessDiscountRule,
  RELATED_REFERRER: relatedReferrerRule,
  MISSING_DEPOSIT: missingDepositRule,
  UNPAID_POSSESSION: unpaidPossessionRule,
};

/** On a related-party sale every other flag is HIGH (docs/api-guide.md, The rules); the evidence keeps what the rule itself said. */
function escalatedByRelatedParty(finding: Finding<SaleFlagType>): Finding<SaleFlagType> {
  return {
    ...finding,
    severity: 'HIGH',
    evidence: { ...finding.evidence, baseSeverity: finding.severity, escalatedBy: 'RELATED_PARTY_SALE' },
  };
}

/** Every sale rule, in SALE_FLAG_TYPES order, with the related-party escalation applied. */
export function evaluateSaleRules(facts: SaleFacts, settings: RuleSettings): Finding<SaleFlagType>[] {
  const findings = SALE_FLAG_TYPES.map((type): Finding<SaleFlagType> | null => SALE_RULES[type](facts, settings)).filter(
    (finding): finding is Finding<SaleFlagType> => finding !== null,
  );
  if (!findings.some((finding) => finding.type === 'RELATED_PARTY_SALE')) return findings;
  return findings.map((finding) => (finding.type === 'RELATED_PARTY_SALE' ? finding : escalatedByRelatedParty(finding)));
}
