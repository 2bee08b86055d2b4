import { Finding, RuleSettings, SaleFacts } from './flag-types';

/** A buyer or the referrer is an insider or joined to one (SPEC §4.1); the paths say how. */
export function relatedPartySaleRule(facts: SaleFacts, _settings: RuleSettings): Finding<'RELATED_PARTY_SALE'> | null {
  if (!facts.relatedParty.isRelated) return null;
  return {
    type: 'RELATED_PARTY_SALE',
    severity: 'MEDIUM',
    evidence: { paths: facts.relatedParty.paths, asOf: facts.asOf },
  };
}
