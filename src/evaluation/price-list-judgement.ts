import { Finding } from '../audit-flags/flag-types';
import { groupBy } from '../common/group-by';
import { dec } from '../common/money';
import { latestTypeOrProjectEvidence } from '../pricing/evidence-lookup';
import { priceListAverages } from '../pricing/price-list-averages';
import { PriceListDiscountEntity, PriceListEntity } from '../pricing/price-list.entity';
import { PriceListItemRow } from '../pricing/price-lists.repository';
import { ProjectSettings } from '../projects/project-settings';
import { priceBelowEarlierBatchRule } from './rules/price-below-earlier-batch.rule';
import { BatchFacts } from './rules/rule-facts';

/** What the batch rule concludes about one price list. */
export interface PriceListJudgement {
  priceListId: string;
  findings: Finding[];
}

/**
 * PRICE_BELOW_EARLIER_BATCH over every batch of a project: a batch posted
 * late with an earlier issue date changes what its neighbours are compared
 * with, so the whole project is judged each time.
 */
export function judgePriceLists(
  lists: PriceListEntity[],
  items: PriceListItemRow[],
  discounts: PriceListDiscountEntity[],
  evidenceOn: ReturnType<typeof latestTypeOrProjectEvidence>,
  settings: ProjectSettings,
): PriceListJudgement[] {
  const itemsOf = groupBy(items, (item) => item.priceListId);
  const discountsOf = groupBy(discounts, (discount) => discount.priceListId);
  const batches: BatchFacts[] = lists.map((list) => ({
    priceListId: list.id,
    batchNo: list.batchNo,
    issuedOn: list.issuedOn,
    postedAt: list.createdAt.toISOString(),
    byUnitType: priceListAverages(itemsOf.get(list.id) ?? [], discountsOf.get(list.id) ?? []).byUnitType.map((type) => ({
      unitType: type.unitType,
      averageNetPricePerSqm: dec(type.averageNetPricePerSqm),
    })),
  }));
  const marketAt = (unitType: string, onOrBefore: string) => {
    const piece = evidenceOn(unitType, onOrBefore);
    return piece && { id: piece.id, asOf: piece.asOf, pricePerSqm: piece.pricePerSqm };
  };
  return batches.map((batch) => ({ priceListId: batch.priceListId, findings: priceBelowEarlierBatchRule(batch, batches, marketAt, settings) }));
}
