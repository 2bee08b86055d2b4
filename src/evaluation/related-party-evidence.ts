import { RelatedPartyPath } from '../parties/related-party-graph';

/** A party named on a related-party path. */
export interface PathParty {
  name: string;
  insiderRole: string | null;
}

/**
 * Whether some parties of a sale (its buyers, or its referrer) are related to
 * the developer, the paths that say how (party ids alternating with the
 * relationship or shared identifier that links them), and who each party on
 * those paths is.
 */
export interface RelatedPartyEvidence {
  isRelated: boolean;
  paths: RelatedPartyPath[];
  parties: Record<string, PathParty>;
}

export const NOT_RELATED: RelatedPartyEvidence = Object.freeze({ isRelated: false, paths: [], parties: {} }) as RelatedPartyEvidence;
