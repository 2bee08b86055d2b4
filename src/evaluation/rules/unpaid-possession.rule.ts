import { dec, formatMoney } from '../../common/money';
import { Finding } from '../../audit-flags/flag-types';
import { RuleSettings, SaleFacts } from './rule-facts';
import { paidOnOrBefore } from './ledger-sums';

/**
 * The keys were handed over (on or before the judging date) while part of
 * the price is still unpaid. Stops firing once the balance is paid.
 */
export function unpaidPossessionRule(facts: SaleFacts, _settings: RuleSettings): Finding<'UNPAID_POSSESSION'> | null {
  if (facts.status !== 'ACTIVE') return null;
  const handovers = facts.handovers.filter((handover) => handover.handedOverOn <= facts.asOf);
  if (handovers.length === 0) return null;
  const netPrice = dec(facts.netPrice);
  const paid = paidOnOrBefore(facts.payments, facts.asOf);
  const outstanding = netPrice.minus(paid);
  if (!outstanding.gt(0)) return null;

  const handedOverOn = handovers.map((handover) => handover.handedOverOn).reduce((earliest, date) => (date < earliest ? date : earliest));
  return {
    type: 'UNPAID_POSSESSION',
    severity: 'HIGH',
    evidence: {
      handedOverOn,
      occupied: handovers[handovers.length - 1].occupied,
      netPrice: formatMoney(netPrice),
      paidAtHandover: formatMoney(paidOnOrBefore(facts.payments, handedOverOn)),
      paid: formatMoney(paid),
      outstanding: formatMoney(outstanding),
      asOf: facts.asOf,
    },
  };
}
