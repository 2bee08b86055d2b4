import { composeStatements } from './statement';

describe('composeStatements', () => {
  it('renumbers each statement’s parameters after those of the statements before it', () => {
    const composed = composeStatements([
      { sql: 'INSERT INTO a (x, y) VALUES ($1, $2)', params: ['x', 'y'] },
      { sql: 'INSERT INTO b (z) SELECT unnest($1::text[]) WHERE $1 IS NOT NULL', params: [['z']] },
      { sql: 'INSERT INTO c (u, v) VALUES ($2, $1)', params: ['v', 'u'] },
    ]);
    expect(composed.sql).toBe(
      'WITH w0 AS (INSERT INTO a (x, y) VALUES ($1, $2)),\n' +
        'w1 AS (INSERT INTO b (z) SELECT unnest($3::text[]) WHERE $3 IS NOT NULL),\n' +
        'w2 AS (INSERT INTO c (u, v) VALUES ($5, $4))\nSELECT 1 AS written',
    );
    expect(composed.params).toEqual(['x', 'y', ['z'], 'v', 'u']);
  });

  it('refuses a statement that names a parameter it does not have, and an empty write', () => {
    expect(() => composeStatements([{ sql: 'INSERT INTO a VALUES ($2)', params: ['x'] }])).toThrow('statement 0 refers to $2 of 1 parameters');
    expect(() => composeStatements([])).toThrow('nothing to write');
  });
});
