import { dec } from '../../common/money';
import { atOrBelowCostRule } from './at-or-below-cost.rule';
import { DEFAULT_RULE_SETTINGS, saleFacts } from '../../../test/factories/rule-facts';

function judge(netPrice: string, costPrice: string | null) {
  return atOrBelowCostRule(
    saleFacts({ netPrice: dec(netPrice), costPrice: costPrice === null ? null : dec(costPrice), asOf: '2026-03-02' }),
    DEFAULT_RULE_SETTINGS,
  );
}

describe('AT_OR_BELOW_COST', () => {
  it('flags a sale exactly at cost price as MEDIUM with a zero margin', () => {
    expect(judge('3000000.00', '3000000.00')).toEqual({
      type: 'AT_OR_BELOW_COST',
      severity: 'MEDIUM',
      evidence: { netPrice: '3000000.00', costPrice: '3000000.00', margin: '0.00', asOf: '2026-03-02' },
    });
  });

  it('flags a sale one cent below cost with a negative margin', () => {
    const finding = judge('2999999.99', '3000000.00');
    expect(finding?.severity).toBe('MEDIUM');
    expect(finding?.evidence.margin).toBe('-0.01');
  });

  it('does not flag a sale one cent above cost', () => {
    expect(judge('3000000.01', '3000000.00')).toBeNull();
  });

  it('does not fire when the cost price is unknown', () => {
    expect(judge('1.00', null)).toBeNull();
  });
});
