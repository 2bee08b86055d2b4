import Decimal from 'decimal.js';
import { dec, formatMoney, formatNullableMoney, percentOf, sum } from '../common/money';
import { varianceOf } from '../evaluation/market-price';
import { PaymentEntryView, RecordedPaymentView } from '../payments/dto/payment.dto';
import { Payment } from '../payments/payment';
import { Refund } from '../payments/refund';
import { Buyer, Handover, Sale } from '../sales/sale';
import { RefundView, SaleFlagView, SaleView } from './dto/sale-view.dto';

export function toPaymentEntryView(payment: Payment): PaymentEntryView {
  return {
    id: payment.id,
    amount: formatMoney(payment.amount),
    receivedOn: payment.receivedOn,
    kind: payment.kind,
    reference: payment.reference,
    reversalOf: payment.reversalOf,
    reason: payment.reason,
  };
}

/** A payment or reversal as its recording answers it: with the sale's paid and outstanding after it. */
export function toRecordedPaymentView(entry: Payment, paid: Decimal, netPrice: Decimal): RecordedPaymentView {
  return {
    ...toPaymentEntryView(entry),
    saleId: entry.saleId,
    paid: formatMoney(paid),
    outstanding: formatMoney(netPrice.minus(paid)),
    createdAt: entry.createdAt.toISOString(),
  };
}

export function toRefundView(refund: Refund): RefundView {
  return { id: refund.id, amount: formatMoney(refund.amount), paidOn: refund.paidOn, reference: refund.reference };
}

/** What a cancelled sale owes back to its buyer: paid − forfeited − refunded. */
export function refundOwedOf(paid: Decimal, forfeited: Decimal, refunded: Decimal): Decimal {
  return paid.minus(forfeited).minus(refunded);
}

/** The sale view (docs/api-guide.md, Sales): the facts, the market comparison, and the ledger derived from the entries. */
export function toSaleView(
  sale: Sale, buyers: Buyer[], payments: Payment[], handovers: Handover[], flags: SaleFlagView[], refunds: Refund[],
): SaleView {
  const paid = sum(payments.map((payment) => payment.amount));
  const cancelled = sale.status === 'CANCELLED';
  const forfeited = cancelled ? sale.forfeited : dec(0);
  const refunded = cancelled ? sum(refunds.map((refund) => refund.amount)) : dec(0);
  const detail = sale.detail ?? {};
  const market = sale.market && {
    price: formatMoney(sale.market.price),
    pricePerSqm: formatMoney(sale.market.pricePerSqm),
    method: sale.market.method,
    basis: sale.market.basis,
  };
  const firstHandover = handovers.reduce<Handover | null>(
    (first, handover) => (first === null || handover.handedOverOn < first.handedOverOn ? handover : first),
    null,
  );
  return {
    id: sale.id,
    projectId: sale.projectId,
    unitId: sale.unitId,
    unitNo: sale.unitNo,
    buyers,
    referrerPartyId: sale.referrerPartyId,
    contractDate: sale.contractDate,
    status: sale.status,
    cancelledOn: sale.cancelledOn,
    cancelReason: sale.cancelReason,
    listPrice: formatNullableMoney(sale.listPrice),
    netPrice: formatMoney(sale.netPrice),
    discountPct: sale.listPrice ? percentOf(sale.listPrice.minus(sale.netPrice), sale.listPrice) : null,
    discountCodes: sale.discountCodes,
    priceListId: sale.priceListId,
    market,
    variance: varianceOf(sale.netPrice, sale.market?.price ?? null),
    paid: formatMoney(paid),
    outstanding: formatMoney(sale.netPrice.minus(paid)),
    forfeited: formatMoney(forfeited),
    refunded: formatMoney(refunded),
    refundOwed: formatMoney(cancelled ? refundOwedOf(paid, forfeited, refunded) : 0),
    refunds: cancelled ? refunds.map(toRefundView) : [],
    handedOverOn: firstHandover?.handedOverOn ?? null,
    // The latest handover record says whether the buyer lives there now.
    occupied: handovers.length > 0 ? handovers[handovers.length - 1].occupied : false,
    costPrice: formatNullableMoney(sale.costPrice),
    relatedParty: { isRelated: sale.relatedParty, paths: sale.relatedPaths, parties: (detail.relatedParties as SaleView['relatedParty']['parties']) ?? {} },
    referrer: (detail.referrer as SaleView['referrer']) ?? null,
    discounts: (detail.discounts as SaleView['discounts']) ?? null,
    deposit: (detail.deposit as SaleView['deposit']) ?? null,
    payments: payments.map(toPaymentEntryView),
    flags,
    note: sale.note,
    createdAt: sale.createdAt.toISOString(),
    evaluatedAt: sale.evaluatedAt.toISOString(),
  };
}
