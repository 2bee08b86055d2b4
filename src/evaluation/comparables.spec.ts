import fc from 'fast-check';
import { LIMITS, dec } from '../common/money';
import { marketPriceOf } from './market-price';
import { ComparableCandidate, ComparablesIndex, MAX_LISTED } from './comparables';

const SETTINGS = { comparableWindowDays: 90, comparableOutlierPct: '15.00' };

/** A 3BR sale of 100 m² contracted on a date, at a price per m² (net = 100 × it). */
function sale(saleId: string, contractDate: string, pricePerSqm: string, extra: Partial<ComparableCandidate> = {}): ComparableCandidate {
  return {
    saleId, unitNo: saleId, unitType: '3BR', contractDate, saleableArea: dec('100.00'), netPrice: dec(pricePerSqm).times(100), unfit: null, ...extra,
  };
}

function select(all: ComparableCandidate[], settings = SETTINGS) {
  return new ComparablesIndex(all, settings).selectFor({ saleId: 'target', unitType: '3BR', contractDate: '2026-04-01' });
}

const used = (selection: ReturnType<typeof select>) => selection.comparables.map((line) => line.saleId).sort();

describe('comparables of a sale', () => {
  it('takes the window with inclusive ends, leaves the sale itself and other unit types out', () => {
    const selection = select([
      sale('target', '2026-04-01', '10000'),
      sale('edge-before', '2026-01-01', '10000'),
      sale('outside-before', '2025-12-31', '10000'),
      sale('edge-after', '2026-06-30', '10000'),
      sale('outside-after', '2026-07-01', '10000'),
      sale('two-bed', '2026-04-02', '10000', { unitType: '2BR' }),
    ]);
    expect(used(selection)).toEqual(['edge-after', 'edge-before']);
    expect(selection).toMatchObject({ count: 2, candidates: 2, from: '2026-01-01', to: '2026-06-30' });
  });

  it('leaves out related-party, cancelled and confirmed-abnormal sales, naming why', () => {
    const selection = select([
      sale('a', '2026-03-01', '10000'),
      sale('insider', '2026-03-02', '10000', { unfit: 'RELATED' }),
      sale('cancelled', '2026-03-03', '10000', { unfit: 'CANCELLED' }),
      sale('confirmed', '2026-03-04', '7000', { unfit: 'CONFIRMED_ABNORMAL' }),
    ]);
    expect(used(selection)).toEqual(['a']);
    expect(selection.excluded).toEqual([
      { saleId: 'insider', unitNo: 'insider', reason: 'RELATED' },
      { saleId: 'cancelled', unitNo: 'cancelled', reason: 'CANCELLED' },
      { saleId: 'confirmed', unitNo: 'confirmed', reason: 'CONFIRMED_ABNORMAL' },
    ]);
    expect(selection.candidates).toBe(4);
  });

  it('keeps a candidate exactly comparableOutlierPct above or below the median, and leaves out one a cent beyond', () => {
    // Median 10,000.00 per m²: the bounds are 8,500.00 and 11,500.00.
    const around = (low: string, high: string) =>
      select([sale('m1', '2026-03-01', '10000'), sale('m2', '2026-03-02', '10000'), sale('m3', '2026-03-03', '10000'), sale('low', '2026-03-04', low), sale('high', '2026-03-05', high)]);
    expect(around('8500.00', '11500.00')).toMatchObject({ count: 5, excluded: [] });
    expect(around('8500.01', '11499.99')).toMatchObject({ count: 5, excluded: [] });
    const beyond = around('8499.99', '11500.01');
    expect(beyond.count).toBe(3);
    expect(beyond.excluded).toEqual([
      { saleId: 'low', unitNo: 'low', reason: 'OUTLIER' },
      { saleId: 'high', unitNo: 'high', reason: 'OUTLIER' },
    ]);
    expect(beyond.medianPricePerSqm?.toFixed(2)).toBe('10000.00');
  });

  it('takes the median of an even count as the mean of the middle two', () => {
    const selection = select([sale('a', '2026-03-01', '9000'), sale('b', '2026-03-02', '10000'), sale('c', '2026-03-03', '11000'), sale('d', '2026-03-04', '12000')]);
    expect(selection.medianPricePerSqm?.toFixed(2)).toBe('10500.00');
    // 10,500 × 1.15 = 12,075: everything stays.
    expect(selection.count).toBe(4);
  });

  it('keeps one cheap sale from pulling the average down', () => {
    const selection = select([
      sale('a', '2026-03-01', '10000'), sale('b', '2026-03-02', '10000'), sale('c', '2026-03-03', '10000'), sale('cheap', '2026-03-04', '7000'),
    ]);
    expect(selection.totalNetPrice.div(selection.totalArea).toFixed(2)).toBe('10000.00');
    expect(selection.excluded).toEqual([{ saleId: 'cheap', unitNo: 'cheap', reason: 'OUTLIER' }]);
  });

  it("follows a project's own outlier threshold", () => {
    const all = [sale('a', '2026-03-01', '10000'), sale('b', '2026-03-02', '10000'), sale('c', '2026-03-03', '10000'), sale('d', '2026-03-04', '8000')];
    expect(select(all).count).toBe(3);
    expect(select(all, { ...SETTINGS, comparableOutlierPct: '20.00' }).count).toBe(4);
  });

  it('lists at most MAX_LISTED comparables, nearest in date first, with the full count and exact sums', () => {
    const many = Array.from({ length: 120 }, (_, i) => sale(`s${String(i).padStart(3, '0')}`, i % 2 ? '2026-03-15' : '2026-05-20', '10000.01'));
    const selection = select([...many, sale('near', '2026-04-02', '10000.01')]);
    expect(selection.count).toBe(121);
    expect(selection.comparables).toHaveLength(MAX_LISTED);
    expect(selection.comparables.map((line) => line.saleId)).toContain('near');
    expect(selection.totalNetPrice.toFixed(2)).toBe(dec('1000001').times(121).toFixed(2));
  });
});

describe('comparables at the largest accepted values', () => {
  it('sums exactly past 2^63 cents: 100,000 sales at the top accepted price', () => {
    const top = dec(LIMITS.amount);
    const all = Array.from({ length: 100_000 }, (_, i) =>
      sale(`s${String(i).padStart(6, '0')}`, '2026-03-15', '1', { netPrice: top, saleableArea: dec('0.01') }),
    );
    const selection = select(all);
    expect(selection.count).toBe(100_000);
    expect(selection.totalNetPrice.toFixed(2)).toBe(top.times(100_000).toFixed(2));
    expect(selection.totalNetPrice.times(100).gt('9223372036854775807')).toBe(true);
    expect(selection.totalArea.toFixed(2)).toBe('1000.00');
  });

  it('keeps every cent of a market price past 1e18 worked out from its comparables', () => {
    const tiny = sale('tiny', '2026-04-01', '1', { netPrice: dec(LIMITS.amount), saleableArea: dec('0.01') });
    const index = new ComparablesIndex([tiny], SETTINGS);
    const market = marketPriceOf({
      saleableArea: dec(LIMITS.area), unitAppraisal: null, projectEvidence: null, minComparables: 1,
      comparables: () => index.selectFor({ saleId: 'target', unitType: '3BR', contractDate: '2026-04-01' }),
    });
    // 999999999999.99 / 0.01 × 99999.99
    expect(market?.price.toFixed(2)).toBe('9999998999999900000.01');
    expect(market?.pricePerSqm.toFixed(2)).toBe('99999999999999.00');
  });
});

describe('the sliding window agrees with the definition', () => {
  /** The comparables rule (docs/api-guide.md, The rules: market price) read literally, for one sale at a time: the oracle the index is checked against. */
  function byDefinition(all: ComparableCandidate[], target: ComparableCandidate, windowDays: number, outlierPct: string) {
    const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
    const inWindow = all.filter(
      (c) => c.saleId !== target.saleId && c.unitType === target.unitType && Math.abs(day(c.contractDate) - day(target.contractDate)) <= windowDays,
    );
    const fit = inWindow.filter((c) => c.unfit === null);
    const perSqm = (c: ComparableCandidate) => dec(c.netPrice).div(c.saleableArea);
    const sorted = fit.map(perSqm).sort((a, b) => a.comparedTo(b));
    const median = sorted.length === 0 ? null : sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : sorted[sorted.length / 2 - 1].plus(sorted[sorted.length / 2]).div(2);
    const used = median
      ? fit.filter((c) => !perSqm(c).minus(median).abs().times(100).gt(median.times(outlierPct)))
      : [];
    return {
      candidates: inWindow.length,
      count: used.length,
      totalNetPrice: used.reduce((total, c) => total.plus(c.netPrice), dec(0)).toFixed(2),
      totalArea: used.reduce((total, c) => total.plus(c.saleableArea), dec(0)).toFixed(2),
      median: median?.toFixed(10) ?? null,
      excludedCount: inWindow.length - used.length,
    };
  }

  it('gives every sale, asked in any order, the same comparables as the definition', () => {
    const candidate = fc.record({
      unitType: fc.constantFrom('2BR', '3BR'),
      day: fc.integer({ min: 0, max: 400 }),
      perSqm: fc.integer({ min: 8000, max: 12500 }),
      area: fc.integer({ min: 5000, max: 15000 }),
      unfit: fc.constantFrom(null, null, null, null, 'RELATED' as const, 'CANCELLED' as const, 'CONFIRMED_ABNORMAL' as const),
    });
    fc.assert(
      fc.property(fc.array(candidate, { minLength: 1, maxLength: 60 }), fc.integer({ min: 10, max: 120 }), fc.constantFrom('0.00', '10.00', '15.00'), (raw, windowDays, outlierPct) => {
        const all: ComparableCandidate[] = raw.map((r, i) => {
          const area = dec(r.area).div(100);
          return {
            saleId: `s${String(i).padStart(3, '0')}`, unitNo: `U${i}`, unitType: r.unitType,
            contractDate: new Date(Date.UTC(2025, 0, 1 + r.day)).toISOString().slice(0, 10),
            saleableArea: area, netPrice: area.times(r.perSqm).toDecimalPlaces(2), unfit: r.unfit,
          };
        });
        const index = new ComparablesIndex(all, { comparableWindowDays: windowDays, comparableOutlierPct: outlierPct });
        for (const target of [...all].reverse()) {
          const selection = index.selectFor(target);
          expect({
            candidates: selection.candidates,
            count: selection.count,
            totalNetPrice: selection.totalNetPrice.toFixed(2),
            totalArea: selection.totalArea.toFixed(2),
            median: selection.medianPricePerSqm?.toFixed(10) ?? null,
            excludedCount: selection.excludedCount,
          }).toEqual(byDefinition(all, target, windowDays, outlierPct));
          expect(selection.comparables).toHaveLength(Math.min(selection.count, MAX_LISTED));
          expect(selection.excluded).toHaveLength(Math.min(selection.excludedCount, MAX_LISTED));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('selects the same from amounts as the database writes them (text) as from decimals', () => {
    const candidate = fc.record({
      day: fc.integer({ min: 0, max: 200 }),
      net: fc.bigInt({ min: 1n, max: 999_999_999_999_99n }),
      area: fc.bigInt({ min: 1000n, max: 99_999_99n }),
      unfit: fc.constantFrom(null, null, 'RELATED' as const),
    });
    const text = (centsValue: bigint) => `${centsValue / 100n}.${String(centsValue % 100n).padStart(2, '0')}`;
    fc.assert(
      fc.property(fc.array(candidate, { minLength: 1, maxLength: 40 }), (raw) => {
        const of = (amount: (centsValue: bigint) => string | ReturnType<typeof dec>) =>
          raw.map((r, i): ComparableCandidate => ({
            saleId: `s${i}`, unitNo: `U${i}`, unitType: '3BR', contractDate: new Date(Date.UTC(2025, 0, 1 + r.day)).toISOString().slice(0, 10),
            saleableArea: amount(r.area), netPrice: amount(r.net), unfit: r.unfit,
          }));
        const asText = new ComparablesIndex(of(text), SETTINGS);
        const asDecimals = new ComparablesIndex(of((c) => dec(text(c))), SETTINGS);
        for (const day of [0, 100, 200]) {
          const target = { saleId: null, unitType: '3BR', contractDate: new Date(Date.UTC(2025, 0, 1 + day)).toISOString().slice(0, 10) };
          const [a, b] = [asText.selectFor(target), asDecimals.selectFor(target)];
          expect({ ...a, medianPricePerSqm: a.medianPricePerSqm?.toString(), totalNetPrice: a.totalNetPrice.toString(), totalArea: a.totalArea.toString() })
            .toEqual({ ...b, medianPricePerSqm: b.medianPricePerSqm?.toString(), totalNetPrice: b.totalNetPrice.toString(), totalArea: b.totalArea.toString() });
        }
      }),
      { numRuns: 200 },
    );
  });
});
