import Decimal from 'decimal.js';
import { dayNumber, shiftDate } from '../common/business-dates';
import { dec, formatMoney } from '../common/money';

/** Why a candidate does not serve as a comparable (docs/api-guide.md, The rules: market price). */
export type ExclusionReason = 'RELATED' | 'CANCELLED' | 'CONFIRMED_ABNORMAL' | 'OUTLIER';

/** Another sale of the same project and unit type, as the comparables search sees it. */
export interface ComparableCandidate {
  saleId: string;
  unitNo: string;
  unitType: string;
  contractDate: string;
  /** Exact amounts: as the database writes them (two decimal places), or decimals. */
  saleableArea: string | Decimal;
  netPrice: string | Decimal;
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
  /** The comparables used, in contract-date order: all of them, or the MAX_LISTED nearest in date. */
  comparables: ComparableLine[];
  /** The candidates left out, in contract-date order: all of them, or the MAX_LISTED nearest in date. */
  excluded: ExcludedLine[];
  excludedCount: number;
}

/**
 * How many comparables and exclusions a basis lists; the counts and sums are
 * always complete. An ordinary window holds a few dozen sales; a launch of
 * hundreds lists the nearest in date.
 */
export const MAX_LISTED = 25;

/** Relative margin inside which a floating-point comparison is settled exactly. */
const CLOSE = 1e-9;

interface Entry {
  candidate: ComparableCandidate;
  day: number;
  /** Net price ÷ area in floating point; the exact quotient is worked out only where it is needed (`pricePerSqm`). */
  approx: number;
  exact?: Decimal;
  /** Whole cents, exact in a double: a net price or an area of at most 2 decimals stays far below 2^53 cents. */
  netCents: number;
  areaCents: number;
  /** Position among the fit candidates of its unit type by price per m²; -1 for an unfit one. */
  rank: number;
  /** As a basis lists it, made once: a sale is a comparable of many others. */
  line?: ComparableLine;
}

/** An amount as the database writes it: at most 13 digits before the point (numeric(15,2) and narrower), two after. */
const TWO_PLACES = /^(\d{1,13})\.(\d\d)$/;

/** Whole cents, read straight off the database's text where it can be (no decimal made for each of thousands of candidates). */
function cents(value: string | Decimal): number {
  const digits = typeof value === 'string' ? TWO_PLACES.exec(value) : null;
  if (digits) return Number(digits[1] + digits[2]);
  return Number(dec(value).toFixed(2).replace('.', ''));
}

/** The exact net price per m², worked out once, for the few entries whose exact value is read (the median, a bound, a listed line). */
function pricePerSqm(entry: Entry): Decimal {
  return (entry.exact ??= dec(entry.candidate.netPrice).div(entry.candidate.saleableArea));
}

/** Exact order of two prices per m² without dividing: net₁ × area₂ against net₂ × area₁ (areas are positive). */
function compareExactly(a: Entry, b: Entry): number {
  if (a.netCents === b.netCents && a.areaCents === b.areaCents) return 0;
  // The products pass 2^53: BigInt, only for the rare near-ties of different prices and areas.
  const left = BigInt(a.netCents) * BigInt(b.areaCents);
  const right = BigInt(b.netCents) * BigInt(a.areaCents);
  return left < right ? -1 : left > right ? 1 : 0;
}

function compareIds(a: Entry, b: Entry): number {
  return a.candidate.saleId < b.candidate.saleId ? -1 : a.candidate.saleId > b.candidate.saleId ? 1 : 0;
}

function byDayThenId(a: Entry, b: Entry): number {
  return a.day - b.day || compareIds(a, b);
}

function byPricePerSqm(a: Entry, b: Entry): number {
  return a.approx - b.approx || compareExactly(a, b) || compareIds(a, b);
}

/** Is the entry's price per m² below `bound` (or above, with `above`)? Floating point where it is clear, exact where it is close. */
function beyond(entry: Entry, bound: Decimal, boundApprox: number, above: boolean): boolean {
  const gap = above ? entry.approx - boundApprox : boundApprox - entry.approx;
  if (Math.abs(gap) > Math.abs(boundApprox) * CLOSE) return gap > 0;
  return above ? pricePerSqm(entry).gt(bound) : pricePerSqm(entry).lt(bound);
}

/** The first index of a sorted array (from `low`, before `high`) for which `before` is false. */
function partitionPoint<T>(items: T[], before: (item: T) => boolean, from = 0, to = items.length): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (before(items[middle])) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Counts and exact sums (cents) by price rank, for the fit candidates inside
 * the current window (a Fenwick tree). Sums are kept in doubles when every
 * candidate's cents together stay below 2^53, where adding integers in
 * floating point is exact (an ordinary project: thousands of sales of
 * millions), else as BigInt.
 */
class RankSums {
  private readonly count: Int32Array;
  private readonly net: Float64Array | bigint[];
  private readonly area: Float64Array | bigint[];
  private readonly inDoubles: boolean;

  constructor(entries: readonly Entry[]) {
    const size = entries.length;
    let total = 0;
    for (const entry of entries) total += entry.netCents + entry.areaCents;
    // Checked on the way: the running total is exact while it stays below 2^53.
    this.inDoubles = total <= Number.MAX_SAFE_INTEGER;
    this.count = new Int32Array(size + 1);
    this.net = this.inDoubles ? new Float64Array(size + 1) : new Array<bigint>(size + 1).fill(0n);
    this.area = this.inDoubles ? new Float64Array(size + 1) : new Array<bigint>(size + 1).fill(0n);
  }

  update(entry: Entry, sign: 1 | -1): void {
    if (this.inDoubles) {
      const net = this.net as Float64Array;
      const area = this.area as Float64Array;
      const n = sign * entry.netCents;
      const a = sign * entry.areaCents;
      for (let i = entry.rank + 1; i < this.count.length; i += i & -i) {
        this.count[i] += sign;
        net[i] += n;
        area[i] += a;
      }
      return;
    }
    const net = this.net as bigint[];
    const area = this.area as bigint[];
    const n = BigInt(sign * entry.netCents);
    const a = BigInt(sign * entry.areaCents);
    for (let i = entry.rank + 1; i < this.count.length; i += i & -i) {
      this.count[i] += sign;
      net[i] += n;
      area[i] += a;
    }
  }

  /** Count and sums over the ranks below `rank`. */
  below(rank: number): { count: number; net: bigint; area: bigint } {
    let count = 0;
    if (this.inDoubles) {
      let net = 0;
      let area = 0;
      for (let i = rank; i > 0; i -= i & -i) {
        count += this.count[i];
        net += (this.net as Float64Array)[i];
        area += (this.area as Float64Array)[i];
      }
      return { count, net: BigInt(net), area: BigInt(area) };
    }
    let net = 0n;
    let area = 0n;
    for (let i = rank; i > 0; i -= i & -i) {
      count += this.count[i];
      net += (this.net as bigint[])[i];
      area += (this.area as bigint[])[i];
    }
    return { count, net, area };
  }

  /** The rank holding the k-th (1-based) smallest entry in the window. */
  kth(k: number): number {
    let position = 0;
    let remaining = k;
    for (let step = 1 << Math.floor(Math.log2(this.count.length)); step > 0; step >>= 1) {
      const next = position + step;
      if (next < this.count.length && this.count[next] < remaining) {
        position = next;
        remaining -= this.count[next];
      }
    }
    return position;
  }
}

/** One unit type's candidates, and the window of contract dates currently summed. */
class TypeWindow {
  readonly byDate: Entry[];
  private readonly byPrice: Entry[];
  private readonly sums: RankSums;
  /** Unfit candidates before each index of byDate. */
  private readonly unfitBefore: Int32Array;
  private first = 0;
  private end = 0;

  constructor(entries: Entry[]) {
    this.byDate = entries.sort(byDayThenId);
    this.byPrice = entries.filter((entry) => !entry.candidate.unfit).sort(byPricePerSqm);
    this.byPrice.forEach((entry, rank) => (entry.rank = rank));
    this.sums = new RankSums(this.byPrice);
    this.unfitBefore = new Int32Array(entries.length + 1);
    this.byDate.forEach((entry, i) => (this.unfitBefore[i + 1] = this.unfitBefore[i] + (entry.candidate.unfit ? 1 : 0)));
  }

  /** Moves the window to [first, end) of byDate, adding and removing only what changes. */
  moveTo(first: number, end: number): void {
    const add = (i: number) => this.byDate[i].rank >= 0 && this.sums.update(this.byDate[i], 1);
    const remove = (i: number) => this.byDate[i].rank >= 0 && this.sums.update(this.byDate[i], -1);
    if (first >= this.end || end <= this.first) {
      for (let i = this.first; i < this.end; i += 1) remove(i);
      for (let i = first; i < end; i += 1) add(i);
    } else {
      for (let i = this.first; i < first; i += 1) remove(i);
      for (let i = first; i < this.first; i += 1) add(i);
      for (let i = end; i < this.end; i += 1) remove(i);
      for (let i = this.end; i < end; i += 1) add(i);
    }
    this.first = first;
    this.end = end;
  }

  unfitIn(first: number, end: number): number {
    return this.unfitBefore[end] - this.unfitBefore[first];
  }

  entryAt(k: number): Entry {
    return this.byPrice[this.sums.kth(k)];
  }

  /** The first rank whose price per m² is at least `bound`, and the first above `bound`. */
  ranksAround(lower: Decimal, upper: Decimal): { low: number; high: number } {
    const lowerApprox = lower.toNumber();
    const upperApprox = upper.toNumber();
    return {
      low: partitionPoint(this.byPrice, (entry) => beyond(entry, lower, lowerApprox, false)),
      high: partitionPoint(this.byPrice, (entry) => !beyond(entry, upper, upperApprox, true)),
    };
  }

  sumsBetween(low: number, high: number): { count: number; net: bigint; area: bigint } {
    const a = this.sums.below(low);
    const b = this.sums.below(high);
    return { count: b.count - a.count, net: b.net - a.net, area: b.area - a.area };
  }

  windowCount(): number {
    return this.sums.below(this.byPrice.length).count;
  }

  exclude(entry: Entry): void {
    if (entry.rank >= 0) this.sums.update(entry, -1);
  }

  include(entry: Entry): void {
    if (entry.rank >= 0) this.sums.update(entry, 1);
  }
}

function lineOf(entry: Entry): ComparableLine {
  const { candidate } = entry;
  return (entry.line ??= {
    saleId: candidate.saleId,
    unitNo: candidate.unitNo,
    contractDate: candidate.contractDate,
    saleableArea: formatMoney(candidate.saleableArea),
    netPrice: formatMoney(candidate.netPrice),
    pricePerSqm: formatMoney(pricePerSqm(entry)),
  });
}

/**
 * The comparables (docs/api-guide.md, The rules: market price), the one implementation: for a sale, the other sales
 * of its project and unit type with contract dates within ± the window; left
 * out are related-party, cancelled and confirmed-abnormal sales, then outliers
 * (a net price per m² more than `outlierPct` above or below the median of the
 * candidates that could serve). Built once over a project's candidates, it
 * answers for any number of sales: asked in contract-date order, the window
 * slides, so each sale costs a few logarithms for its median and sums (exact,
 * in cents) and a walk of its window only to list what it used and left out.
 */
export class ComparablesIndex {
  private readonly byType = new Map<string, TypeWindow>();
  private readonly bySale = new Map<string, Entry>();
  private readonly outlierPct: Decimal;

  constructor(
    candidates: Iterable<ComparableCandidate>,
    private readonly settings: { comparableWindowDays: number; comparableOutlierPct: string },
  ) {
    this.outlierPct = dec(settings.comparableOutlierPct);
    const grouped = new Map<string, Entry[]>();
    // Many candidates share a contract date: each date's day number is worked out once.
    const days = new Map<string, number>();
    const dayOf = (date: string) => {
      let day = days.get(date);
      if (day === undefined) days.set(date, (day = dayNumber(date)));
      return day;
    };
    for (const candidate of candidates) {
      const netCents = cents(candidate.netPrice);
      const areaCents = cents(candidate.saleableArea);
      const entry: Entry = {
        candidate,
        day: dayOf(candidate.contractDate),
        // Correctly rounded, so it orders as the exact quotients do wherever two differ (ties are settled by compareExactly).
        approx: netCents / areaCents,
        netCents,
        areaCents,
        rank: -1,
      };
      this.bySale.set(candidate.saleId, entry);
      const list = grouped.get(candidate.unitType);
      if (list) list.push(entry);
      else grouped.set(candidate.unitType, [entry]);
    }
    for (const [unitType, entries] of grouped) this.byType.set(unitType, new TypeWindow(entries));
  }

  selectFor(sale: { saleId: string | null; unitType: string; contractDate: string }): ComparableSelection {
    const windowDays = this.settings.comparableWindowDays;
    const day = dayNumber(sale.contractDate);
    const selection: ComparableSelection = {
      windowDays,
      from: shiftDate(sale.contractDate, -windowDays),
      to: shiftDate(sale.contractDate, windowDays),
      candidates: 0,
      medianPricePerSqm: null,
      outlierPct: formatMoney(this.outlierPct),
      count: 0,
      totalNetPrice: dec(0),
      totalArea: dec(0),
      comparables: [],
      excluded: [],
      excludedCount: 0,
    };
    const window = this.byType.get(sale.unitType);
    if (!window) return selection;
    const first = partitionPoint(window.byDate, (entry) => entry.day < day - windowDays);
    const end = partitionPoint(window.byDate, (entry) => entry.day <= day + windowDays);
    window.moveTo(first, end);
    const own = sale.saleId === null ? undefined : this.bySale.get(sale.saleId);
    const self = own && own.candidate.unitType === sale.unitType && own.day >= day - windowDays && own.day <= day + windowDays ? own : null;
    if (self) window.exclude(self);

    const fit = window.windowCount();
    const unfit = window.unfitIn(first, end) - (self?.candidate.unfit ? 1 : 0);
    let ranks = { low: 0, high: 0 };
    if (fit > 0) {
      const middle = pricePerSqm(window.entryAt(Math.floor((fit + 1) / 2)));
      const median = fit % 2 === 1 ? middle : middle.plus(pricePerSqm(window.entryAt(fit / 2 + 1))).div(2);
      ranks = window.ranksAround(median.times(dec(100).minus(this.outlierPct)).div(100), median.times(dec(100).plus(this.outlierPct)).div(100));
      const used = window.sumsBetween(ranks.low, ranks.high);
      selection.medianPricePerSqm = median;
      selection.count = used.count;
      selection.totalNetPrice = dec(used.net.toString()).div(100);
      selection.totalArea = dec(used.area.toString()).div(100);
    }
    if (self) window.include(self);
    selection.candidates = fit + unfit;
    selection.excludedCount = unfit + fit - selection.count;
    this.list(window, first, end, day, self, ranks, selection);
    return selection;
  }

  /** Walks the window outward from the sale's date until the nearest MAX_LISTED of each list are found; lists them in date order. */
  private list(
    window: TypeWindow,
    first: number,
    end: number,
    day: number,
    self: Entry | null,
    ranks: { low: number; high: number },
    selection: ComparableSelection,
  ): void {
    const wantComparables = Math.min(MAX_LISTED, selection.count);
    const wantExcluded = Math.min(MAX_LISTED, selection.excludedCount);
    const used: Entry[] = [];
    const excluded: Array<{ entry: Entry; reason: ExclusionReason }> = [];
    let right = partitionPoint(window.byDate, (entry) => entry.day < day, first, end);
    let left = right - 1;
    while ((used.length < wantComparables || excluded.length < wantExcluded) && (left >= first || right < end)) {
      const takeLeft = right >= end || (left >= first && day - window.byDate[left].day <= window.byDate[right].day - day);
      const entry = window.byDate[takeLeft ? left-- : right++];
      if (entry === self) continue;
      const reason: ExclusionReason | null = entry.candidate.unfit ?? (entry.rank < ranks.low || entry.rank >= ranks.high ? 'OUTLIER' : null);
      if (reason === null) {
        if (used.length < wantComparables) used.push(entry);
      } else if (excluded.length < wantExcluded) {
        excluded.push({ entry, reason });
      }
    }
    selection.comparables = used.sort(byDayThenId).map(lineOf);
    selection.excluded = excluded
      .sort((a, b) => byDayThenId(a.entry, b.entry))
      .map(({ entry, reason }) => ({ saleId: entry.candidate.saleId, unitNo: entry.candidate.unitNo, reason }));
  }
}
