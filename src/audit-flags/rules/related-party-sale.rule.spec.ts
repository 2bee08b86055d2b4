import { relatedPartySaleRule } from './related-party-sale.rule';
import { DEFAULT_RULE_SETTINGS, saleFacts } from '../../../test/factories/rule-facts';

describe('RELATED_PARTY_SALE', () => {
  it("flags a sale to the CEO's personal staff as MEDIUM, with the path that relates them", () => {
    const paths = [['driver-1', 'PERSONAL_STAFF', 'ceo-1']];
    const facts = saleFacts({ relatedParty: { isRelated: true, paths }, asOf: '2026-03-31' });
    expect(relatedPartySaleRule(facts, DEFAULT_RULE_SETTINGS)).toEqual({
      type: 'RELATED_PARTY_SALE',
      severity: 'MEDIUM',
      evidence: { paths, asOf: '2026-03-31' },
    });
  });

  it('names every path when the buyer is related in several ways', () => {
    const paths = [
      ['buyer-1', 'SAME_PHONE', 'ceo-1'],
      ['buyer-1', 'SPOUSE', 'director-1'],
    ];
    const finding = relatedPartySaleRule(saleFacts({ relatedParty: { isRelated: true, paths } }), DEFAULT_RULE_SETTINGS);
    expect(finding?.evidence.paths).toEqual(paths);
  });

  it("does not flag a sale to an arm's-length buyer", () => {
    expect(relatedPartySaleRule(saleFacts(), DEFAULT_RULE_SETTINGS)).toBeNull();
  });
});
