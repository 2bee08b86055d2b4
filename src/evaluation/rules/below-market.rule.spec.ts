import { dec } from '../../common/money';
import { belowMarketRule } from './below-market.rule';
import { DEFAULT_RULE_SETTINGS, comparableSalesMarket, saleFacts } from '../../../test/factories/rule-facts';

const market = comparableSalesMarket('4000000.00', '47058.82');

function judge(netPrice: string, settings = DEFAULT_RULE_SETTINGS, marketPrice = market) {
  return belowMarketRule(saleFacts({ netPrice: dec(netPrice), market: marketPrice, asOf: '2026-03-05' }), settings);
}

describe('BELOW_MARKET', () => {
  it('does not flag a sale exactly at the threshold, 10% under a 4,000,000.00 market', () => {
    expect(judge('3600000.00')).toBeNull();
  });

  it('does not flag a sale one cent above the threshold', () => {
    expect(judge('3600000.01')).toBeNull();
  });

  it('flags a sale one cent under the threshold as MEDIUM, with the numbers that made it fire', () => {
    expect(judge('3599999.99')).toEqual({
      type: 'BELOW_MARKET',
      severity: 'MEDIUM',
      evidence: {
        netPrice: '3599999.99',
        marketPrice: '4000000.00',
        marketPricePerSqm: '47058.82',
        method: 'COMPARABLE_SALES',
        basis: market.basis,
        belowMarketPct: '10.00',
        threshold: '3600000.00',
        shortfall: '400000.01',
        shortfallPct: '10.00',
        asOf: '2026-03-05',
      },
    });
  });

  it('flags a sale 20% under comparable sales as MEDIUM', () => {
    const finding = judge('3200000.00');
    expect(finding?.severity).toBe('MEDIUM');
    expect(finding?.evidence).toMatchObject({ shortfall: '800000.00', shortfallPct: '20.00' });
  });

  it('is HIGH exactly at a 30% shortfall (2,800,000.00)', () => {
    const finding = judge('2800000.00');
    expect(finding?.severity).toBe('HIGH');
    expect(finding?.evidence).toMatchObject({ shortfall: '1200000.00', shortfallPct: '30.00' });
  });

  it('stays MEDIUM one cent short of a 30% shortfall, although the shortfall rounds to 30.00%', () => {
    const finding = judge('2800000.01');
    expect(finding?.severity).toBe('MEDIUM');
    expect(finding?.evidence).toMatchObject({ shortfall: '1199999.99', shortfallPct: '30.00' });
  });

  it('is HIGH one cent past a 30% shortfall', () => {
    expect(judge('2799999.99')?.severity).toBe('HIGH');
  });

  it('compares with the exact threshold, not the rounded one', () => {
    // 1,234,567.89 × 0.9 = 1,111,111.101: the threshold shows as 1111111.10, yet 1,111,111.10 is under it.
    const finding = judge('1111111.10', DEFAULT_RULE_SETTINGS, comparableSalesMarket('1234567.89', '14524.33'));
    expect(finding?.severity).toBe('MEDIUM');
    expect(finding?.evidence).toMatchObject({ threshold: '1111111.10', shortfall: '123456.79', shortfallPct: '10.00' });
  });

  it("follows a project's own threshold", () => {
    const strict = { ...DEFAULT_RULE_SETTINGS, belowMarketPct: '5.00' };
    expect(judge('3800000.00', strict)).toBeNull();
    expect(judge('3799999.99', strict)?.evidence).toMatchObject({ belowMarketPct: '5.00', threshold: '3800000.00', shortfallPct: '5.00' });
  });

  it('does not fire without a market price, however low the sale', () => {
    expect(belowMarketRule(saleFacts({ netPrice: dec('1.00'), market: null }), DEFAULT_RULE_SETTINGS)).toBeNull();
  });
});
