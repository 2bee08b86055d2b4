import { relatedPartySaleRule } from './related-party-sale.rule';
import { relatedReferrerRule } from './related-referrer.rule';
import { DEFAULT_RULE_SETTINGS, relatedBuyers, saleFacts } from '../../../test/factories/rule-facts';

describe('RELATED_PARTY_SALE', () => {
  it("flags a sale to the CEO's personal staff as MEDIUM, with the path that relates them and who is on it", () => {
    const buyers = relatedBuyers(['driver-1', 'PERSONAL_STAFF', 'ceo-1']);
    const facts = saleFacts({ buyers, asOf: '2026-03-31' });
    expect(relatedPartySaleRule(facts, DEFAULT_RULE_SETTINGS)).toEqual({
      type: 'RELATED_PARTY_SALE',
      severity: 'MEDIUM',
      evidence: {
        paths: [['driver-1', 'PERSONAL_STAFF', 'ceo-1']],
        parties: { 'driver-1': { name: 'driver-1', insiderRole: null }, 'ceo-1': { name: 'ceo-1', insiderRole: 'CEO' } },
        asOf: '2026-03-31',
      },
    });
  });

  it('names every path when the buyer is related in several ways', () => {
    const paths = [
      ['buyer-1', 'SAME_PHONE', 'ceo-1'],
      ['buyer-1', 'SPOUSE', 'director-1'],
    ];
    const finding = relatedPartySaleRule(saleFacts({ buyers: relatedBuyers(...paths) }), DEFAULT_RULE_SETTINGS);
    expect(finding?.evidence.paths).toEqual(paths);
  });

  it("does not flag a sale to an arm's-length buyer", () => {
    expect(relatedPartySaleRule(saleFacts(), DEFAULT_RULE_SETTINGS)).toBeNull();
  });

  it('is not raised by a related referrer: the buyer decides whether the sale is related', () => {
    const referrer = { partyId: 'agent-1', ...relatedBuyers(['agent-1', 'FAMILY', 'ceo-1']) };
    expect(relatedPartySaleRule(saleFacts({ referrer }), DEFAULT_RULE_SETTINGS)).toBeNull();
  });
});

describe('RELATED_REFERRER', () => {
  const referrer = { partyId: 'agent-1', ...relatedBuyers(['agent-1', 'FAMILY', 'ceo-1']) };

  it("flags an arm's-length sale introduced by the CEO's relative as MEDIUM, with the referrer's path", () => {
    expect(relatedReferrerRule(saleFacts({ referrer, asOf: '2026-04-01' }), DEFAULT_RULE_SETTINGS)).toEqual({
      type: 'RELATED_REFERRER',
      severity: 'MEDIUM',
      evidence: { referrerPartyId: 'agent-1', paths: referrer.paths, parties: referrer.parties, asOf: '2026-04-01' },
    });
  });

  it('stays quiet when a buyer is related too (RELATED_PARTY_SALE says more), or when the referrer is not related', () => {
    expect(relatedReferrerRule(saleFacts({ referrer, buyers: relatedBuyers(['b', 'SPOUSE', 'ceo-1']) }), DEFAULT_RULE_SETTINGS)).toBeNull();
    expect(relatedReferrerRule(saleFacts({ referrer: { partyId: 'agent-2', isRelated: false, paths: [], parties: {} } }), DEFAULT_RULE_SETTINGS)).toBeNull();
  });
});
