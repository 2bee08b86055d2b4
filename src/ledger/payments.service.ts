import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { Actor } from '../common/auth/role';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { dec, formatMoney } from '../common/money';
import { auditEntry, idempotencyScope, WriteRunner, WriteTransaction, written, Written } from '../database/write-runner';
import { EvaluationEngine } from '../evaluation/evaluation-engine';
import { toRecordedPaymentView } from './sale-view';
import { paymentRefusalError, RecordPayments } from './use-cases/record-payments';
import { refuseBefore, refuseFutureDate } from '../common/business-dates';
import { SalesRepository } from '../sales/sales.repository';
import { RecordPaymentDto, RecordedPaymentView, ReversePaymentDto } from '../payments/dto/payment.dto';
import { Payment } from '../payments/payment';
import { PaymentsRepository } from '../payments/payments.repository';
import { RefundsRepository } from '../payments/refunds.repository';

@Injectable()
export class PaymentsService {
  constructor(
    private readonly writes: WriteRunner,
    private readonly sales: SalesRepository,
    private readonly payments: PaymentsRepository,
    private readonly refunds: RefundsRepository,
    private readonly engine: EvaluationEngine,
    private readonly recordPayments: RecordPayments,
  ) {}

  /** A payment never takes `paid` over the net price; payments of one sale queue on the sale's lock. */
  record(actor: Actor, saleId: string, dto: RecordPaymentDto, idempotencyKey: string | undefined): Promise<RecordedPaymentView> {
    const request = { scope: idempotencyScope(actor, 'POST /api/sales/{saleId}/payments', { saleId }), key: idempotencyKey, body: dto };
    return this.writes.runIdempotent(actor, request, async (tx) => {
      const command = { saleId, amount: dec(dto.amount), receivedOn: dto.receivedOn, kind: dto.kind, reference: dto.reference ?? null };
      const { value: [outcome], audit } = await this.recordPayments.record(tx, [command]);
      if ('refused' in outcome) throw paymentRefusalError(outcome.refused[0]);
      return { value: outcome.recorded, audit };
    });
  }

  /** A reversal is a new negative entry; the payment it reverses stays, and is reversed at most once. */
  reverse(actor: Actor, saleId: string, paymentId: string, dto: ReversePaymentDto): Promise<RecordedPaymentView> {
    return this.writes.run(actor, async (tx) => {
      const sale = await this.sales.within(tx).lockById(saleId);
      const original = await this.payments.within(tx).findInSale(saleId, paymentId);
      if (!original) throw DomainError.notFound('payment', paymentId);
      if (original.reversalOf) throw DomainError.rule(`entry ${paymentId} is itself a reversal; record a new payment instead`);
      if (await this.payments.within(tx).reversalOf(paymentId)) {
        throw new DomainError(ErrorCode.PAYMENT_ALREADY_REVERSED, `payment ${paymentId} has already been reversed`);
      }
      refuseFutureDate(tx.clock, 'reversedOn', dto.reversedOn);
      refuseBefore('reversedOn', dto.reversedOn, original.receivedOn, 'the payment’s date');
      if (sale.status === 'CANCELLED') {
        // What a cancelled sale keeps (forfeited) and has refunded must stay covered by what was paid.
        const paidAfter = (await this.payments.within(tx).paidOn(saleId)).minus(original.amount);
        const covered = sale.forfeited.plus(await this.refunds.within(tx).refundedOn(saleId));
        if (paidAfter.lt(covered)) {
          throw DomainError.rule(
            `reversing ${formatMoney(original.amount)} would leave ${formatMoney(paidAfter)} paid, less than the forfeited and refunded ${formatMoney(covered)}`,
            [{ field: 'paymentId', problem: 'its reversal would leave less paid than was forfeited and refunded' }],
          );
        }
      }
      const reversal = await this.payments.within(tx).append({
        saleId, amount: original.amount.negated(), receivedOn: dto.reversedOn, kind: original.kind, reference: original.reference,
        reversalOf: original.id, reason: dto.reason, createdAt: tx.clock.now(), createdBy: actor.id,
      });
      return this.finish(tx, 'payment.reversed', reversal, sale.netPrice);
    });
  }

  private async finish(tx: WriteTransaction, action: string, entry: Payment, netPrice: Decimal): Promise<Written<RecordedPaymentView>> {
    const paid = await this.payments.within(tx).paidOn(entry.saleId);
    await this.engine.judgeLive(tx, [entry.saleId]);
    const view = toRecordedPaymentView(entry, paid, netPrice);
    return written(view, auditEntry(action, 'sale', entry.saleId, view));
  }
}
