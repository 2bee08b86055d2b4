import canonicalize from 'canonicalize';

/** A member name JavaScript lists before all others, in numeric order, whatever the order it was added in. */
const ARRAY_INDEX = /^(0|[1-9]\d*)$/;

class IndexLikeMemberName extends Error {}

/** The value with every object's members re-added in canonical (UTF-16 code unit) order of their names. */
function withSortedMembers(value: unknown): unknown {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`${value} has no JSON form`);
    return value;
  }
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return withSortedMembers(toJSON.call(value));
  if (Array.isArray(value)) {
    const items = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i += 1) {
      const item: unknown = value[i];
      items[i] = item === undefined || typeof item === 'symbol' ? null : withSortedMembers(item);
    }
    return items;
  }
  // No prototype: a member named "__proto__" stays a member.
  const sorted: Record<string, unknown> = Object.create(null);
  for (const name of Object.keys(value).sort()) {
    const member: unknown = (value as Record<string, unknown>)[name];
    if (member === undefined || typeof member === 'symbol') continue;
    if (ARRAY_INDEX.test(name) && Number(name) < 2 ** 32 - 1) throw new IndexLikeMemberName();
    sorted[name] = withSortedMembers(member);
  }
  return sorted;
}

/**
 * The canonical JSON (RFC 8785) of plain data, the same text as the
 * `canonicalize` package writes, in a fraction of its time: the package builds
 * its text one member at a time by string concatenation, which takes seconds
 * for the tens of megabytes of a large report, where JSON.stringify writes a
 * copy with sorted members at native speed. An object with a member named like
 * an array index ("7"), which JavaScript would list first, goes the slow way.
 */
export function canonicalJson(value: unknown): string {
  try {
    return JSON.stringify(withSortedMembers(value)) ?? '';
  } catch (error) {
    if (error instanceof IndexLikeMemberName) return canonicalize(value) ?? '';
    throw error;
  }
}

/**
 * The canonical JSON of an object written member by member, so that most of
 * it can be written ahead: `with(name, member)` gives the canonical JSON of the
 * object with one more member, the same text as `canonicalJson`, by joining
 * the members' texts in order. A report writes its content this way before it
 * reads the audit chain's head, and adds the head after.
 */
export class CanonicalObject {
  private readonly members = new Map<string, string>();

  constructor(private readonly value: object) {
    for (const [name, member] of Object.entries(value)) this.set(name, member);
  }

  with(name: string, member: unknown): string {
    const members = new Map(this.members);
    const text = canonicalMember(member);
    if (text === undefined) members.delete(name);
    else members.set(name, text);
    const names = [...members.keys()];
    // Members named like array indices are listed by JavaScript before the others: the whole object, as canonicalJson writes it.
    if (names.some((n) => ARRAY_INDEX.test(n))) return canonicalJson({ ...this.value, [name]: member });
    return `{${names.sort().map((n) => `${JSON.stringify(n)}:${members.get(n)}`).join(',')}}`;
  }

  private set(name: string, member: unknown): void {
    const text = canonicalMember(member);
    if (text !== undefined) this.members.set(name, text);
  }
}

/** A member's canonical JSON, or undefined for a member JSON leaves out. */
function canonicalMember(member: unknown): string | undefined {
  if (member === undefined || typeof member === 'symbol' || typeof member === 'function') return undefined;
  return canonicalJson(member);
}
