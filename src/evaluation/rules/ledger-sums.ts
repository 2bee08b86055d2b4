import Decimal from 'decimal.js';
import { dec, formatMoney, sum } from '../../common/money';
import { shiftDate } from '../../common/business-dates';
import { RuleSettings, SaleFacts, SalePaymentFact } from './rule-facts';

/** Payments net of reversals (negative entries) received on or before a date: what the ledger held that day. */
export function paidOnOrBefore(payments: SalePaymentFact[], date: string): Decimal {
  return sum(payments.filter((payment) => payment.receivedOn <= date).map((payment) => payment.amount));
}

/** What the deposit rule weighs: the payments received by the due date, each net of any reversal of it. */
export interface DepositPosition {
  dueDate: string;
  minDepositPct: string;
  required: Decimal;
  paidByDueDate: Decimal;
  entries: Array<{ paymentId: string; receivedOn: string; kind: string; amount: string; reversedOn: string | null }>;
}

/**
 * MISSING_DEPOSIT's measure (docs/api-guide.md, The rules): payments received within
 * `depositDueDays` of the contract date, less the reversals of those payments
 * (whenever they were recorded, up to the judging date: a reversed deposit
 * was never a deposit), against `minDepositPct` of the net price.
 */
export function depositPosition(facts: SaleFacts, settings: RuleSettings): DepositPosition {
  const dueDate = shiftDate(facts.contractDate, settings.depositDueDays);
  const reversals = new Map(facts.payments.filter((entry) => entry.reversalOf).map((entry) => [entry.reversalOf!, entry]));
  const byDueDate = facts.payments.filter((entry) => !entry.reversalOf && entry.receivedOn <= dueDate);
  const net = (entry: SalePaymentFact) => (reversals.has(entry.id) ? dec(0) : dec(entry.amount));
  return {
    dueDate,
    minDepositPct: formatMoney(settings.minDepositPct),
    required: dec(facts.netPrice).times(settings.minDepositPct).div(100),
    paidByDueDate: sum(byDueDate.map(net)),
    entries: byDueDate.map((entry) => ({
      paymentId: entry.id,
      receivedOn: entry.receivedOn,
      kind: entry.kind,
      amount: formatMoney(entry.amount),
      reversedOn: reversals.get(entry.id)?.receivedOn ?? null,
    })),
  };
}
