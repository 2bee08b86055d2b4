import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ServiceProcess } from '../../scripts/child-process';
import { runMigrations } from '../../src/database/migrations';
import { ThrowawayCluster } from './cluster';
import { Answer, FaultDatabase, Ledger, SERVICE_PASSWORD, SERVICE_USER, figure, party, seedLedger, startLedger, unit } from './harness';

const CHECK = 'Read replica (DATABASE_READ_URL on a streaming standby)';

/** A database of a cluster of this test's own, as the harness describes the suite's. */
function databaseOf(cluster: ThrowawayCluster, name: string): FaultDatabase {
  const query = <T>(text: string, params: unknown[] = []) => cluster.query<T>(name, text, params);
  return {
    name,
    ownerUrl: cluster.url(name),
    serviceUrl: cluster.url(name, SERVICE_USER, SERVICE_PASSWORD),
    query,
    async count(table, where = 'true', params = []) {
      const [row] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params);
      return row.n;
    },
  };
}

/** Until the standby has replayed all the WAL the primary has written so far (nothing the service committed is missing there). */
async function replayed(primary: ThrowawayCluster, standby: ThrowawayCluster): Promise<void> {
  const [{ lsn }] = await primary.query<{ lsn: string }>('postgres', 'SELECT pg_current_wal_lsn()::text AS lsn');
  const client = new Client({ connectionString: standby.url('postgres') });
  await client.connect();
  try {
    for (;;) {
      const { rows } = await client.query<{ done: boolean }>('SELECT coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) AS done', [lsn]);
      if (rows[0].done) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    await client.end();
  }
}

function answered200(statuses: Record<string, number>): number {
  return Object.values(statuses).filter((status) => status === 200).length;
}

function ok(answer: Answer, what: string): Answer {
  if (answer.status !== 200) throw new Error(`${what} → ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer;
}

/**
 * The service with DATABASE_URL on a primary and DATABASE_READ_URL on a hot
 * standby made from it with pg_basebackup -R: a report frozen through the
 * primary is served from the standby (it still is with the primary stopped,
 * while writes answer 503); no write reaches the standby (none fails as a
 * read-only transaction); with the standby stopped, the same reads answer 200
 * from the primary and readiness stays 200, showing the replica down.
 */
describe('Read replica', () => {
  let primary: ThrowawayCluster;
  let standby: ThrowawayCluster;
  let db: FaultDatabase;
  let service: ServiceProcess;
  let l: Ledger;
  let reportId: string;
  let frozen: { sha256: string; csv: string };

  const reportPath = () => `/api/projects/${l.projectId}/liquidation-reports/${reportId}`;
  /**
   * The routes that read wholly from the replica, as this test asks them: the frozen report (JSON and a download), its
   * list, the portfolio summary, and list GETs.
   */
  const replicaReads = () => [
    reportPath(),
    `${reportPath()}?format=csv`,
    `/api/projects/${l.projectId}/liquidation-reports`,
    '/api/portfolio/summary?asOf=2026-11-30',
    `/api/audit-flags?projectId=${l.projectId}`,
    '/api/parties',
    `/api/projects/${l.projectId}/units`,
    `/api/projects/${l.projectId}/imports`,
    `/api/projects/${l.projectId}/price-lists`,
    `/api/projects/${l.projectId}/market-prices`,
    '/api/projects',
    `/api/sales?projectId=${l.projectId}`,
  ];
  /** A route that reads its page from the replica but also needs the primary: the audit log first seals any entries left pending. */
  const partlyReplicaReads = () => ['/api/audit-log?order=desc'];

  beforeAll(async () => {
    primary = await ThrowawayCluster.createPrimary();
    const name = `replica_${randomBytes(3).toString('hex')}`;
    await primary.query('postgres', `CREATE DATABASE ${name}`);
    await runMigrations(primary.url(name));
    await primary.query('postgres', `CREATE ROLE ${SERVICE_USER} LOGIN PASSWORD '${SERVICE_PASSWORD}' IN ROLE ledger_service`);
    db = databaseOf(primary, name);
    // The standby is a copy of the migrated primary, roles included; it then follows it.
    standby = await primary.standby();
    service = await startLedger(db, { DATABASE_READ_URL: databaseOf(standby, name).serviceUrl });
    l = await seedLedger(service.baseUrl);
  });
  afterAll(async () => {
    await service?.stop();
    await standby?.destroy();
    await primary?.destroy();
  });

  it('records, runs the audit and freezes a report on the primary: no write reaches the read-only standby', async () => {
    const buyers = [await party(l, 'Replica buyer A'), await party(l, 'Replica buyer B')];
    await l.auditor.create(`/api/projects/${l.projectId}/market-prices`, { asOf: '2026-04-01', pricePerSqm: '10000.00', source: 'APPRAISAL', unitType: '3BR' });
    for (let i = 0; i < 6; i += 1) {
      const unitId = await unit(l, `R-${i}`);
      const sale = await l.clerk.create('/api/sales', {
        unitId, buyerPartyIds: [buyers[i % 2]], contractDate: '2026-05-01', netPrice: i === 5 ? '500000.00' : '1000000.00',
      });
      await l.finance.create(`/api/sales/${sale.id}/payments`, { amount: '1000.00', receivedOn: '2026-05-02', kind: 'DEPOSIT', reference: `dep ${i}` });
    }
    await l.auditor.create(`/api/projects/${l.projectId}/audit-runs`, {});
    // A review reads the flag it changes inside its write: it must be on the primary too.
    await replayed(primary, standby);
    const flags = ok(await l.auditor.get(`/api/audit-flags?projectId=${l.projectId}&status=OPEN`), 'open flags');
    expect(flags.body.items.length).toBeGreaterThan(0);
    await l.auditor.create(`/api/audit-flags/${flags.body.items[0].id}/reviews`, { decision: 'CONFIRM', note: 'Confirmed while the lists read from the replica.' });
    const report = await l.auditor.create(`/api/projects/${l.projectId}/liquidation-reports`, { asOf: '2026-11-30' });
    reportId = report.id;

    expect(service.output()).not.toMatch(/read-only transaction/);
    const [standbyState] = await standby.query<{ recovery: boolean }>('postgres', 'SELECT pg_is_in_recovery() AS recovery');
    expect(standbyState.recovery).toBe(true);
  });

  it('serves the frozen report, its downloads, the portfolio and the lists from the standby, even with the primary stopped', async () => {
    await replayed(primary, standby);
    const ready = ok(await l.api.get('/health/ready'), 'readiness');
    expect(ready.body.replica).toMatchObject({ status: 'up', readsFrom: 'replica', inRecovery: true });

    const json = ok(await l.auditor.get(reportPath()), 'report JSON');
    const csv = ok(await l.auditor.get(`${reportPath()}?format=csv`), 'report CSV');
    frozen = { sha256: json.body.sha256, csv: csv.body as string };
    expect(json.body.id).toBe(reportId);
    for (const path of [...replicaReads(), ...partlyReplicaReads()]) ok(await l.auditor.get(path), path);

    // The service's replica pool is connected to the standby, under its own application name.
    const sessions = await standby.query<{ n: number }>(
      'postgres', 'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND usename = $2 AND application_name = $3',
      [db.name, SERVICE_USER, 'ledger-read-replica'],
    );
    expect(sessions[0].n).toBeGreaterThan(0);

    // Without the primary, only the standby can answer: the reads still do (the auditor's token is known, cached by the
    // service from the requests above), and a write cannot be made.
    await primary.stop('fast');
    const down: Record<string, number> = {};
    for (const path of replicaReads()) down[path] = (await l.auditor.get(path)).status;
    const againJson = await l.auditor.get(reportPath());
    const againCsv = await l.auditor.get(`${reportPath()}?format=csv`);
    const xlsx = await l.auditor.get(`${reportPath()}?format=xlsx`);
    const write = await l.auditor.post('/api/parties', { kind: 'PERSON', name: 'Not while the primary is down' });
    const readiness = await l.api.get('/health/ready');
    await primary.start();

    figure(CHECK, 'replica reads with the primary stopped: answered 200', `${answered200(down)} of ${Object.keys(down).length}`);
    figure(CHECK, 'a write with the primary stopped', write.status);
    expect(Object.entries(down).filter(([, status]) => status !== 200)).toEqual([]);
    expect(againJson.status).toBe(200);
    expect(againJson.body.sha256).toBe(frozen.sha256);
    expect(againCsv.body).toBe(frozen.csv);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(write.status).toBe(503);
    expect(readiness.status).toBe(503);
  });

  it('writes again once the primary is back, and a report frozen a moment ago is found even before the standby has replayed it', async () => {
    const second = await l.auditor.create(`/api/projects/${l.projectId}/liquidation-reports`, { asOf: '2026-11-30' });
    // Asked at once: the standby may not have it yet; a report missing there is looked up on the primary.
    const fresh = ok(await l.auditor.get(`/api/projects/${l.projectId}/liquidation-reports/${second.id}`), 'fresh report');
    expect(fresh.body.sha256).toBe(second.sha256);
    await replayed(primary, standby);
    const list = ok(await l.auditor.get(`/api/projects/${l.projectId}/liquidation-reports`), 'report list');
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([second.id, reportId]);
    expect(service.output()).not.toMatch(/read-only transaction/);
  });

  it('reads from the primary while the standby is stopped, stays ready, and goes back to the standby once it is up', async () => {
    await standby.stop('fast');
    const statuses: Record<string, number> = {};
    for (const path of [...replicaReads(), ...partlyReplicaReads()]) statuses[path] = (await l.auditor.get(path)).status;
    const json = await l.auditor.get(reportPath());
    const write = await l.auditor.post('/api/parties', { kind: 'PERSON', name: 'While the standby is down' });
    const ready = await l.api.get('/health/ready');

    figure(CHECK, 'replica reads with the standby stopped: answered 200', `${answered200(statuses)} of ${Object.keys(statuses).length}`);
    expect(Object.entries(statuses).filter(([, status]) => status !== 200)).toEqual([]);
    expect(json.body.sha256).toBe(frozen.sha256);
    expect(write.status).toBe(201);
    expect(ready.status).toBe(200);
    expect(ready.body.info.database.status).toBe('up');
    expect(ready.body.replica).toMatchObject({ status: 'down', readsFrom: 'primary' });
    expect(service.output()).toMatch(/read replica is unreachable/);

    await standby.start();
    await replayed(primary, standby);
    // The replica is tried again a few seconds after its failure: readiness says when its routes read from it again.
    let state = (await l.api.get('/health/ready')).body.replica;
    while (state.readsFrom !== 'replica') {
      await new Promise((resolve) => setTimeout(resolve, 100));
      state = (await l.api.get('/health/ready')).body.replica;
    }
    expect(state).toMatchObject({ status: 'up', inRecovery: true });
    ok(await l.auditor.get(reportPath()), 'report after the standby is back');
  });
});
