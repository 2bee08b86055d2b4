import { shiftDate } from '../common/business-dates';
import { dec } from '../common/money';
import { ComparableCandidate, ComparablesIndex } from './comparables';
import { MarketEvidence, MarketPriceInputs, marketPriceOf, varianceOf } from './market-price';

const appraisal: MarketEvidence = { id: 'ev-unit', asOf: '2026-03-01', pricePerSqm: dec('50000'), source: 'APPRAISAL', scope: 'UNIT' };
const typeEvidence: MarketEvidence = { id: 'ev-type', asOf: '2026-01-01', pricePerSqm: dec('45000'), source: 'INDEX', scope: 'UNIT_TYPE' };
const SETTINGS = { comparableWindowDays: 90, comparableOutlierPct: '15.00' };

/** Candidates of type 3BR contracted on 2026-04-01, from [id, net price, area] triples. */
function candidates(...sales: Array<[string, string, string]>): ComparableCandidate[] {
  return sales.map(([saleId, net, area]) => ({
    saleId, unitNo: saleId.toUpperCase(), unitType: '3BR', contractDate: '2026-04-01', netPrice: dec(net), saleableArea: dec(area), unfit: null,
  }));
}

function inputs(overrides: Partial<Omit<MarketPriceInputs, 'comparables'>> & { comparables?: ComparableCandidate[] } = {}): MarketPriceInputs {
  const index = new ComparablesIndex(overrides.comparables ?? [], SETTINGS);
  return {
    saleableArea: dec('100.00'),
    unitAppraisal: null,
    projectEvidence: null,
    minComparables: 3,
    ...overrides,
    comparables: () => index.selectFor({ saleId: 'target', unitType: '3BR', contractDate: '2026-04-01' }),
  };
}

describe('market price of a sale', () => {
  it('prefers the unit’s own appraisal over everything else', () => {
    const market = marketPriceOf(inputs({
      unitAppraisal: appraisal,
      comparables: candidates(['a', '1', '1'], ['b', '1', '1'], ['c', '1', '1']),
      projectEvidence: typeEvidence,
    }));
    expect(market).toMatchObject({ method: 'UNIT_APPRAISAL', basis: { evidenceId: 'ev-unit', asOf: '2026-03-01', source: 'APPRAISAL', scope: 'UNIT' } });
    expect(market?.price.toFixed(2)).toBe('5000000.00');
    expect(market?.pricePerSqm.toFixed(2)).toBe('50000.00');
  });

  it('weights comparable sales by area, not by count, and lists each one used', () => {
    // 4,400,000 over 90 m² and 5,000,000 over 100 m² and 5,500,000 over 110 m²: 14,900,000 / 300 = 49,666.67 per m²
    const market = marketPriceOf(inputs({
      saleableArea: dec('90.00'),
      comparables: candidates(['a', '4400000', '90'], ['b', '5000000', '100'], ['c', '5500000', '110']),
      projectEvidence: typeEvidence,
    }));
    expect(market?.method).toBe('COMPARABLE_SALES');
    expect(market?.pricePerSqm.toFixed(2)).toBe('49666.67');
    expect(market?.price.toFixed(2)).toBe('4470000.00');
    expect(market?.basis).toMatchObject({
      count: 3, candidates: 3, minComparables: 3, windowDays: 90, from: '2026-01-01', to: '2026-06-30',
      medianPricePerSqm: '50000.00', outlierPct: '15.00', excluded: [],
    });
    expect(market?.basis.comparables).toContainEqual({
      saleId: 'a', unitNo: 'A', contractDate: '2026-04-01', saleableArea: '90.00', netPrice: '4400000.00', pricePerSqm: '48888.89',
    });
  });

  it('uses exactly minComparables sales, but not one fewer', () => {
    const three = candidates(['a', '100', '1'], ['b', '100', '1'], ['c', '100', '1']);
    expect(marketPriceOf(inputs({ comparables: three }))?.method).toBe('COMPARABLE_SALES');
    expect(marketPriceOf(inputs({ comparables: three.slice(0, 2), projectEvidence: typeEvidence }))?.method).toBe('PROJECT_EVIDENCE');
  });

  it('rounds only the final figures half-up', () => {
    // 1,000,000.01 + 1,000,000.00 + 1,000,000.00 over 300 m² = 10,000.000033… per m²
    const market = marketPriceOf(inputs({
      saleableArea: dec('100.50'),
      comparables: candidates(['a', '1000000.01', '100'], ['b', '1000000', '100'], ['c', '1000000', '100']),
    }));
    expect(market?.pricePerSqm.toFixed(2)).toBe('10000.00');
    expect(market?.price.toFixed(2)).toBe('1005000.00');
  });

  it('falls back to project evidence, then to none', () => {
    const market = marketPriceOf(inputs({ projectEvidence: typeEvidence }));
    expect(market).toMatchObject({ method: 'PROJECT_EVIDENCE', basis: { evidenceId: 'ev-type', scope: 'UNIT_TYPE' } });
    expect(market?.price.toFixed(2)).toBe('4500000.00');
    expect(marketPriceOf(inputs())).toBeNull();
  });

  it('multiplies the largest accepted area by the largest accepted price per m² exactly', () => {
    const market = marketPriceOf(inputs({ saleableArea: dec('99999.99'), projectEvidence: { ...typeEvidence, pricePerSqm: dec('99999999.99') } }));
    expect(market?.price.toFixed(2)).toBe('9999998999000.00');
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
