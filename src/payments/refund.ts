import Decimal from 'decimal.js';

/** Money returned to the buyer of a cancelled sale (amount > 0); append-only, like payments. */
export interface Refund {
  id: string;
  saleId: string;
  amount: Decimal;
  paidOn: string;
  reference: string | null;
  createdAt: Date;
}

export type NewRefund = Omit<Refund, 'id'> & { createdBy: string };
