import { inlined, known, mapRead, query, together } from './read';

describe('reads', () => {
  it('puts reads together in order, each answered with its own rows', () => {
    const read = together({
      a: query('SELECT x FROM a WHERE id = $1', ['1'], (rows: Array<{ x: number }>) => rows.map((row) => row.x)),
      none: known('nothing to read'),
      b: together({
        c: query('SELECT y FROM c', [], (rows) => rows.length),
        d: mapRead(query('SELECT z FROM d', [], (rows: Array<{ z: string }>) => rows[0].z), (z) => z.toUpperCase()),
      }),
    });
    expect(read.queries.map((q) => q.sql)).toEqual(['SELECT x FROM a WHERE id = $1', 'SELECT y FROM c', 'SELECT z FROM d']);
    expect(read.map([[{ x: 1 }, { x: 2 }], [{}, {}, {}], [{ z: 'q' }]])).toEqual({ a: [1, 2], none: 'nothing to read', b: { c: 3, d: 'Q' } });
  });

  it('writes parameters in as literals, quotes doubled, arrays and nulls as PostgreSQL reads them', () => {
    expect(
      inlined({
        sql: 'SELECT $1::text, $2::uuid[], $3, $10, $4::date',
        params: ["O'Brien \\ co", ['a', 'b"c'], null, '2026-01-02', 5, 6, 7, 8, 9, true],
      }),
    ).toBe(`SELECT  E'O''Brien \\\\ co'::text,  E'{"a","b\\\\"c"}'::uuid[], NULL, 'true', '2026-01-02'::date`);
  });

  it('refuses a query that names a parameter it does not have', () => {
    expect(() => inlined({ sql: 'SELECT $2', params: ['x'] })).toThrow('a query refers to $2 of 1 parameters');
  });
});
