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
  const earlierBatches = allBatches
    .filter((other) => other.priceListId !== batch.priceListId && byRelease(other, batch) < 0)
    .sort(byRelease);
  return batch.byUnitType
    .map(({ unitType, averageNetPricePerSqm }) =>
      findingForUnitType(batch, unitType, dec(averageNetPricePerSqm), earlierBatches, marketAt, settings),
    )
    .filter((finding): finding is PriceBelowEarlierBatchFinding => finding !== null)
    .sort((a, b) => byCodeUnit(a.unitType, b.unitType));
}
