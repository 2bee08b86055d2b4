import Decimal from 'decimal.js';
import { dec, formatMoney } from '../../common/money';
import { Finding } from '../../audit-flags/flag-types';
import { BatchFacts, MarketEvidenceLookup, RuleSettings } from './rule-facts';

export type PriceBelowEarlierBatchFinding = Finding<'PRICE_BELOW_EARLIER_BATCH'> & { unitType: string };

interface MarketChange {
  evidence: {
    fromEvidenceId: string;
    fromAsOf: string;
    fromPricePerSqm: string;
    toEvidenceId: string;
    toAsOf: string;
    toPricePerSqm: string;
    changePct: string;
  };
  /** The rise reached `batchMarketRiseHighPct`, compared exactly: (to − from) × 100 ≥ threshold × from. */
  roseHigh: boolean;
}

interface EarlierBatchAbove {
  batch: BatchFacts;
  averageNetPricePerSqm: Decimal;
  marketChange: MarketChange | null;
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Release order: issue date, then posting time for batches issued the same day. */
function byRelease(a: BatchFacts, b: BatchFacts): number {
  return byCodeUnit(a.issuedOn, b.issuedOn) || Date.parse(a.postedAt) - Date.parse(b.postedAt);
}

function averageFor(batch: BatchFacts, unitType: string): Decimal | null {
  const entry = batch.byUnitType.find((candidate) => candidate.unitType === unitType);
  return entry ? dec(entry.averageNetPricePerSqm) : null;
}

function marketChangeBetween(
  unitType: string,
  earlier: BatchFacts,
  later: BatchFacts,
  marketAt: MarketEvidenceLookup,
  settings: RuleSettings,
): MarketChange | null {
  const from = marketAt(unitType, earlier.issuedOn);
  const to = marketAt(unitType, later.issuedOn);
  if (!from || !to) return null;
  const fromPrice = dec(from.pricePerSqm);
  if (fromPrice.lte(0)) return null;
  const rise = dec(to.pricePerSqm).minus(fromPrice);
  return {
    evidence: {
      fromEvidenceId: from.id,
      fromAsOf: from.asOf,
      fromPricePerSqm: formatMoney(fromPrice),
      toEvidenceId: to.id,
      toAsOf: to.asOf,
      toPricePerSqm: formatMoney(to.pricePerSqm),
      changePct: formatMoney(rise.div(fromPrice).times(100)),
    },
    roseHigh: rise.times(100).gte(fromPrice.times(settings.batchMarketRiseHighPct)),
  };
}

function findingForUnitType(
  batch: BatchFacts,
  unitType: string,
  averageNetPricePerSqm: Decimal,
  earlierBatches: BatchFacts[],
  marketAt: MarketEvidenceLookup,
  settings: RuleSettings,
): PriceBelowEarlierBatchFinding | null {
  const above: EarlierBatchAbove[] = earlierBatches.flatMap((earlier) => {
    const earlierAverage = averageFor(earlier, unitType);
    if (!earlierAverage || !earlierAverage.gt(averageNetPricePerSqm)) return [];
    return [{ batch: earlier, averageNetPricePerSqm: earlierAverage, marketChange: marketChangeBetween(unitType, earlier, batch, marketAt, settings) }];
  });
  if (above.length === 0) return null;

  const roseHigh = (candidate: EarlierBatchAbove): boolean => candidate.marketChange?.roseHigh ?? false;
  const high = above.some(roseHigh);
  // `above` is in release order, so the last candidate is the most recent one.
  const candidates = high ? above.filter(roseHigh) : above;
  const chosen = candidates[candidates.length - 1];
  const gapPerSqm = chosen.averageNetPricePerSqm.minus(averageNetPricePerSqm);
  return {
    type: 'PRICE_BELOW_EARLIER_BATCH',
    severity: high ? 'HIGH' : 'MEDIUM',
    unitType,
    evidence: {
      unitType,
      priceListId: batch.priceListId,
      batchNo: batch.batchNo,
      issuedOn: batch.issuedOn,
      averageNetPricePerSqm: formatMoney(averageNetPricePerSqm),
      earlierBatch: {
        priceListId: chosen.batch.priceListId,
        batchNo: chosen.batch.batchNo,
        issuedOn: chosen.batch.issuedOn,
        averageNetPricePerSqm: formatMoney(chosen.averageNetPricePerSqm),
      },
      gapPerSqm: formatMoney(gapPerSqm),
      gapPct: formatMoney(gapPerSqm.div(chosen.averageNetPricePerSqm).times(100)),
      marketChange: chosen.marketChange?.evidence ?? null,
      otherEarlierBatchesAbove: above.filter((candidate) => candidate !== chosen).map((candidate) => candidate.batch.batchNo),
      asOf: batch.issuedOn,
    },
  };
}

/** What a batch's unit type is compared with: the earlier batch its flag names, else the latest earlier batch pricing the type. */
export interface BatchComparison {
  unitType: string;
  averageNetPricePerSqm: string;
  comparedWith: { priceListId: string; batchNo: string; issuedOn: string; averageNetPricePerSqm: string } | null;
  gapPerSqm: string | null;
  gapPct: string | null;
  marketChange: { fromAsOf: string; fromPricePerSqm: string; toAsOf: string; toPricePerSqm: string; changePct: string } | null;
}

/**
 * Each unit type of a batch beside the earlier batch it is read against (the
 * time-reversal case at a glance, flagged or not): the one the rule's finding
 * names, else the most recent earlier batch that priced the type.
 */
export function batchComparisons(
  batch: BatchFacts,
  allBatches: BatchFacts[],
  marketAt: MarketEvidenceLookup,
  settings: RuleSettings,
  findings: PriceBelowEarlierBatchFinding[],
): BatchComparison[] {
  const earlierBatches = earlierThan(batch, allBatches);
  return batch.byUnitType.map(({ unitType, averageNetPricePerSqm }) => {
    const named = findings.find((finding) => finding.unitType === unitType)?.evidence.earlierBatch as { priceListId: string } | undefined;
    const earlier = named
      ? earlierBatches.find((candidate) => candidate.priceListId === named.priceListId)
      : [...earlierBatches].reverse().find((candidate) => averageFor(candidate, unitType) !== null);
    const own = dec(averageNetPricePerSqm);
    if (!earlier) return { unitType, averageNetPricePerSqm: formatMoney(own), comparedWith: null, gapPerSqm: null, gapPct: null, marketChange: null };
    const earlierAverage = averageFor(earlier, unitType)!;
    const gap = earlierAverage.minus(own);
    const change = marketChangeBetween(unitType, earlier, batch, marketAt, settings)?.evidence;
    return {
      unitType,
      averageNetPricePerSqm: formatMoney(own),
      comparedWith: { priceListId: earlier.priceListId, batchNo: earlier.batchNo, issuedOn: earlier.issuedOn, averageNetPricePerSqm: formatMoney(earlierAverage) },
      gapPerSqm: formatMoney(gap),
      gapPct: earlierAverage.gt(0) ? formatMoney(gap.div(earlierAverage).times(100)) : null,
      marketChange: change
        ? { fromAsOf: change.fromAsOf, fromPricePerSqm: change.fromPricePerSqm, toAsOf: change.toAsOf, toPricePerSqm: change.toPricePerSqm, changePct: change.changePct }
        : null,
    };
  });
}

/** The batches released before this one, in release order. */
function earlierThan(batch: BatchFacts, allBatches: BatchFacts[]): BatchFacts[] {
  return allBatches.filter((other) => other.priceListId !== batch.priceListId && byRelease(other, batch) < 0).sort(byRelease);
}

/**
 * A batch prices a unit type lower (average net price per m², after the
 * largest published discount) than an earlier batch of the project did: the
 * "time-reversal price". HIGH when the market evidence rose by at least
 * `batchMarketRiseHighPct` between the earlier batch and this one.
 */
export function priceBelowEarlierBatchRule(
  batch: BatchFacts,
  allBatches: BatchFacts[],
  marketAt: MarketEvidenceLookup,
  settings: RuleSettings,
): PriceBelowEarlierBatchFinding[] {
  const earlierBatches = earlierThan(batch, allBatches);
  return batch.byUnitType
    .map(({ unitType, averageNetPricePerSqm }) =>
      findingForUnitType(batch, unitType, dec(averageNetPricePerSqm), earlierBatches, marketAt, settings),
    )
    .filter((finding): finding is PriceBelowEarlierBatchFinding => finding !== null)
    .sort((a, b) => byCodeUnit(a.unitType, b.unitType));
}
