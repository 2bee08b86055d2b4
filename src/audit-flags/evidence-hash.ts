import { createHash } from 'node:crypto';
import { canonicalJson } from '../common/canonical-json';

/**
 * SHA-256 of a flag's evidence in canonical JSON, without the date it was
 * judged on: re-judging an unchanged condition on another day gives the same
 * hash; a new comparable, relation or reversal gives another.
 */
export function evidenceHash(evidence: Record<string, unknown>): string {
  const { asOf: _asOf, ...rest } = evidence;
  return createHash('sha256').update(canonicalJson(rest), 'utf8').digest('hex');
}
