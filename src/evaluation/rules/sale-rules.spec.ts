import { dec } from '../../common/money';
import { SaleFacts } from './rule-facts';
import { DEFAULT_RULE_SETTINGS, comparableSalesMarket, relatedBuyers, saleDiscounts, saleFacts } from '../../../test/factories/rule-facts';
import { evaluateSaleRules } from './sale-rules';

const related = relatedBuyers(['buyer-1', 'SPOUSE', 'director-1']);
const twentyPercentUnderMarket: Partial<SaleFacts> = { netPrice: dec('3200000.00'), market: comparableSalesMarket('4000000.00', '47058.82') };

function severities(facts: SaleFacts) {
  return evaluateSaleRules(facts, DEFAULT_RULE_SETTINGS).map((finding) => [finding.type, finding.severity]);
}

describe('evaluating every sale rule', () => {
  it('finds nothing on an ordinary sale', () => {
    expect(evaluateSaleRules(saleFacts(), DEFAULT_RULE_SETTINGS)).toEqual([]);
  });

  it('keeps what each rule said on an arm\'s-length sale', () => {
    const [belowMarket] = evaluateSaleRules(saleFacts(twentyPercentUnderMarket), DEFAULT_RULE_SETTINGS);
    expect(belowMarket.type).toBe('BELOW_MARKET');
    expect(belowMarket.severity).toBe('MEDIUM');
    expect(belowMarket.evidence).not.toHaveProperty('baseSeverity');
    expect(belowMarket.evidence).not.toHaveProperty('escalatedBy');
  });

  it('turns a MEDIUM below-market finding HIGH on a related-party sale, recording the base severity', () => {
    const findings = evaluateSaleRules(saleFacts({ ...twentyPercentUnderMarket, buyers: related }), DEFAULT_RULE_SETTINGS);
    expect(findings.map((finding) => finding.type)).toEqual(['RELATED_PARTY_SALE', 'BELOW_MARKET']);
    const [relatedParty, belowMarket] = findings;
    expect(relatedParty).toEqual({
      type: 'RELATED_PARTY_SALE',
      severity: 'MEDIUM',
      evidence: { paths: related.paths, parties: related.parties, asOf: '2026-03-01' },
    });
    expect(belowMarket.severity).toBe('HIGH');
    expect(belowMarket.evidence).toMatchObject({ shortfallPct: '20.00', baseSeverity: 'MEDIUM', escalatedBy: 'RELATED_PARTY_SALE' });
  });

  it('records HIGH as the base severity of a finding that was already HIGH on a related-party sale', () => {
    const facts = saleFacts({ buyers: related, handovers: [{ handedOverOn: '2026-03-02', occupied: false }], asOf: '2026-03-03' });
    const unpaid = evaluateSaleRules(facts, DEFAULT_RULE_SETTINGS).find((finding) => finding.type === 'UNPAID_POSSESSION');
    expect(unpaid?.severity).toBe('HIGH');
    expect(unpaid?.evidence).toMatchObject({ baseSeverity: 'HIGH', escalatedBy: 'RELATED_PARTY_SALE' });
  });

  it('still judges a cancelled sale on its signed terms, but not on payments or possession', () => {
    const facts = saleFacts({
      status: 'CANCELLED',
      buyers: related,
      netPrice: dec('3000000.00'),
      costPrice: dec('3000000.00'),
      market: comparableSalesMarket('4000000.00', '47058.82'),
      listPrice: dec('3500000.00'),
      discounts: saleDiscounts('B1', [{ code: 'FULL', percent: '5.00' }]),
      handovers: [{ handedOverOn: '2026-03-15', occupied: true }],
      asOf: '2026-06-30',
    });
    expect(severities(facts)).toEqual([
      ['RELATED_PARTY_SALE', 'MEDIUM'],
      ['BELOW_MARKET', 'HIGH'],
      ['AT_OR_BELOW_COST', 'HIGH'],
      ['EXCESS_DISCOUNT', 'HIGH'],
    ]);
  });
});
