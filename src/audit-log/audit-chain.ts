import { createHash } from 'node:crypto';
import { canonicalJson } from '../common/canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntryContent {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  data: unknown;
}

export interface AuditEntry extends AuditEntryContent {
  prevHash: string;
  hash: string;
}

/**
 * The entry's canonical JSON (RFC 8785) up to its seq: `seq` sorts after every
 * other key, so the whole canonical JSON is `head + seq + '}'`. The head can be
 * made before the entry's place in the chain is known (see audit_log_append).
 */
export function canonicalHead(content: Omit<AuditEntryContent, 'seq'>): string {
  const canonical = canonicalJson({
    at: content.at,
    actor: content.actor,
    action: content.action,
    entityType: content.entityType,
    entityId: content.entityId,
    data: content.data,
  });
  return `${canonical.slice(0, -1)},"seq":`;
}

/** `sha256(prevHash + canonical JSON of the entry)`, canonical per RFC 8785. */
export function hashEntry(prevHash: string, content: AuditEntryContent): string {
  return createHash('sha256').update(`${prevHash}${canonicalHead(content)}${content.seq}}`, 'utf8').digest('hex');
}

export interface ChainCursor {
  expectedSeq: number;
  prevHash: string;
}

/** Where the chain stands: its last entry, or seq 0 with the genesis hash (and no time) while it is empty. */
export interface ChainHead {
  seq: number;
  hash: string;
  at: string | null;
}

export const EMPTY_CHAIN_HEAD: ChainHead = { seq: 0, hash: GENESIS_HASH, at: null };

export const CHAIN_START: ChainCursor = { expectedSeq: 1, prevHash: GENESIS_HASH };

/**
 * Checks the next entry against the chain so far. Returns the cursor for the
 * entry after it, or null when this entry breaks the chain (a gap, a wrong
 * link, or content that no longer matches its hash).
 */
export function checkNextEntry(cursor: ChainCursor, entry: AuditEntry): ChainCursor | null {
  if (entry.seq !== cursor.expectedSeq) return null;
  if (entry.prevHash !== cursor.prevHash) return null;
  if (hashEntry(entry.prevHash, entry) !== entry.hash) return null;
  return { expectedSeq: entry.seq + 1, prevHash: entry.hash };
}
