import { Finding } from '../../audit-flags/flag-types';
import { RuleSettings, SaleFacts } from './rule-facts';

/**
 * The party who introduced an arm's-length buyer is related to the developer
 * (docs/api-guide.md, Parties and relations): the sale is not a related-party sale, but an insider may
 * have steered it. Where a buyer is related, RELATED_PARTY_SALE says more.
 */
export function relatedReferrerRule(facts: SaleFacts, _settings: RuleSettings): Finding<'RELATED_REFERRER'> | null {
  const { referrer } = facts;
  if (!referrer?.isRelated || facts.buyers.isRelated) return null;
  return {
    type: 'RELATED_REFERRER',
    severity: 'MEDIUM',
    evidence: { referrerPartyId: referrer.partyId, paths: referrer.paths, parties: referrer.parties, asOf: facts.asOf },
  };
}
