import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { CanonicalObject, canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('writes the same text as the canonicalize package for any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => expect(canonicalJson(value)).toBe(canonicalize(value))), { numRuns: 2000 });
  });

  it('sorts members by name at every depth, arrays keeping their order', () => {
    const value = { summary: { total: 2, byType: { MISSING_DEPOSIT: 1, BELOW_MARKET: 1 } }, sales: [{ saleId: 'b', amount: '1.00' }, { saleId: 'a' }] };
    expect(canonicalJson(value)).toBe('{"sales":[{"amount":"1.00","saleId":"b"},{"saleId":"a"}],"summary":{"byType":{"BELOW_MARKET":1,"MISSING_DEPOSIT":1},"total":2}}');
  });

  it('orders members named like array indices as text, as the package does, not as JavaScript lists them', () => {
    const value = { b: 1, 10: 'ten', 9: 'nine', a: [{ 2: true, 1: false }] };
    expect(canonicalJson(value)).toBe(canonicalize(value));
    expect(canonicalJson(value)).toBe('{"10":"ten","9":"nine","a":[{"1":false,"2":true}],"b":1}');
  });

  it('keeps a member named "__proto__" as a member', () => {
    const value = JSON.parse('{"z":1,"__proto__":{"x":2}}');
    expect(canonicalJson(value)).toBe('{"__proto__":{"x":2},"z":1}');
  });

  it('leaves out undefined members, writes undefined array items as null, and calls toJSON', () => {
    const value = { gone: undefined, list: [undefined, 1], at: new Date('2026-06-30T09:00:00.000Z') };
    expect(canonicalJson(value)).toBe(canonicalize(value));
    expect(canonicalJson(value)).toBe('{"at":"2026-06-30T09:00:00.000Z","list":[null,1]}');
  });

  it.each([NaN, Infinity])('refuses %p, which JSON cannot hold', (number) => {
    expect(() => canonicalJson({ amount: number })).toThrow(RangeError);
  });
});

describe('CanonicalObject', () => {
  const name = fc.string();
  it('with one more member, writes the same text as canonicalJson of the whole object', () => {
    fc.assert(
      fc.property(fc.dictionary(name, fc.jsonValue()), name, fc.jsonValue(), (value, extra, member) => {
        expect(new CanonicalObject(value).with(extra, member)).toBe(canonicalJson({ ...value, [extra]: member }));
      }),
      { numRuns: 1000 },
    );
  });

  it('puts the added member in its place among the others, replaces one of the same name, and leaves out undefined members', () => {
    const report = new CanonicalObject({ sales: [{ b: 1, a: 2 }], asOf: '2026-06-30', gone: undefined, auditChainHead: 'old' });
    expect(report.with('auditChainHead', { seq: 7, hash: 'h' })).toBe('{"asOf":"2026-06-30","auditChainHead":{"hash":"h","seq":7},"sales":[{"a":2,"b":1}]}');
    expect(report.with('zz', undefined)).toBe('{"asOf":"2026-06-30","auditChainHead":"old","sales":[{"a":2,"b":1}]}');
  });

  it('writes an object with a member named like an array index as canonicalJson does', () => {
    expect(new CanonicalObject({ 7: 'seven', b: [1] }).with('10', 'ten')).toBe('{"10":"ten","7":"seven","b":[1]}');
  });
});
