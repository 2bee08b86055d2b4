import { dec } from '../../common/money';
import { excessDiscountRule } from './excess-discount.rule';
import { DEFAULT_RULE_SETTINGS, saleFacts } from '../../../test/factories/rule-facts';

const batchB1 = { priceListId: 'pl-B1', batchNo: 'B1', largestDiscountPct: dec('5.00') };

function judge(netPrice: string, overrides: Parameters<typeof saleFacts>[0] = {}) {
  return excessDiscountRule(
    saleFacts({ netPrice: dec(netPrice), listPrice: dec('3500000.00'), batch: batchB1, asOf: '2026-03-02', ...overrides }),
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
    const noDiscounts = { ...batchB1, largestDiscountPct: dec('0') };
    expect(judge('3500000.00', { batch: noDiscounts })).toBeNull();
    expect(judge('3499999.99', { batch: noDiscounts })?.evidence).toMatchObject({ lowestPublishedPrice: '3500000.00', excessDiscount: '0.01' });
  });

  it('does not fire without a batch or without a list price', () => {
    expect(judge('1.00', { batch: null })).toBeNull();
    expect(judge('1.00', { listPrice: null })).toBeNull();
  });
});
