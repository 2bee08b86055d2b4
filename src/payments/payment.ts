import Decimal from 'decimal.js';

export const PAYMENT_KINDS = ['DEPOSIT', 'INSTALLMENT', 'MORTGAGE', 'BALANCE'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];

/** A ledger entry of a sale: a payment (amount > 0) or the reversal of one (amount < 0, reversalOf set). */
export interface Payment {
  id: string;
  saleId: string;
  amount: Decimal;
  receivedOn: string;
  kind: PaymentKind;
  reference: string | null;
  reversalOf: string | null;
  reason: string | null;
  createdAt: Date;
}
