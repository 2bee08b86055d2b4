import { Injectable } from '@nestjs/common';
import { decideFlagChanges } from '../audit-flags/flag-changes';
import { AppliedChanges, FlagWriter, SubjectChange } from '../audit-flags/flag-writer';
import { FlagsRepository } from '../audit-flags/flags.repository';
import { BatchFacts, PRICE_LIST_FLAG_TYPES } from '../audit-flags/rules/flag-types';
import { priceBelowEarlierBatchRule } from '../audit-flags/rules/price-below-earlier-batch.rule';
import { groupBy } from '../common/group-by';
import { dec } from '../common/money';
import { WriteTransaction } from '../database/write-runner';
import { ProjectSettings } from '../projects/project-settings';
import { latestTypeOrProjectEvidence } from './evidence-lookup';
import { MarketPricesRepository } from './market-prices.repository';
import { priceListAverages } from './price-list-averages';
import { PriceListsRepository } from './price-lists.repository';

/**
 * The price-list rule (PRICE_BELOW_EARLIER_BATCH) over every batch of a
 * project: a batch posted late with an earlier issue date changes what its
 * neighbours are compared with, so the whole project is judged each time.
 */
@Injectable()
export class PriceListRules {
  constructor(
    private readonly priceLists: PriceListsRepository,
    private readonly marketPrices: MarketPricesRepository,
    private readonly flags: FlagsRepository,
    private readonly writer: FlagWriter,
  ) {}

  async apply(tx: WriteTransaction, projectId: string, settings: ProjectSettings, asOf: string): Promise<AppliedChanges & { priceLists: number }> {
    const lists = await this.priceLists.within(tx).allOfProject(projectId);
    const ids = lists.map((list) => list.id);
    const items = groupBy(await this.priceLists.within(tx).itemsOf(ids), (item) => item.priceListId);
    const discounts = groupBy(await this.priceLists.within(tx).discountsOf(ids), (discount) => discount.priceListId);
    const batches: BatchFacts[] = lists.map((list) => ({
      priceListId: list.id,
      batchNo: list.batchNo,
      issuedOn: list.issuedOn,
      postedAt: list.createdAt.toISOString(),
      byUnitType: priceListAverages(items.get(list.id) ?? [], (discounts.get(list.id) ?? []).map((d) => d.percent)).byUnitType.map(
        (type) => ({ unitType: type.unitType, averageNetPricePerSqm: dec(type.averageNetPricePerSqm) }),
      ),
    }));
    const evidenceOn = latestTypeOrProjectEvidence(await this.marketPrices.within(tx).typeAndProjectEvidence(projectId));
    const marketAt = (unitType: string, onOrBefore: string) => {
      const piece = evidenceOn(unitType, onOrBefore);
      return piece && { id: piece.id, asOf: piece.asOf, pricePerSqm: piece.pricePerSqm };
    };
    const existing = groupBy(await this.flags.within(tx).ofPriceLists(ids), (flag) => flag.priceListId!);
    const changes: SubjectChange[] = batches.flatMap((batch) =>
      decideFlagChanges(existing.get(batch.priceListId) ?? [], priceBelowEarlierBatchRule(batch, batches, marketAt, settings), PRICE_LIST_FLAG_TYPES)
        .map((change) => ({ projectId, saleId: null, priceListId: batch.priceListId, change })),
    );
    return { ...(await this.writer.apply(tx, changes, asOf)), priceLists: lists.length };
  }
}
