import { shiftDate } from '../common/business-dates';
import { comparablesForAll } from './comparables-pool';
import { dec, sum } from '../common/money';
import {
  Comparables, MAX_BASIS_IDS, MarketEvidence, MarketPriceInputs, NO_COMPARABLES, SaleForComparison, marketPriceOf, varianceOf,
} from './market-price';

const appraisal: MarketEvidence = { id: 'ev-unit', asOf: '2026-03-01', pricePerSqm: dec('50000'), source: 'APPRAISAL', scope: 'UNIT' };
const typeEvidence: MarketEvidence = { id: 'ev-type', asOf: '2026-01-01', pricePerSqm: dec('45000'), source: 'INDEX', scope: 'UNIT_TYPE' };

/** Comparables from [id, net price, area] triples, as the repository sums them. */
function comparables(...sales: Array<[string, string, string]>): Comparables {
  return {
    count: sales.length,
    totalNetPrice: sum(sales.map(([, net]) => net)),
    totalArea: sum(sales.map(([, , area]) => area)),
    saleIds: sales.map(([id]) => id).slice(0, MAX_BASIS_IDS),
  };
}

function inputs(overrides: Partial<MarketPriceInputs> = {}): MarketPriceInputs {
  return {
    saleableArea: dec('100.00'),
    contractDate: '2026-04-01',
    unitAppraisal: null,
    comparables: NO_COMPARABLES,
    projectEvidence: null,
    minComparables: 3,
    comparableWindowDays: 90,
    ...overrides,
  };
}

describe('market price of a sale', () => {
  it('prefers the unit’s own appraisal over everything else', () => {
    const market = marketPriceOf(inputs({
      unitAppraisal: appraisal,
      comparables: comparables(['a', '1', '1'], ['b', '1', '1'], ['c', '1', '1']),
      projectEvidence: typeEvidence,
    }));
    expect(market).toEqual({
      price: '5000000.00',
      pricePerSqm: '50000.00',
      method: 'UNIT_APPRAISAL',
      basis: { evidenceId: 'ev-unit', asOf: '2026-03-01', source: 'APPRAISAL', scope: 'UNIT' },
    });
  });

  it('weights comparable sales by area, not by count', () => {
    // 4,000,000 over 80 m² and 6,000,000 over 120 m² and 5,000,000 over 100 m²: 15,000,000 / 300 = 50,000 per m²
    const market = marketPriceOf(inputs({
      saleableArea: dec('90.00'),
      comparables: comparables(['a', '4000000', '80'], ['b', '6000000', '120'], ['c', '5000000', '100']),
      projectEvidence: typeEvidence,
    }));
    expect(market).toMatchObject({ method: 'COMPARABLE_SALES', pricePerSqm: '50000.00', price: '4500000.00' });
    expect(market?.basis).toMatchObject({ count: 3, windowDays: 90, from: '2026-01-01', to: '2026-06-30', saleIds: ['a', 'b', 'c'] });
  });

  it('uses exactly minComparables sales, but not one fewer', () => {
    const three = comparables(['a', '100', '1'], ['b', '100', '1'], ['c', '100', '1']);
    const two = comparables(['a', '100', '1'], ['b', '100', '1']);
    expect(marketPriceOf(inputs({ comparables: three }))?.method).toBe('COMPARABLE_SALES');
    expect(marketPriceOf(inputs({ comparables: two, projectEvidence: typeEvidence }))?.method).toBe('PROJECT_EVIDENCE');
  });

  it('rounds only the final figures half-up', () => {
    // 1,000,000.01 + 1,000,000.00 + 1,000,000.00 over 300 m² = 10,000.000033… per m²
    const market = marketPriceOf(inputs({
      saleableArea: dec('100.50'),
      comparables: comparables(['a', '1000000.01', '100'], ['b', '1000000', '100'], ['c', '1000000', '100']),
    }));
    expect(market).toMatchObject({ pricePerSqm: '10000.00', price: '1005000.00' });
  });

  it('falls back to project evidence, then to none', () => {
    expect(marketPriceOf(inputs({ projectEvidence: typeEvidence }))).toMatchObject({
      method: 'PROJECT_EVIDENCE', price: '4500000.00', basis: { evidenceId: 'ev-type', scope: 'UNIT_TYPE' },
    });
    expect(marketPriceOf(inputs())).toBeNull();
  });

  it('lists at most MAX_BASIS_IDS (50) comparable ids but always the full count', () => {
    const many = comparables(...Array.from({ length: 250 }, (_, i): [string, string, string] => [`s${i}`, '100', '1']));
    const market = marketPriceOf(inputs({ comparables: many }));
    expect(market?.basis).toMatchObject({ count: 250, saleIdsTruncated: true });
    expect((market?.basis.saleIds as string[]).length).toBe(MAX_BASIS_IDS);
  });
});

describe('variance against the market', () => {
  it('is negative below the market, with the percentage of the market price', () => {
    expect(varianceOf('3000000.00', '4000000.00')).toEqual({ amount: '-1000000.00', pct: '-25.00' });
  });

  it('rounds the percentage half-up to 2 decimals', () => {
    // -1 / 3 × 100 = -33.333… ; -2 / 3 × 100 = -66.666…
    expect(varianceOf('2.00', '3.00')).toEqual({ amount: '-1.00', pct: '-33.33' });
    expect(varianceOf('1.00', '3.00')).toEqual({ amount: '-2.00', pct: '-66.67' });
    // 0.005% exactly rounds away from zero
    expect(varianceOf('200010.00', '200000.00')).toEqual({ amount: '10.00', pct: '0.01' });
    expect(varianceOf('199990.00', '200000.00')).toEqual({ amount: '-10.00', pct: '-0.01' });
  });

  it('is null without a market price', () => {
    expect(varianceOf('1.00', null)).toBeNull();
  });
});

describe('shiftDate', () => {
  it('crosses months, years and leap days', () => {
    expect(shiftDate('2026-04-01', -90)).toBe('2026-01-01');
    expect(shiftDate('2024-02-28', 1)).toBe('2024-02-29');
    expect(shiftDate('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('comparables of every sale at once', () => {
  const sale = (id: string, contractDate: string, netPrice: string, area: string, extra: Partial<SaleForComparison> = {}): SaleForComparison => ({
    id, unitType: '3BR', contractDate, netPrice: dec(netPrice), saleableArea: dec(area), comparable: true, ...extra,
  });

  it('finds the same window as the one-sale search: inclusive ends, the sale itself left out', () => {
    const all = [
      sale('target', '2026-04-01', '1', '1'),
      sale('edge-before', '2026-01-01', '100', '1'),
      sale('outside-before', '2025-12-31', '999', '1'),
      sale('edge-after', '2026-06-30', '300', '3'),
      sale('outside-after', '2026-07-01', '999', '1'),
    ];
    const target = comparablesForAll(all, 90).get('target')!;
    expect(target.count).toBe(2);
    expect(target.totalNetPrice.toFixed()).toBe('400');
    expect(target.totalArea.toFixed()).toBe('4');
    expect(target.saleIds).toEqual(['edge-before', 'edge-after']);
  });

  it('leaves out related-party and cancelled sales, and other unit types', () => {
    const all = [
      sale('target', '2026-04-01', '1', '1'),
      sale('insider', '2026-04-02', '5', '1', { comparable: false }),
      sale('other-type', '2026-04-02', '5', '1', { unitType: '2BR' }),
      sale('arm', '2026-04-03', '7', '1'),
    ];
    const found = comparablesForAll(all, 90);
    expect(found.get('target')).toMatchObject({ count: 1, saleIds: ['arm'] });
    // A sale that cannot serve as a comparable still gets its own comparables.
    expect(found.get('insider')).toMatchObject({ count: 2, saleIds: ['target', 'arm'] });
    expect(found.get('other-type')).toMatchObject({ count: 0, saleIds: [] });
  });
});
