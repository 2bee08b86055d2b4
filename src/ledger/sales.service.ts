import { Injectable } from '@nestjs/common';
import { Actor } from '../common/auth/role';
import { refuseBefore, refuseFutureDate } from '../common/business-dates';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { dec, formatMoney } from '../common/money';
import { Page } from '../common/validation/pagination.dto';
import { ReadReplica } from '../database/read-replica';
import { auditEntry, idempotencyScope, WriteRunner, written } from '../database/write-runner';
import { EvaluationEngine } from '../evaluation/evaluation-engine';
import { CancellationDto, HandoverDto, RecordSaleDto, SalesQuery } from '../sales/dto/sale.dto';
import { SalesRepository } from '../sales/sales.repository';
import { PaymentsRepository } from '../payments/payments.repository';
import { SaleView } from './dto/sale-view.dto';
import { SaleViews } from './sale-views';
import { RecordSales, SaleCommand } from './use-cases/record-sales';

@Injectable()
export class SalesService {
  constructor(
    private readonly writes: WriteRunner,
    private readonly recordSales: RecordSales,
    private readonly sales: SalesRepository,
    private readonly payments: PaymentsRepository,
    private readonly engine: EvaluationEngine,
    private readonly views: SaleViews,
    private readonly replica: ReadReplica,
  ) {}

  /**
   * Records a sale and has the evaluation engine judge it at once: the answer
   * carries its market price and flags. Everything is read and judged before
   * one statement writes the sale, its flags and its audit-log entries.
   */
  record(actor: Actor, dto: RecordSaleDto, idempotencyKey: string | undefined): Promise<SaleView> {
    const request = { scope: idempotencyScope(actor, 'POST /api/sales'), key: idempotencyKey, body: dto };
    const command: SaleCommand = {
      unitId: dto.unitId, contractDate: dto.contractDate, netPrice: dec(dto.netPrice), listPrice: dto.listPrice !== undefined ? dec(dto.listPrice) : null,
      buyerPartyIds: dto.buyerPartyIds, discountCodes: dto.discountCodes ?? [], referrerPartyId: dto.referrerPartyId ?? null, note: dto.note ?? null,
    };
    return this.writes.runPlanned(actor, request, (context) => this.recordSales.plan(context, command), SalesRepository.asUnitSold);
  }

  get(saleId: string): Promise<SaleView> {
    return this.views.one(saleId);
  }

  /** From the read replica when there is one, the page and every sale's parts alike: a sale recorded a moment ago may not be listed yet. */
  list(query: SalesQuery): Promise<Page<SaleView>> {
    return this.replica.run(async (scope) => {
      const page = await this.sales.within(scope).list(
        { projectId: query.projectId, buyerPartyId: query.buyerPartyId, status: query.status, flagged: query.flagged },
        query.limit,
        query.offset,
      );
      return { items: await this.views.of(page.items, scope), total: page.total };
    });
  }

  handover(actor: Actor, saleId: string, dto: HandoverDto): Promise<SaleView> {
    return this.writes.run(actor, async (tx) => {
      const sale = await this.sales.within(tx).lockById(saleId);
      if (sale.status !== 'ACTIVE') throw DomainError.rule(`sale ${saleId} is cancelled; its unit cannot be handed over`);
      refuseFutureDate(tx.clock, 'handedOverOn', dto.handedOverOn);
      refuseBefore('handedOverOn', dto.handedOverOn, sale.contractDate, 'the contract date');
      const occupied = dto.occupied ?? false;
      const handoverId = await this.sales.within(tx).insertHandover(saleId, dto.handedOverOn, occupied, tx.clock.now(), actor.id);
      await this.engine.judgeLive(tx, [saleId]);
      const handedOver = auditEntry('sale.handed-over', 'sale', saleId, { handoverId, handedOverOn: dto.handedOverOn, occupied });
      return written(await this.views.one(saleId, tx), handedOver);
    });
  }

  cancel(actor: Actor, saleId: string, dto: CancellationDto): Promise<SaleView> {
    return this.writes.run(actor, async (tx) => {
      const sale = await this.sales.within(tx).lockById(saleId);
      if (sale.status === 'CANCELLED') {
        throw new DomainError(ErrorCode.SALE_ALREADY_CANCELLED, `sale ${saleId} was cancelled on ${sale.cancelledOn}`);
      }
      refuseFutureDate(tx.clock, 'cancelledOn', dto.cancelledOn);
      refuseBefore('cancelledOn', dto.cancelledOn, sale.contractDate, 'the contract date');
      // A cancelled sale takes no payments: none may be dated after its cancellation either (what is forfeited is what was paid by then).
      const lastReceived = await this.payments.within(tx).lastReceivedOn(saleId);
      if (lastReceived !== null) refuseBefore('cancelledOn', dto.cancelledOn, lastReceived, 'the latest payment or reversal received, on');
      const forfeited = dec(dto.forfeitedAmount ?? '0');
      const paid = await this.payments.within(tx).paidOn(saleId);
      if (forfeited.gt(paid)) {
        throw new DomainError(
          ErrorCode.FORFEIT_EXCEEDS_PAID,
          `forfeitedAmount ${formatMoney(forfeited)} exceeds what was paid, ${formatMoney(paid)}`,
          [{ field: 'forfeitedAmount', problem: `exceeds what was paid, ${formatMoney(paid)}` }],
        );
      }
      await this.sales.within(tx).cancel(saleId, dto.cancelledOn, dto.reason, forfeited);
      await this.engine.judgeLive(tx, [saleId]);
      const cancelled = auditEntry('sale.cancelled', 'sale', saleId, {
        cancelledOn: dto.cancelledOn, reason: dto.reason, paid: formatMoney(paid), forfeited: formatMoney(forfeited),
        refundOwed: formatMoney(paid.minus(forfeited)),
      });
      return written(await this.views.one(saleId, tx), cancelled);
    });
  }
}
