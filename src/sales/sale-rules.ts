import { Injectable } from '@nestjs/common';
import { decideFlagChanges } from '../audit-flags/flag-changes';
import { AppliedChanges, FlagWriter, RaisedFlag, SubjectChange } from '../audit-flags/flag-writer';
import { FlagsRepository } from '../audit-flags/flags.repository';
import { SALE_FLAG_TYPES, SaleFacts } from '../audit-flags/rules/flag-types';
import { evaluateSaleRules } from '../audit-flags/rules/sale-rules';
import { groupBy } from '../common/group-by';
import { WriteTransaction } from '../database/write-runner';
import { Payment } from '../payments/payment';
import { PaymentsRepository } from '../payments/payments.repository';
import { PriceListsRepository } from '../pricing/price-lists.repository';
import { ProjectSettings } from '../projects/project-settings';
import { ProjectsRepository } from '../projects/projects.repository';
import { Handover, Sale } from './sale';
import { SalesRepository } from './sales.repository';

export type Batch = SaleFacts['batch'];

/** The batch of the price list a sale was priced from, as the rules judge it; none without a list. */
export function batchOf(listing: NonNullable<Batch> | null): Batch {
  return listing && { priceListId: listing.priceListId, batchNo: listing.batchNo, largestDiscountPct: listing.largestDiscountPct };
}

const RULES_CHUNK = 2000;

export function toSaleFacts(sale: Sale, payments: Payment[], handovers: Handover[], batch: Batch, asOf: string): SaleFacts {
  return {
    saleId: sale.id,
    status: sale.status,
    contractDate: sale.contractDate,
    netPrice: sale.netPrice,
    listPrice: sale.listPrice,
    batch,
    costPrice: sale.costPrice,
    market: sale.market,
    relatedParty: { isRelated: sale.relatedParty, paths: sale.relatedPaths },
    payments: payments.map((p) => ({ amount: p.amount, receivedOn: p.receivedOn })),
    handovers: handovers.map((h) => ({ handedOverOn: h.handedOverOn, occupied: h.occupied })),
    asOf,
  };
}

/**
 * Runs the sale rules (SPEC §4.3) over sales as they stand, judged on a date,
 * and raises, refreshes, reopens or clears their flags. Loads everything for
 * the whole set in a few queries, so an audit run costs the same per sale as
 * a single write.
 */
@Injectable()
export class SaleRules {
  constructor(
    private readonly projects: ProjectsRepository,
    private readonly sales: SalesRepository,
    private readonly payments: PaymentsRepository,
    private readonly priceLists: PriceListsRepository,
    private readonly flags: FlagsRepository,
    private readonly writer: FlagWriter,
  ) {}

  /** After a write to one sale: judged as of today. */
  async apply(tx: WriteTransaction, saleId: string): Promise<AppliedChanges> {
    const sale = await this.sales.within(tx).getById(saleId);
    const settings = await this.projects.within(tx).settingsOf(sale.projectId);
    return this.applyTo(tx, [sale], settings, tx.clock.today());
  }

  /**
   * Sales just recorded: they have no payments, handovers or flags yet and
   * their batches are known, so nothing needs reading. Returns the flags
   * raised, in the order of the sales.
   */
  async applyToRecorded(
    tx: WriteTransaction,
    recorded: Array<{ sale: Sale; batch: Batch }>,
    settings: ProjectSettings,
    asOf: string,
  ): Promise<RaisedFlag[]> {
    const changes = recorded.flatMap(({ sale, batch }) =>
      decideFlagChanges([], evaluateSaleRules(toSaleFacts(sale, [], [], batch, asOf), settings), SALE_FLAG_TYPES).map(
        (change): SubjectChange => ({ projectId: sale.projectId, saleId: sale.id, priceListId: null, change }),
      ),
    );
    return (await this.writer.applyListingRaised(tx, changes, asOf)).raised;
  }

  /** Many sales by id (imports), a few thousand at a time, their log entries appended as they go, so that memory stays bounded. */
  async applyToIds(tx: WriteTransaction, saleIds: string[], settings: ProjectSettings, asOf: string): Promise<AppliedChanges> {
    const total: AppliedChanges = { raised: 0, updated: 0, reopened: 0, cleared: 0 };
    for (let i = 0; i < saleIds.length; i += RULES_CHUNK) {
      const applied = await this.applyTo(tx, await this.sales.within(tx).byIds(saleIds.slice(i, i + RULES_CHUNK)), settings, asOf);
      for (const key of Object.keys(total) as Array<keyof AppliedChanges>) total[key] += applied[key];
      await tx.appendRecorded();
    }
    return total;
  }

  async applyTo(tx: WriteTransaction, sales: Sale[], settings: ProjectSettings, asOf: string): Promise<AppliedChanges> {
    const ids = sales.map((sale) => sale.id);
    const priceListIds = [...new Set(sales.flatMap((sale) => (sale.priceListId ? [sale.priceListId] : [])))];
    const entries = await this.payments.within(tx).entriesOf(ids);
    const handovers = await this.sales.within(tx).handoversOf(ids);
    const batches = await this.priceLists.within(tx).batchDiscounts(priceListIds);
    const existing = await this.flags.within(tx).ofSales(ids);
    const flagsBySale = groupBy(existing, (flag) => flag.saleId!);
    const changes: SubjectChange[] = [];
    for (const sale of sales) {
      const batch = sale.priceListId ? { priceListId: sale.priceListId, ...batches.get(sale.priceListId)! } : null;
      const facts = toSaleFacts(sale, entries.get(sale.id)!, handovers.get(sale.id)!, batch, asOf);
      const findings = evaluateSaleRules(facts, settings);
      for (const change of decideFlagChanges(flagsBySale.get(sale.id) ?? [], findings, SALE_FLAG_TYPES)) {
        changes.push({ projectId: sale.projectId, saleId: sale.id, priceListId: null, change });
      }
    }
    return this.writer.apply(tx, changes, asOf);
  }
}
