import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PortfolioOptions, writeSalesCsv, writeUnitsCsv } from '../../scripts/portfolio-csv';
import { LedgerFactory } from '../factories/ledger';
import { TestApp, createTestApp } from '../utils/test-app';

const ROWS = 3_000;

/**
 * After an aborted import, autovacuum records its tables' pages as holding no
 * rows; the next import's thousands of new sales and parties must not be
 * judged with plans made for empty tables (a 50,000-row import took many
 * minutes so). An import refreshes the statistics of what it wrote before
 * judging it.
 */
describe('planner statistics after an import (e2e)', () => {
  let t: TestApp;
  let f: LedgerFactory;
  const dir = mkdtempSync(join(tmpdir(), 'ledger-import-stats-'));

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-06-30T09:00:00.000Z' });
    f = await LedgerFactory.create(t);
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const importFile = (projectId: string, kind: string, path: string, agent = f.as.admin) => f.importFile(projectId, kind, path, agent);

  const estimate = async (table: string) =>
    (await t.db.sql.query<{ reltuples: number }>('SELECT reltuples::int AS reltuples FROM pg_class WHERE oid = $1::regclass', [table])).rows[0].reltuples;

  it('judges an import with statistics that count its own rows, even after an aborted one', async () => {
    const project = await f.project();
    const options: PortfolioOptions = { prefix: 'S', units: ROWS, seed: 5, days: 200, firstDate: '2025-09-01', pricePerSqm: 38000 };
    await writeUnitsCsv(join(dir, 'units.csv'), options);
    await writeSalesCsv(join(dir, 'sales.csv'), options);
    expect(await importFile(project.id, 'units', join(dir, 'units.csv'))).toMatchObject({ state: 'SUCCEEDED' });

    // An aborted bulk write, then vacuumed: the tables have pages and, to the planner, no rows.
    const client = await t.db.sql.connect();
    try {
      await client.query('BEGIN');
      await client.query(`INSERT INTO parties (kind, name, created_at) SELECT 'PERSON', 'aborted ' || n, now() FROM generate_series(1, ${ROWS}) n`);
      await client.query('ROLLBACK');
      await client.query('VACUUM parties, sales, sale_buyers');
    } finally {
      client.release();
    }
    expect(await estimate('parties')).toBeLessThan(100);
    expect(await estimate('sales')).toBeLessThan(100);

    const sales = await importFile(project.id, 'sales', join(dir, 'sales.csv'), f.as.clerk);
    expect(sales).toMatchObject({ state: 'SUCCEEDED', rowsDone: ROWS });
    expect(await estimate('parties')).toBeGreaterThanOrEqual(ROWS * 0.9);
    expect(await estimate('sales')).toBeGreaterThanOrEqual(ROWS * 0.9);
    expect(await estimate('sale_buyers')).toBeGreaterThanOrEqual(ROWS * 0.9);
  }, 600_000);
});
