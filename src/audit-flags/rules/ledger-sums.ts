import Decimal from 'decimal.js';
import { sum } from '../../common/money';
import { SalePaymentFact } from './flag-types';

/** Payments net of reversals (negative entries) received on or before a date: what the ledger held that day. */
export function paidOnOrBefore(payments: SalePaymentFact[], date: string): Decimal {
  return sum(payments.filter((payment) => payment.receivedOn <= date).map((payment) => payment.amount));
}
