import { formatMoney } from '../../common/money';
import { shiftDate } from '../../common/business-dates';
import { Finding, RuleSettings, SaleFacts } from './flag-types';
import { paidOnOrBefore } from './ledger-sums';

/**
 * Nothing (net of reversals) was paid by `depositDueDays` after the contract
 * date. Judged only once the due date has passed; a later payment does not
 * undo the fact that the deposit was missing when due.
 */
export function missingDepositRule(facts: SaleFacts, settings: RuleSettings): Finding<'MISSING_DEPOSIT'> | null {
  if (facts.status !== 'ACTIVE') return null;
  const dueDate = shiftDate(facts.contractDate, settings.depositDueDays);
  if (facts.asOf <= dueDate) return null;
  const paidByDueDate = paidOnOrBefore(facts.payments, dueDate);
  if (paidByDueDate.gt(0)) return null;
  return {
    type: 'MISSING_DEPOSIT',
    severity: 'MEDIUM',
    evidence: {
      contractDate: facts.contractDate,
      depositDueDays: settings.depositDueDays,
      dueDate,
      paidByDueDate: formatMoney(paidByDueDate),
      paidToDate: formatMoney(paidOnOrBefore(facts.payments, facts.asOf)),
      asOf: facts.asOf,
    },
  };
}
