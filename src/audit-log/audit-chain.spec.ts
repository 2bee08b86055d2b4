import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { AuditEntry, CHAIN_START, ChainCursor, GENESIS_HASH, checkNextEntry, hashEntry } from './audit-chain';

function chain(count: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq += 1) {
    const content = {
      seq, at: `2026-01-0${seq}T00:00:00.000Z`, actor: 'u1', action: 'project.created',
      entityType: 'project', entityId: `p${seq}`, data: { amount: '100.00', nested: { b: 1, a: 2 } },
    };
    const hash = hashEntry(prevHash, content);
    entries.push({ ...content, prevHash, hash });
    prevHash = hash;
  }
  return entries;
}

function firstBad(entries: AuditEntry[]): number | null {
  let cursor: ChainCursor = CHAIN_START;
  for (const entry of entries) {
    const next = checkNextEntry(cursor, entry);
    if (!next) return entry.seq;
    cursor = next;
  }
  return null;
}

describe('audit chain', () => {
  it('accepts an untouched chain', () => {
    expect(firstBad(chain(5))).toBeNull();
  });

  it('hashes sha256(prevHash + the RFC 8785 canonical JSON of the whole entry)', () => {
    const content = {
      seq: 12_345, at: '2026-01-01T00:00:00.000Z', actor: 'u1', action: 'sale.recorded', entityType: 'sale', entityId: 's1',
      data: { netPrice: '3000000.00', buyers: [{ name: '王芳', id: 'p1' }], zeta: null, alpha: 1.5, emoji: '\u{1F3E0}' },
    };
    const expected = createHash('sha256').update(GENESIS_HASH + canonicalize(content)!, 'utf8').digest('hex');
    expect(hashEntry(GENESIS_HASH, content)).toBe(expected);
  });

  it('hashes the same content the same way whatever the key order', () => {
    const base = { seq: 1, at: 'x', actor: 'a', action: 'b', entityType: 'c', entityId: 'd' };
    expect(hashEntry(GENESIS_HASH, { ...base, data: { a: 1, b: 2 } })).toBe(hashEntry(GENESIS_HASH, { ...base, data: { b: 2, a: 1 } }));
  });

  it('names the entry whose data was changed', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2], data: { amount: '1.00' } };
    expect(firstBad(entries)).toBe(3);
  });

  it('names the entry after a deleted one', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(firstBad(entries)).toBe(3);
  });

  it('names a re-hashed entry by the broken link that follows it', () => {
    const entries = chain(5);
    const forged = { ...entries[1], actor: 'intruder' };
    forged.hash = hashEntry(forged.prevHash, forged);
    entries[1] = forged;
    expect(firstBad(entries)).toBe(3);
  });
});
