import Decimal from 'decimal.js';
import { dayNumber, shiftDate } from '../common/business-dates';
import { dec, formatMoney } from '../common/money';

/** Why a candidate does not serve as a comparable (SPEC §4.2). */
export type ExclusionReason = 'RELATED' | 'CANCELLED' | 'CONFIRMED_ABNORMAL' | 'OUTLIER';

/** Another sale of the same project and unit type, as the comparables search sees it. */
export interface ComparableCandidate {
  saleId: string;
  unitNo: string;
  unitType: string;
  contractDate: string;
  saleableArea: Decimal;
  netPrice: Decimal;
  /** Why it can never serve on the evaluation date (cancelled by then, a related-party sale, confirmed abnormal), or null. */
  unfit: Exclude<ExclusionReason, 'OUTLIER'> | null;
}

export interface ComparableLine {
  saleId: string;
  unitNo: string;
  contractDate: string;
  saleableArea: string;
  netPrice: string;
  pricePerSqm: string;
}

export interface ExcludedLine {
  saleId: string;
  unitNo: string;
  reason: ExclusionReason;
}

/** The comparables of one sale: what was used, what was left out and why, and the sums the average is taken from. */
export interface ComparableSelection {
  windowDays: number;
  from: string;
  to: string;
  /** Every candidate in the window, this sale excepted. */
  candidates: number;
  /** Median net price per m² of the candidates that could serve (not related, cancelled or confirmed abnormal); null when none. */
  medianPricePerSqm: Decimal | null;
  outlierPct: string;
  count: number;
  totalNetPrice: Decimal;
  totalArea: Decimal;
  /** The comparables used, nearest in contract date first, at most MAX_LISTED. */
  comparables: ComparableLine[];
  /** The candidates left out, in contract-date order, at most MAX_LISTED. */
  excluded: ExcludedLine[];
  excludedCount: number;
}

/**
 * How many comparables and exclusions a basis lists; the counts and sums are
 * always complete. An ordinary window holds a few dozen sales; a launch of
 * hundreds lists the nearest in date.
 */
export const MAX_LISTED = 50;

/** Relative margin inside which a floating-point comparison is settled exactly. */
const CLOSE = 1e-9;

interface Entry {
  candidate: ComparableCandidate;
  day: number;
  pricePerSqm: Decimal;
  approx: number;
  netCents: bigint;
  areaCents: bigint;
}

const cents = (value: Decimal): bigint => BigInt(value.times(100).toFixed(0));

function byDayThenId(a: Entry, b: Entry): number {
  return a.day - b.day || (a.candidate.saleId < b.candidate.saleId ? -1 : a.candidate.saleId > b.candidate.saleId ? 1 : 0);
}

function lineOf(entry: Entry): ComparableLine {
  const { candidate } = entry;
  return {
    saleId: candidate.saleId,
    unitNo: candidate.unitNo,
    contractDate: candidate.contractDate,
    saleableArea: formatMoney(candidate.saleableArea),
    netPrice: formatMoney(candidate.netPrice),
    pricePerSqm: formatMoney(entry.pricePerSqm),
  };
}

/** The first index whose day is at least `day`. */
function lowerBound(entries: Entry[], day: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (entries[middle].day < day) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Is `value` below `bound` (or above, with `above`)? Floating point where it is clear, exact where it is close. */
function beyond(entry: Entry, bound: Decimal, boundApprox: number, above: boolean): boolean {
  const gap = above ? entry.approx - boundApprox : boundApprox - entry.approx;
  if (Math.abs(gap) > Math.abs(boundApprox) * CLOSE) return gap > 0;
  return above ? entry.pricePerSqm.gt(bound) : entry.pricePerSqm.lt(bound);
}

/** The entries nearest in day to `day`, at most `max`, nearest first (ties: the earlier, then by id). */
function nearest(entries: Entry[], day: number, max: number): Entry[] {
  let right = lowerBound(entries, day);
  let left = right - 1;
  const picked: Entry[] = [];
  while (picked.length < max && (left >= 0 || right < entries.length)) {
    const takeLeft = right >= entries.length || (left >= 0 && day - entries[left].day <= entries[right].day - day);
    picked.push(takeLeft ? entries[left--] : entries[right++]);
  }
  return picked;
}

/**
 * SPEC §4.2 comparables, the one implementation: for a sale, the other sales
 * of its project and unit type with contract dates within ± the window; left
 * out are related-party, cancelled and confirmed-abnormal sales, then outliers
 * (a net price per m² more than `outlierPct` above or below the median of the
 * candidates that could serve). Built once over a project's candidates, it
 * answers for any number of sales; the sums are exact, in cents.
 */
export class ComparablesIndex {
  private readonly byType = new Map<string, Entry[]>();
  private readonly outlierPct: Decimal;

  constructor(
    candidates: Iterable<ComparableCandidate>,
    private readonly settings: { comparableWindowDays: number; comparableOutlierPct: string },
  ) {
    this.outlierPct = dec(settings.comparableOutlierPct);
    for (const candidate of candidates) {
      const pricePerSqm = dec(candidate.netPrice).div(candidate.saleableArea);
      const entry: Entry = {
        candidate,
        day: dayNumber(candidate.contractDate),
        pricePerSqm,
        approx: pricePerSqm.toNumber(),
        netCents: cents(candidate.netPrice),
        areaCents: cents(candidate.saleableArea),
      };
      const list = this.byType.get(candidate.unitType);
      if (list) list.push(entry);
      else this.byType.set(candidate.unitType, [entry]);
    }
    for (const list of this.byType.values()) list.sort(byDayThenId);
  }

  selectFor(sale: { saleId: string | null; unitType: string; contractDate: string }): ComparableSelection {
    const windowDays = this.settings.comparableWindowDays;
    const day = dayNumber(sale.contractDate);
    const all = this.byType.get(sale.unitType) ?? [];
    const first = lowerBound(all, day - windowDays);
    const end = lowerBound(all, day + windowDays + 1);

    const fit: Entry[] = [];
    const excluded: Array<{ entry: Entry; reason: ExclusionReason }> = [];
    const exclude = (entry: Entry, reason: ExclusionReason) => excluded.push({ entry, reason });
    for (let i = first; i < end; i += 1) {
      const entry = all[i];
      if (entry.candidate.saleId === sale.saleId) continue;
      if (entry.candidate.unfit) exclude(entry, entry.candidate.unfit);
      else fit.push(entry);
    }
    const candidates = fit.length + excluded.length;

    const median = medianPricePerSqm(fit);
    const used: Entry[] = [];
    if (median) {
      const lower = median.times(dec(100).minus(this.outlierPct)).div(100);
      const upper = median.times(dec(100).plus(this.outlierPct)).div(100);
      const lowerApprox = lower.toNumber();
      const upperApprox = upper.toNumber();
      for (const entry of fit) {
        if (beyond(entry, lower, lowerApprox, false) || beyond(entry, upper, upperApprox, true)) exclude(entry, 'OUTLIER');
        else used.push(entry);
      }
    }

    let net = 0n;
    let area = 0n;
    for (const entry of used) {
      net += entry.netCents;
      area += entry.areaCents;
    }
    return {
      windowDays,
      from: shiftDate(sale.contractDate, -windowDays),
      to: shiftDate(sale.contractDate, windowDays),
      candidates,
      medianPricePerSqm: median,
      outlierPct: formatMoney(this.outlierPct),
      count: used.length,
      totalNetPrice: dec(net.toString()).div(100),
      totalArea: dec(area.toString()).div(100),
      comparables: nearest(used, day, MAX_LISTED).map(lineOf),
      excluded: excluded
        .sort((a, b) => byDayThenId(a.entry, b.entry))
        .slice(0, MAX_LISTED)
        .map(({ entry, reason }) => ({ saleId: entry.candidate.saleId, unitNo: entry.candidate.unitNo, reason })),
      excludedCount: excluded.length,
    };
  }
}

/** The median net price per m² (the mean of the middle two for an even count), exact; null for none. */
function medianPricePerSqm(entries: Entry[]): Decimal | null {
  if (entries.length === 0) return null;
  const ordered = [...entries].sort((a, b) => a.approx - b.approx || a.pricePerSqm.comparedTo(b.pricePerSqm));
  const middle = ordered.length >>> 1;
  if (ordered.length % 2 === 1) return ordered[middle].pricePerSqm;
  return ordered[middle - 1].pricePerSqm.plus(ordered[middle].pricePerSqm).div(2);
}
