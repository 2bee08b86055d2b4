import { Injectable } from '@nestjs/common';
import { Actor } from '../common/auth/role';
import { refuseBefore, refuseFutureDate } from '../common/business-dates';
import { DomainError, ErrorCode, FieldProblem } from '../common/errors/domain-error';
import { dec, formatMoney } from '../common/money';
import { Page } from '../common/validation/pagination.dto';
import { WriteRunner, WriteTransaction } from '../database/write-runner';
import { PartiesRepository } from '../parties/parties.repository';
import { PriceListsRepository, UnitListPrice } from '../pricing/price-lists.repository';
import { UnitsRepository } from '../units/units.repository';
import { EvaluationEngine } from '../evaluation/evaluation-engine';
import { CancellationDto, HandoverDto, RecordSaleDto, SalesQuery } from '../sales/dto/sale.dto';
import { NewSale } from '../sales/sale';
import { SalesRepository } from '../sales/sales.repository';
import { PaymentsRepository } from '../payments/payments.repository';
import { SaleView } from './dto/sale-view.dto';
import { SaleViews } from './sale-views';

@Injectable()
export class SalesService {
  constructor(
    private readonly writes: WriteRunner,
    private readonly units: UnitsRepository,
    private readonly parties: PartiesRepository,
    private readonly priceLists: PriceListsRepository,
    private readonly sales: SalesRepository,
    private readonly payments: PaymentsRepository,
    private readonly engine: EvaluationEngine,
    private readonly views: SaleViews,
  ) {}

  /** Records a sale and has the evaluation engine judge it at once: the answer carries its market price and flags. */
  record(actor: Actor, dto: RecordSaleDto, idempotencyKey: string | undefined): Promise<SaleView> {
    const request = { scope: `${actor.id} POST /api/sales`, key: idempotencyKey, body: dto };
    return this.writes.runIdempotent(actor, request, async (tx) => {
      const found = await this.units.within(tx).findWithSettings(dto.unitId);
      if (!found) throw DomainError.unknownReference('unitId', dto.unitId, 'unit');
      const { unit } = found;
      refuseFutureDate(tx.clock, 'contractDate', dto.contractDate);
      await this.knownParties(tx, dto);
      const listing = await this.priceLists.within(tx).findUnitListPriceOn(unit.id, dto.contractDate);
      const discountCodes = dto.discountCodes ?? [];
      refuseUnpublishedDiscounts(listing, discountCodes);

      const facts: NewSale = {
        projectId: unit.projectId,
        unitId: unit.id,
        unitType: unit.unitType,
        saleableArea: unit.saleableArea,
        contractDate: dto.contractDate,
        listPrice: dto.listPrice !== undefined ? dec(dto.listPrice) : (listing?.listPrice ?? null),
        netPrice: dec(dto.netPrice),
        priceListId: listing?.priceListId ?? null,
        discountCodes,
        referrerPartyId: dto.referrerPartyId ?? null,
        note: dto.note ?? null,
        createdAt: tx.clock.now(),
        createdBy: actor.id,
      };
      const saleId = await this.sales.within(tx).insert(facts, dto.buyerPartyIds);
      await this.engine.judgeLive(tx, [saleId]);
      const view = await this.views.one(saleId, tx);
      tx.record('sale.recorded', 'sale', saleId, view);
      return view;
    });
  }

  get(saleId: string): Promise<SaleView> {
    return this.views.one(saleId);
  }

  async list(query: SalesQuery): Promise<Page<SaleView>> {
    const page = await this.sales.list(
      { projectId: query.projectId, buyerPartyId: query.buyerPartyId, status: query.status, flagged: query.flagged },
      query.limit,
      query.offset,
    );
    return { items: await this.views.of(page.items), total: page.total };
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
      tx.record('sale.handed-over', 'sale', saleId, { handoverId, handedOverOn: dto.handedOverOn, occupied });
      return this.views.one(saleId, tx);
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
      tx.record('sale.cancelled', 'sale', saleId, {
        cancelledOn: dto.cancelledOn, reason: dto.reason, paid: formatMoney(paid), forfeited: formatMoney(forfeited),
        refundOwed: formatMoney(paid.minus(forfeited)),
      });
      return this.views.one(saleId, tx);
    });
  }

  /** The buyers and referrer, each of which must name a party. */
  private async knownParties(tx: WriteTransaction, dto: RecordSaleDto): Promise<void> {
    const ids = [...dto.buyerPartyIds, ...(dto.referrerPartyId ? [dto.referrerPartyId] : [])];
    const known = await this.parties.within(tx).namesOf(ids);
    const problems: FieldProblem[] = dto.buyerPartyIds
      .map((id, index) => ({ id, field: `buyerPartyIds[${index}]` }))
      .concat(dto.referrerPartyId ? [{ id: dto.referrerPartyId, field: 'referrerPartyId' }] : [])
      .filter(({ id }) => !known.has(id))
      .map(({ id, field }) => ({ field, problem: `no party ${id}` }));
    if (problems.length > 0) {
      throw new DomainError(ErrorCode.UNKNOWN_REFERENCE, problems.map((p) => `${p.field}: ${p.problem}`).join('; '), problems);
    }
  }
}

function refuseUnpublishedDiscounts(listing: UnitListPrice | null, codes: string[]): void {
  if (codes.length === 0) return;
  if (!listing) {
    throw DomainError.rule('discountCodes given, but no price list priced this unit on or before the contract date', [
      { field: 'discountCodes', problem: 'no price list applies' },
    ]);
  }
  const published = new Set(listing.discountCodes);
  const problems = codes
    .map((code, index) => ({ code, index }))
    .filter(({ code }) => !published.has(code))
    .map(({ code, index }) => ({ field: `discountCodes[${index}]`, problem: `${code} is not published in batch ${listing.batchNo}` }));
  if (problems.length > 0) {
    throw DomainError.rule(problems.map((p) => `${p.field}: ${p.problem}`).join('; '), problems);
  }
}
