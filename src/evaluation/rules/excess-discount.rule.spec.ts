import { dec } from '../../common/money';
import { excessDiscountRule } from './excess-discount.rule';
import { DEFAULT_RULE_SETTINGS, saleDiscounts, saleFacts } from '../../../test/factories/rule-facts';

const batchB1 = saleDiscounts('B1', [{ code: 'FULL', percent: '5.00' }]);

function judge(netPrice: string, overrides: Parameters<typeof saleFacts>[0] = {}) {
  return excessDiscountRule(
    saleFacts({ netPrice: dec(netPrice), listPrice: dec('3500000.00'), discounts: batchB1, asOf: '2026-03-02', ...overrides }),
    DEFAULT_RULE_SETTINGS,
  );
}

describe('EXCESS_DISCOUNT', () => {
  it("does not flag a sale exactly at the batch's lowest published price (list less 5%)", () => {
    expect(judge('3325000.00')).toBeNull();
  });

  it('does not flag a sale one cent above the lowest published price', () => {
    expect(judge('3325000.01')).toBeNull();
  });

  it('flags a sale one cent below the lowest published price as MEDIUM, naming the batch', () => {
    expect(judge('3324999.99')).toEqual({
      type: 'EXCESS_DISCOUNT',
      severity: 'MEDIUM',
      evidence: {
        listPrice: '3500000.00',
        batchNo: 'B1',
        priceListId: 'pl-B1',
        buyerIsStaff: false,
        discounts: [{ code: 'FULL', percent: '5.00', stackable: false, eligibility: 'ALL', counted: true, why: 'LARGEST_NON_STACKABLE' }],
        largestDiscountPct: '5.00',
        lowestPublishedPrice: '3325000.00',
        netPrice: '3324999.99',
        excessDiscount: '0.01',
        discountPct: '5.00',
        asOf: '2026-03-02',
      },
    });
  });

  it('flags a 20% discount where the batch published at most 5%', () => {
    expect(judge('2800000.00')?.evidence).toMatchObject({ excessDiscount: '525000.00', discountPct: '20.00' });
  });

  it('treats a batch without published discounts as allowing none', () => {
    const noDiscounts = saleDiscounts('B1', []);
    expect(judge('3500000.00', { discounts: noDiscounts })).toBeNull();
    expect(judge('3499999.99', { discounts: noDiscounts })?.evidence).toMatchObject({ lowestPublishedPrice: '3500000.00', excessDiscount: '0.01' });
  });

  it('does not fire without a batch or without a list price', () => {
    expect(judge('1.00', { discounts: null })).toBeNull();
    expect(judge('1.00', { listPrice: null })).toBeNull();
  });

  describe('discounts that stack, and discounts for staff', () => {
    // List 1,000,000; EARLY 2% and FULL 3% stack; VIP 5% and LAUNCH 4% do not.
    const published = [
      { code: 'EARLY', percent: '2.00', stackable: true },
      { code: 'FULL', percent: '3.00', stackable: true },
      { code: 'VIP', percent: '5.00' },
      { code: 'LAUNCH', percent: '4.00' },
    ];
    const judgeOn = (netPrice: string, discounts: ReturnType<typeof saleDiscounts>) =>
      excessDiscountRule(saleFacts({ netPrice: dec(netPrice), listPrice: dec('1000000.00'), discounts }), DEFAULT_RULE_SETTINGS);

    it('combines two stackable discounts as (1 − 2%)(1 − 3%): exactly 950,600.00 is a published deal', () => {
      const both = saleDiscounts('B1', published.slice(0, 2));
      expect(both.combinedPct.toFixed(2)).toBe('4.94');
      expect(judgeOn('950600.00', both)).toBeNull();
      expect(judgeOn('950599.99', both)?.evidence).toMatchObject({ lowestPublishedPrice: '950600.00', largestDiscountPct: '4.94' });
    });

    it('stacks the stackable ones with the largest non-stackable one only: 0.98 × 0.97 × 0.95', () => {
      const all = saleDiscounts('B1', published);
      expect(judgeOn('903070.00', all)).toBeNull();
      const finding = judgeOn('903069.99', all);
      expect(finding?.evidence).toMatchObject({ lowestPublishedPrice: '903070.00' });
      expect((finding?.evidence.discounts as Array<{ code: string; counted: boolean; why: string }>).map((d) => [d.code, d.counted, d.why])).toEqual([
        ['EARLY', true, 'STACKS'],
        ['FULL', true, 'STACKS'],
        ['LAUNCH', false, 'SMALLER_NON_STACKABLE'],
        ['VIP', true, 'LARGEST_NON_STACKABLE'],
      ]);
    });

    it('never stacks two non-stackable discounts', () => {
      const two = saleDiscounts('B1', published.slice(2));
      expect(judgeOn('950000.00', two)).toBeNull();
      expect(judgeOn('912000.00', two)).not.toBeNull();
    });

    it('counts a STAFF discount only for a buyer who is an insider or related to one', () => {
      const staff = [{ code: 'STAFF', percent: '10.00', eligibility: 'STAFF' as const }, { code: 'FULL', percent: '3.00' }];
      expect(judgeOn('900000.00', saleDiscounts('B1', staff, true))).toBeNull();
      const outsider = judgeOn('900000.00', saleDiscounts('B1', staff, false));
      expect(outsider?.evidence).toMatchObject({ lowestPublishedPrice: '970000.00', buyerIsStaff: false });
      expect((outsider?.evidence.discounts as Array<{ code: string; why: string }>).find((d) => d.code === 'STAFF')?.why).toBe('STAFF_ONLY');
    });
  });
});
