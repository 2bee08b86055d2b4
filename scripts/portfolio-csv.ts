import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { shiftDate } from '../src/common/business-dates';

/** A small deterministic pseudo-random generator (mulberry32), so generated portfolios are the same every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPES = [
  { type: '1BR', area: 52 },
  { type: '2BR', area: 76 },
  { type: '3BR', area: 98 },
  { type: '4BR', area: 132 },
];


const cents = (value: number): string => (Math.round(value * 100) / 100).toFixed(2);

/** Writes lines to a file, waiting when the stream asks to: a large file never sits in memory. */
async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  for (const line of lines) {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

export interface PortfolioOptions {
  prefix: string;
  units: number;
  seed: number;
  /** Contract dates are spread over this many days from `firstDate`. */
  days: number;
  firstDate: string;
  pricePerSqm: number;
}

export function unitOf(options: PortfolioOptions, n: number) {
  const kind = TYPES[n % TYPES.length];
  const area = kind.area + (n % 7) * 0.5;
  return { unitNo: `${options.prefix}-${String(n).padStart(6, '0')}`, unitType: kind.type, area, cost: area * options.pricePerSqm * 0.72 };
}

export function writeUnitsCsv(path: string, options: PortfolioOptions): Promise<void> {
  return writeLines(path, (function* () {
    yield 'unitNo,building,floor,unitType,saleableArea,costPrice';
    for (let n = 1; n <= options.units; n += 1) {
      const unit = unitOf(options, n);
      yield `${unit.unitNo},${1 + (n % 30)},${1 + (n % 33)},${unit.unitType},${unit.area.toFixed(2)},${cents(unit.cost)}`;
    }
  })());
}

/** One sale per unit (for `count` units), arm's-length buyers with id numbers, prices around the market. */
export function writeSalesCsv(path: string, options: PortfolioOptions, count = options.units): Promise<void> {
  const random = seededRandom(options.seed);
  return writeLines(path, (function* () {
    yield 'unitNo,contractDate,netPrice,buyer,buyerIdNumber,buyerPhone';
    for (let n = 1; n <= count; n += 1) {
      const unit = unitOf(options, n);
      const date = shiftDate(options.firstDate, Math.floor((n / count) * options.days));
      const price = unit.area * options.pricePerSqm * (0.94 + random() * 0.12);
      const id = `${options.prefix.replace(/\W/g, '')}${String(n).padStart(10, '0')}`;
      yield `${unit.unitNo},${date},${cents(price)},Buyer ${options.prefix} ${n},${id},${13_000_000_000 + options.seed * 1_000_000 + n}`;
    }
  })());
}

/** A deposit within a few days and instalments after it, never more than the price. */
export function writePaymentsCsv(path: string, options: PortfolioOptions, sales: Array<{ unitNo: string; contractDate: string; netPrice: number }>, today: string): Promise<void> {
  const random = seededRandom(options.seed + 1);
  return writeLines(path, (function* () {
    yield 'unitNo,receivedOn,amount,kind,reference';
    for (const sale of sales) {
      if (random() < 0.06) continue;
      const deposit = Math.floor(sale.netPrice * 0.2 * 100) / 100;
      const depositOn = shiftDate(sale.contractDate, 1 + Math.floor(random() * 5));
      if (depositOn <= today) yield `${sale.unitNo},${depositOn},${cents(deposit)},DEPOSIT,R-${sale.unitNo}-0`;
      for (let k = 1; k <= 3; k += 1) {
        const on = shiftDate(sale.contractDate, 30 * k + 5);
        if (on <= today && random() < 0.85) yield `${sale.unitNo},${on},${cents(Math.floor(sale.netPrice * 0.1 * 100) / 100)},INSTALLMENT,R-${sale.unitNo}-${k}`;
      }
    }
  })());
}
