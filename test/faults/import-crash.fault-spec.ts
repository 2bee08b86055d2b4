import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceProcess } from '../../scripts/child-process';
import { PortfolioOptions, writeSalesCsv, writeUnitsCsv } from '../../scripts/portfolio-csv';
import { Api, FaultDatabase, Ledger, figure, newDatabase, seedLedger, startLedger } from './harness';

const ROWS = 50_000;
/** Short leases, so that a job whose owner was killed is found dead within seconds. */
const LEASE = { IMPORT_LEASE_SECONDS: '4', IMPORT_LEASE_RENEW_SECONDS: '1' };

async function send(api: Api, projectId: string, kind: string, path: string) {
  return api.post(`/api/projects/${projectId}/imports?kind=${kind}`, readFileSync(path), { 'Content-Type': 'text/csv' });
}

/** Follows an import until `done` says so, polling its state (the service does the work; the test only looks). */
async function follow(api: Api, importId: string, done: (view: any) => boolean): Promise<any> {
  for (;;) {
    const view = (await api.get(`/api/imports/${importId}`)).body;
    if (done(view)) return view;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * An import survives other processes: killed mid-write it leaves nothing and the
 * file can be sent again; a second process booting meanwhile does not fail it.
 */
describe('imports and other processes', () => {
  let db: FaultDatabase;
  let dir: string;
  const services: ServiceProcess[] = [];
  let l: Ledger;
  let salesCsv: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-fault-import-'));
    db = await newDatabase('imports');
    const first = await startLedger(db, LEASE);
    services.push(first);
    l = await seedLedger(first.baseUrl);
    const options: PortfolioOptions = { prefix: 'K', units: ROWS, seed: 7, days: 300, firstDate: '2025-06-01', pricePerSqm: 30_000 };
    await writeUnitsCsv(join(dir, 'units.csv'), options);
    salesCsv = join(dir, 'sales.csv');
    await writeSalesCsv(salesCsv, options);
    const units = await send(l.admin, l.projectId, 'units', join(dir, 'units.csv'));
    const view = units.status === 202 ? await follow(l.admin, units.body.id, (v) => v.state !== 'RUNNING' && v.state !== 'QUEUED') : units.body;
    expect(view.state).toBe('SUCCEEDED');
  });
  afterAll(async () => {
    for (const service of services) await service.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('kill -9 during a 50,000-row import: no row written, the temp file removed, and the file sent again succeeds while a second process boots', async () => {
    const started = await send(l.clerk, l.projectId, 'sales', salesCsv);
    expect(started.status).toBe(202);
    const killedId = started.body.id as string;
    const writing = await follow(l.clerk, killedId, (v) => v.phase === 'WRITING' && v.rowsDone >= 5_000);
    const [{ temp_path: tempPath }] = await db.query<{ temp_path: string | null }>('SELECT temp_path FROM imports WHERE id = $1', [killedId]);
    process.kill(services[0].pid, 'SIGKILL');
    figure('kill -9 during a 50,000-row sales import', 'rows written when killed (uncommitted)', writing.rowsDone);
    const salesAfterKill = await db.count('sales');
    figure('kill -9 during a 50,000-row sales import', 'sales rows after the kill', salesAfterKill);
    expect(salesAfterKill).toBe(0);
    // What autovacuum may do at any moment now: the killed import's pages recorded as holding no rows.
    await db.query('VACUUM parties, sales, sale_buyers');

    const second = await startLedger(db, LEASE);
    services.push(second);
    const api = new Api(second.baseUrl, l.tokens.clerk);
    // The killed job's lease runs out within seconds: until then the same file is answered 409, naming the job.
    const resentAt = Date.now();
    let resent = await send(api, l.projectId, 'sales', salesCsv);
    let conflicts = 0;
    while (resent.status === 409) {
      conflicts += 1;
      expect(JSON.stringify(resent.body)).toContain(killedId);
      await new Promise((resolve) => setTimeout(resolve, 500));
      resent = await send(api, l.projectId, 'sales', salesCsv);
    }
    figure('kill -9 during a 50,000-row sales import', 're-send: 409 answers before the lease ran out / ms', `${conflicts} / ${Date.now() - resentAt}`);
    expect(resent.status).toBe(202);
    const killed = (await api.get(`/api/imports/${killedId}`)).body;
    expect(killed.state).toBe('FAILED');
    if (tempPath) expect(existsSync(tempPath)).toBe(false);

    // A second process boots while the re-sent import runs: it leaves the job alone.
    await follow(api, resent.body.id, (v) => v.phase === 'WRITING' && v.rowsDone > 0);
    const third = await startLedger(db, LEASE);
    services.push(third);
    const duringBoot = (await new Api(third.baseUrl, l.tokens.clerk).get(`/api/imports/${resent.body.id}`)).body;
    expect(duringBoot.state).toBe('RUNNING');
    const finished = await follow(api, resent.body.id, (v) => v.state !== 'RUNNING' && v.state !== 'QUEUED');
    figure('kill -9 during a 50,000-row sales import', 're-sent import, with a process booted during it', `${finished.state}, ${finished.rowsDone} rows`);
    expect(finished.state).toBe('SUCCEEDED');
    expect(await db.count('sales')).toBe(ROWS);
  });
});
