import { Finding } from '../../audit-flags/flag-types';
import { formatMoney } from '../../common/money';
import { depositPosition } from './ledger-sums';
import { RuleSettings, SaleFacts } from './rule-facts';

/**
 * Less than `minDepositPct` of the net price was received (net of the
 * reversals of those payments) by `depositDueDays` after the contract date.
 * Judged only once the due date has passed; a later payment does not undo the
 * fact that the deposit was missing when due, and a reversal of the deposit
 * brings the flag back.
 */
export function missingDepositRule(facts: SaleFacts, settings: RuleSettings): Finding<'MISSING_DEPOSIT'> | null {
  if (facts.status !== 'ACTIVE') return null;
  const deposit = depositPosition(facts, settings);
  if (facts.asOf <= deposit.dueDate) return null;
  if (deposit.paidByDueDate.gte(deposit.required)) return null;
  return {
    type: 'MISSING_DEPOSIT',
    severity: 'MEDIUM',
    evidence: {
      contractDate: facts.contractDate,
      depositDueDays: settings.depositDueDays,
      dueDate: deposit.dueDate,
      netPrice: formatMoney(facts.netPrice),
      minDepositPct: deposit.minDepositPct,
      requiredDeposit: formatMoney(deposit.required),
      paidByDueDate: formatMoney(deposit.paidByDueDate),
      paymentsByDueDate: deposit.entries,
      asOf: facts.asOf,
    },
  };
}
