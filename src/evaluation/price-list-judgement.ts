import { Finding } from '../audit-flags/flag-types';
import { groupBy } from '../common/group-by';
import { dec } from '../common/money';
import { latestTypeOrProjectEvidence } from '../pricing/evidence-lookup';
import { priceListAverages } from '../pricing/price-list-averages';
import { PriceListDiscountEntity, PriceListEntity } from '../pricing/price-list.entity';
import { PriceListItemRow } from '../pricing/price-lists.repository';
import { ProjectSettings } from '../projects/project-settings';
import { BatchComparison, batchComparisons, priceBelowEarlierBatchRule } from './rules/price-below-earlier-batch.rule';
import { BatchFacts } from './rules/rule-facts';

/** What the batch rule concludes about one price list, with each unit type's averages and what it was compared with. */
export interface PriceListJudgement {
  priceListId: string;
  batchNo: string;
  issuedOn: string;
  findings: Finding[];
  unitTypes: Array<BatchComparison & { unitCount: number; averageListPricePerSqm: string }>;
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
  const averages = new Map(lists.map((list) => [list.id, priceListAverages(itemsOf.get(list.id) ?? [], discountsOf.get(list.id) ?? []).byUnitType]));
  const batches: BatchFacts[] = lists.map((list) => ({
    priceListId: list.id,
    batchNo: list.batchNo,
    issuedOn: list.issuedOn,
    postedAt: list.createdAt.toISOString(),
    byUnitType: averages.get(list.id)!.map((type) => ({ unitType: type.unitType, averageNetPricePerSqm: dec(type.averageNetPricePerSqm) })),
  }));
  const marketAt = (unitType: string, onOrBefore: string) => {
    const piece = evidenceOn(unitType, onOrBefore);
    return piece && { id: piece.id, asOf: piece.asOf, pricePerSqm: piece.pricePerSqm };
  };
  return batches.map((batch) => {
    const findings = priceBelowEarlierBatchRule(batch, batches, marketAt, settings);
    const byType = new Map(averages.get(batch.priceListId)!.map((type) => [type.unitType, type]));
    return {
      priceListId: batch.priceListId,
      batchNo: batch.batchNo,
      issuedOn: batch.issuedOn,
      findings,
      unitTypes: batchComparisons(batch, batches, marketAt, settings, findings).map((comparison) => ({
        ...comparison,
        unitCount: byType.get(comparison.unitType)!.unitCount,
        averageListPricePerSqm: byType.get(comparison.unitType)!.averageListPricePerSqm,
      })),
    };
  });
}
