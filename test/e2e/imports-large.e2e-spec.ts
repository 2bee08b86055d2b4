import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImportLeases } from '../../src/imports/import-leases';
import { PortfolioOptions, writeSalesCsv, writeUnitsCsv } from '../../scripts/portfolio-csv';
import { LedgerFactory } from '../factories/ledger';
import { TestApp, createTestApp } from '../utils/test-app';

const ROOT = join(__dirname, '..', '..');

/** Large files: a job whose progress can be followed, and that leaves nothing behind when killed. */
describe('large CSV imports (e2e)', () => {
  let t: TestApp;
  let f: LedgerFactory;
  const dir = mkdtempSync(join(tmpdir(), 'ledger-import-test-'));

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-06-30T09:00:00.000Z' });
    f = await LedgerFactory.create(t);
  });
  afterAll(() => t.close());

  const importFile = (projectId: string, kind: string, path: string, agent = f.as.admin) => f.importFile(projectId, kind, path, agent);

  it('imports 100,000 sales rows', async () => {
    const project = await f.project();
    const options: PortfolioOptions = { prefix: 'L', units: 100_000, seed: 11, days: 700, firstDate: '2024-07-01', pricePerSqm: 45000 };
    await writeUnitsCsv(join(dir, 'units.csv'), options);
    await writeSalesCsv(join(dir, 'sales.csv'), options);
    expect(await importFile(project.id, 'units', join(dir, 'units.csv'))).toMatchObject({ state: 'SUCCEEDED', result: { unitsCreated: 100_000 } });
    const sales = await importFile(project.id, 'sales', join(dir, 'sales.csv'), f.as.clerk);
    expect(sales).toMatchObject({ state: 'SUCCEEDED', rowsTotal: 100_000, rowsDone: 100_000, result: { salesCreated: 100_000, partiesCreated: 100_000 } });
    const { rows } = await t.db.sql.query(
      `SELECT count(*)::int AS sales, count(*) FILTER (WHERE market_method = 'COMPARABLE_SALES')::int AS priced FROM sales WHERE project_id = $1`,
      [project.id],
    );
    expect(rows[0].sales).toBe(100_000);
    expect(rows[0].priced).toBeGreaterThan(99_000);
    expect((await t.as(await t.tokenFor('auditor')).get('/api/audit-log/verify').expect(200)).body.ok).toBe(true);
  }, 900_000);

  it('leaves no partial data when the importing process is killed mid-way', async () => {
    const project = await f.project();
    const options: PortfolioOptions = { prefix: 'K', units: 30_000, seed: 12, days: 400, firstDate: '2025-05-01', pricePerSqm: 40000 };
    await writeUnitsCsv(join(dir, 'k-units.csv'), options);
    await writeSalesCsv(join(dir, 'k-sales.csv'), options);
    await importFile(project.id, 'units', join(dir, 'k-units.csv'));

    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'scripts/import.ts', '--project', project.code, '--kind', 'sales', '--file', join(dir, 'k-sales.csv')],
      { cwd: ROOT, env: { PATH: process.env.PATH, DATABASE_URL: t.db.url }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        // Killed once it is writing rows, well before it could finish.
        if (/writing \[[^\]]*\] [1-9]\d*\/30000/.test(output)) resolve();
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      void exited.then(() => reject(new Error(`the import ended before it was killed:\n${output}`)));
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const count = async () => (await t.db.sql.query('SELECT count(*)::int AS n FROM sales WHERE project_id = $1', [project.id])).rows[0].n;
    expect(await count()).toBe(0);
    const { rows } = await t.db.sql.query(`SELECT id, state FROM imports WHERE project_id = $1 AND kind = 'sales'`, [project.id]);
    expect(rows).toEqual([{ id: expect.any(String), state: 'RUNNING' }]);

    // Once its lease has run out (made so here, not waited for), the sweep marks it failed, and the same file can be sent again.
    await t.db.sql.query(`UPDATE imports SET lease_expires_at = now() - interval '1 second' WHERE id = $1`, [rows[0].id]);
    await t.app.get(ImportLeases).sweep();
    expect((await t.admin.get(`/api/imports/${rows[0].id}`).expect(200)).body).toMatchObject({ state: 'FAILED', failure: expect.stringContaining('owner stopped') });
    const retried = await importFile(project.id, 'sales', join(dir, 'k-sales.csv'), f.as.clerk);
    expect(retried).toMatchObject({ state: 'SUCCEEDED', result: { salesCreated: 30_000 } });
    expect(await count()).toBe(30_000);
  }, 900_000);
});
