import Decimal from 'decimal.js';
import { dayNumber, shiftDate } from '../common/business-dates';
import { dec } from '../common/money';
import { Comparables, MAX_BASIS_IDS, SaleForComparison } from './market-price';
const cents = (value: Decimal): bigint => BigInt(value.times(100).toFixed(0));
/** Back to the ledger's exact decimals (money's 60 digits, not decimal.js's default 20, which rounds a market price past 1e18). */
const fromCents = (value: bigint): Decimal => dec(value.toString()).div(100);

/**
 * Running sums by day (a Fenwick tree), exact in integer cents. The sums are
 * unbounded bigints, not a BigInt64Array: 92,234 sales at the top accepted
 * price (fewer of the wider prices stored before the limits) pass 2^63 cents,
 * where a 64-bit slot would silently wrap around.
 */
class DaySums {
  private readonly count: Int32Array;
  private readonly net: bigint[];
  private readonly area: bigint[];

  constructor(
    private readonly firstDay: number,
    days: number,
  ) {
    this.count = new Int32Array(days + 1);
    this.net = new Array<bigint>(days + 1).fill(0n);
    this.area = new Array<bigint>(days + 1).fill(0n);
  }

  add(day: number, net: bigint, area: bigint): void {
    for (let i = day - this.firstDay + 1; i < this.count.length; i += i & -i) {
      this.count[i] += 1;
      this.net[i] += net;
      this.area[i] += area;
    }
  }

  /** Sums over the days up to and including `day`. */
  upTo(day: number): { count: number; net: bigint; area: bigint } {
    let count = 0;
    let net = 0n;
    let area = 0n;
    for (let i = Math.min(day - this.firstDay + 1, this.count.length - 1); i > 0; i -= i & -i) {
      count += this.count[i];
      net += this.net[i];
      area += this.area[i];
    }
    return { count, net, area };
  }
}

interface Entry {
  day: number;
  date: string;
  id: string;
}

/**
 * The comparables of sales recorded one after another (a bulk import read in
 * file order): each sale sees the comparable sales known before it, and
 * becomes one for those after it. Same window and exclusions as the one-sale
 * search; each query and each addition costs a logarithm, not a scan.
 */
export class ComparablesPool {
  private readonly sums = new Map<string, DaySums>();
  private readonly sorted = new Map<string, Entry[]>();
  private readonly firstDay: number;
  private readonly days: number;

  /** `from`–`to` bound every contract date that will be queried or added. */
  constructor(
    private readonly windowDays: number,
    from: string,
    to: string,
  ) {
    this.firstDay = dayNumber(from) - windowDays;
    this.days = dayNumber(to) + windowDays - this.firstDay + 1;
  }

  /** A sale that can serve as a comparable (active and arm's length) joins the pool. */
  add(sale: SaleForComparison): void {
    if (!sale.comparable) return;
    let sums = this.sums.get(sale.unitType);
    if (!sums) {
      sums = new DaySums(this.firstDay, this.days);
      this.sums.set(sale.unitType, sums);
      this.sorted.set(sale.unitType, []);
    }
    const day = dayNumber(sale.contractDate);
    sums.add(day, cents(sale.netPrice), cents(sale.saleableArea));
    const entries = this.sorted.get(sale.unitType)!;
    const entry = { day, date: sale.contractDate, id: sale.id };
    entries.splice(this.indexOf(entries, entry), 0, entry);
  }

  /** The comparables of a sale of this type and date; `self`, when it is in the pool, is left out. */
  comparablesFor(unitType: string, contractDate: string, self?: SaleForComparison): Comparables {
    const sums = this.sums.get(unitType);
    if (!sums) return { count: 0, totalNetPrice: dec(0), totalArea: dec(0), saleIds: [] };
    const day = dayNumber(contractDate);
    const upper = sums.upTo(day + this.windowDays);
    const lower = sums.upTo(day - this.windowDays - 1);
    const own = self?.comparable ? { count: 1, net: cents(self.netPrice), area: cents(self.saleableArea) } : { count: 0, net: 0n, area: 0n };
    const entries = this.sorted.get(unitType)!;
    const from = this.indexOf(entries, { day: day - this.windowDays, date: shiftDate(contractDate, -this.windowDays), id: '' });
    const saleIds: string[] = [];
    for (let i = from; i < entries.length && entries[i].day <= day + this.windowDays && saleIds.length < MAX_BASIS_IDS; i += 1) {
      if (entries[i].id !== self?.id) saleIds.push(entries[i].id);
    }
    return {
      count: upper.count - lower.count - own.count,
      totalNetPrice: fromCents(upper.net - lower.net - own.net),
      totalArea: fromCents(upper.area - lower.area - own.area),
      saleIds,
    };
  }

  /** Where an entry goes in contract-date, then id, order. */
  private indexOf(entries: Entry[], entry: Entry): number {
    let low = 0;
    let high = entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const other = entries[middle];
      if (other.day < entry.day || (other.day === entry.day && other.id < entry.id)) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/** The comparables of every sale of a project at once, with everything known (audit runs). */
export function comparablesForAll(sales: SaleForComparison[], windowDays: number): Map<string, Comparables> {
  if (sales.length === 0) return new Map();
  const dates = sales.map((sale) => sale.contractDate).sort();
  const pool = new ComparablesPool(windowDays, dates[0], dates[dates.length - 1]);
  for (const sale of sales) pool.add(sale);
  return new Map(sales.map((sale) => [sale.id, pool.comparablesFor(sale.unitType, sale.contractDate, sale)]));
}
