import fc from 'fast-check';
import { LIMITS, dec } from '../common/money';
import { ComparablesPool, comparablesForAll } from './comparables-pool';
import { SaleForComparison, marketPriceOf } from './market-price';

const dateOf = (day: number) => new Date(Date.UTC(2025, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);

describe('comparables of sales recorded one after another', () => {
  it('sees only the sales recorded before, within the window', () => {
    const pool = new ComparablesPool(90, '2025-01-01', '2026-12-31');
    const sale = (id: string, date: string, net: string, comparable = true): SaleForComparison => ({
      id, unitType: '3BR', contractDate: date, netPrice: dec(net), saleableArea: dec('100.00'), comparable,
    });
    pool.add(sale('a', '2026-01-01', '100.00'));
    pool.add(sale('insider', '2026-01-02', '1.00', false));
    expect(pool.comparablesFor('3BR', '2026-04-01')).toMatchObject({ count: 1, saleIds: ['a'] });
    expect(pool.comparablesFor('3BR', '2026-04-02')).toMatchObject({ count: 0, saleIds: [] });
    pool.add(sale('b', '2026-03-01', '300.00'));
    const both = pool.comparablesFor('3BR', '2026-02-01');
    expect(both.totalNetPrice.toFixed(2)).toBe('400.00');
    expect(both.saleIds).toEqual(['a', 'b']);
    expect(pool.comparablesFor('2BR', '2026-02-01').count).toBe(0);
  });

  it('agrees with the all-at-once search once every sale has been added', () => {
    const saleArbitrary = fc.record({
      day: fc.integer({ min: 0, max: 600 }),
      type: fc.constantFrom('2BR', '3BR'),
      net: fc.integer({ min: 1, max: 10_000_000_000 }),
      area: fc.integer({ min: 1, max: 50_000 }),
      comparable: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(saleArbitrary, { maxLength: 60 }), fc.integer({ min: 1, max: 120 }), (rows, window) => {
        const sales: SaleForComparison[] = rows.map((row, i) => ({
          id: `s${String(i).padStart(3, '0')}`, unitType: row.type, contractDate: dateOf(row.day),
          netPrice: dec(row.net).div(100), saleableArea: dec(row.area).div(100), comparable: row.comparable,
        }));
        const pool = new ComparablesPool(window, dateOf(0), dateOf(600));
        sales.forEach((sale) => pool.add(sale));
        const expected = comparablesForAll(sales, window);
        for (const sale of sales.filter((s) => !s.comparable)) {
          const got = pool.comparablesFor(sale.unitType, sale.contractDate);
          const want = expected.get(sale.id)!;
          expect(got.count).toBe(want.count);
          expect(got.totalNetPrice.toFixed(2)).toBe(want.totalNetPrice.toFixed(2));
          expect(got.totalArea.toFixed(2)).toBe(want.totalArea.toFixed(2));
          expect(got.saleIds).toEqual(want.saleIds);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('sums exactly past 2^63 cents: 100,000 sales at the top accepted price', () => {
    const pool = new ComparablesPool(90, '2026-01-01', '2026-01-31');
    const top = dec(LIMITS.amount);
    for (let i = 0; i < 100_000; i += 1) {
      pool.add({ id: `s${String(i).padStart(6, '0')}`, unitType: '3BR', contractDate: '2026-01-15', netPrice: top, saleableArea: dec('0.01'), comparable: true });
    }
    const all = pool.comparablesFor('3BR', '2026-01-20');
    expect(all.count).toBe(100_000);
    expect(all.totalNetPrice.toFixed(2)).toBe(top.times(100_000).toFixed(2));
    expect(all.totalNetPrice.times(100).gt('9223372036854775807')).toBe(true);
    expect(all.totalArea.toFixed(2)).toBe('1000.00');
  });

  it('keeps every cent of a market price past 1e18 worked out from its comparables', () => {
    const sale = (id: string, area: string): SaleForComparison => ({
      id, unitType: 'STUDIO', contractDate: '2026-03-01', netPrice: dec(LIMITS.amount), saleableArea: dec(area), comparable: true,
    });
    const comparables = comparablesForAll([sale('tiny', '0.01'), sale('big', LIMITS.area)], 90);
    const market = marketPriceOf({
      saleableArea: dec(LIMITS.area), contractDate: '2026-03-01', unitAppraisal: null, comparables: comparables.get('big')!,
      projectEvidence: null, minComparables: 1, comparableWindowDays: 90,
    });
    // 999999999999.99 / 0.01 × 99999.99
    expect(market).toMatchObject({ price: '9999998999999900000.01', pricePerSqm: '99999999999999.00', method: 'COMPARABLE_SALES' });
  });
});
