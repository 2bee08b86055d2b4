import { resolve } from 'node:path';
import { describeDatabase } from './describe-database';

describe('describeDatabase (the start line)', () => {
  it('names the embedded database’s folder as an absolute path', () => {
    expect(describeDatabase({ DATA_DIR: './data' })).toBe(`embedded PostgreSQL (PGlite) in ${resolve('./data')}`);
  });

  it('names the server, database and user of a URL, never its password', () => {
    const text = describeDatabase({ DATABASE_URL: 'postgres://ledger_app:s3cret-pass@db.internal:6432/ledger', DATA_DIR: './data' });
    expect(text).toBe('PostgreSQL db.internal:6432/ledger as ledger_app');
    expect(text).not.toContain('s3cret');
    expect(describeDatabase({ DATABASE_URL: 'postgresql://db/ledger', DATA_DIR: './data' })).toBe('PostgreSQL db:5432/ledger as the default user');
  });
});
