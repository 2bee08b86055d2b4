import { Finding } from '../../audit-flags/flag-types';
import { RuleSettings, SaleFacts } from './rule-facts';

/** A buyer is an insider or joined to one (docs/api-guide.md, Parties and relations); the paths say how, and the parties on them are named. */
export function relatedPartySaleRule(facts: SaleFacts, _settings: RuleSettings): Finding<'RELATED_PARTY_SALE'> | null {
  if (!facts.buyers.isRelated) return null;
  return {
    type: 'RELATED_PARTY_SALE',
    severity: 'MEDIUM',
    evidence: { paths: facts.buyers.paths, parties: facts.buyers.parties, asOf: facts.asOf },
  };
}
