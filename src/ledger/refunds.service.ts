import { Injectable } from '@nestjs/common';
import { Actor } from '../common/auth/role';
import { refuseBefore, refuseFutureDate } from '../common/business-dates';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { dec, formatMoney } from '../common/money';
import { auditEntry, idempotencyScope, WriteRunner, written } from '../database/write-runner';
import { RecordRefundDto, RecordedRefundView } from '../payments/dto/refund.dto';
import { PaymentsRepository } from '../payments/payments.repository';
import { RefundsRepository } from '../payments/refunds.repository';
import { SalesRepository } from '../sales/sales.repository';
import { refundOwedOf } from './sale-view';

@Injectable()
export class RefundsService {
  constructor(
    private readonly writes: WriteRunner,
    private readonly sales: SalesRepository,
    private readonly payments: PaymentsRepository,
    private readonly refunds: RefundsRepository,
  ) {}

  /**
   * Money returned to the buyer of a cancelled sale, never more than is still
   * owed (paid − forfeited − refunded): refunds of one sale queue on the sale's
   * lock, so simultaneous refunds cannot together exceed it.
   */
  record(actor: Actor, saleId: string, dto: RecordRefundDto, idempotencyKey: string | undefined): Promise<RecordedRefundView> {
    const request = { scope: idempotencyScope(actor, 'POST /api/sales/{saleId}/refunds', { saleId }), key: idempotencyKey, body: dto };
    return this.writes.runIdempotent(actor, request, async (tx) => {
      const sale = await this.sales.within(tx).lockById(saleId);
      if (sale.status !== 'CANCELLED') throw DomainError.rule(`sale ${saleId} is not cancelled; only a cancelled sale is refunded`);
      refuseFutureDate(tx.clock, 'paidOn', dto.paidOn);
      refuseBefore('paidOn', dto.paidOn, sale.cancelledOn!, 'the cancellation date');
      const amount = dec(dto.amount);
      const paid = await this.payments.within(tx).paidOn(saleId);
      const owed = refundOwedOf(paid, sale.forfeited, await this.refunds.within(tx).refundedOn(saleId));
      if (amount.gt(owed)) {
        throw new DomainError(
          ErrorCode.REFUND_EXCEEDS_OWED,
          `refund of ${formatMoney(amount)} exceeds the refund owed, ${formatMoney(owed)}`,
          [{ field: 'amount', problem: `exceeds the refund owed, ${formatMoney(owed)}` }],
        );
      }
      const refund = await this.refunds.within(tx).append({
        saleId, amount, paidOn: dto.paidOn, reference: dto.reference ?? null, createdAt: tx.clock.now(), createdBy: actor.id,
      });
      const refunded = await this.refunds.within(tx).refundedOn(saleId);
      const view: RecordedRefundView = {
        id: refund.id,
        saleId,
        amount: formatMoney(refund.amount),
        paidOn: refund.paidOn,
        reference: refund.reference,
        paid: formatMoney(paid),
        forfeited: formatMoney(sale.forfeited),
        refunded: formatMoney(refunded),
        refundOwed: formatMoney(refundOwedOf(paid, sale.forfeited, refunded)),
        createdAt: refund.createdAt.toISOString(),
      };
      return written(view, auditEntry('sale.refunded', 'sale', saleId, view));
    });
  }
}
