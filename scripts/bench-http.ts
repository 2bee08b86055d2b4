import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { median, print, round } from './bench-figures';
import type { LoadResult, LoadSettings } from './bench-load';
import { seedProject } from './bench-seed';
import { RunningProcess, runChild, startChild, startService } from './child-process';

/**
 * Recording sales over HTTP with the rules on, beside the floor: a bare
 * node:http endpoint doing one parameterised INSERT of the same sale row
 * through `pg`. Each runs in its own child process and autocannon loads it
 * from a third (scripts/bench-load.ts), the same way, in the same run,
 * alternately; medians of BENCH_LOAD_RUNS runs after a short warm-up.
 *
 * Targets to report against (nothing asserted): the service's rate at least
 * 30 % of the bare endpoint's, and its p99 under 50 ms at 50 connections.
 */
const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_LOAD_WARMUP_SECONDS ?? 3);
const RUNS = Number(process.env.BENCH_LOAD_RUNS ?? 2);
/** Fresh units to sell: each sale needs its own (one active sale per unit). */
const UNITS = Number(process.env.BENCH_LOAD_UNITS ?? 60_000);
/** Sales already in the load project: the comparables its new sales are priced against. */
const HISTORY = Number(process.env.BENCH_LOAD_HISTORY ?? 2_000);

/** A fresh project of HISTORY sold units, then UNITS unsold ones, priced in its three price lists. */
export async function seedLoadProject(sql: Client): Promise<{ projectId: string; unitIds: string[]; buyerPartyIds: string[] }> {
  const { projectId } = await seedProject(sql, 'LOAD', HISTORY);
  const { rows: units } = await sql.query(
    `INSERT INTO units (project_id, unit_no, building, floor, unit_type, saleable_area, cost_price, created_at)
     SELECT $1, 'N-' || n, ((n % 20) + 1)::text, (n % 40) + 1, (ARRAY['1BR','2BR','3BR','4BR'])[(n % 4) + 1],
            60 + (n % 4) * 20 + (n % 7), (60 + (n % 4) * 20 + (n % 7)) * 30000, now()
     FROM generate_series(1, $2) n
     RETURNING id`,
    [projectId, UNITS],
  );
  await sql.query(
    `INSERT INTO price_list_items (price_list_id, unit_id, list_price)
     SELECT pl.id, u.id, round(u.saleable_area * per_sqm.price, 2)
     FROM price_lists pl
     JOIN (VALUES ('B1', 42000), ('B2', 44000), ('B3', 43000)) AS per_sqm (batch_no, price) ON per_sqm.batch_no = pl.batch_no
     JOIN units u ON u.project_id = pl.project_id AND u.unit_no LIKE 'N-%'
     WHERE pl.project_id = $1`,
    [projectId],
  );
  // Ten arm's-length buyers, the director of the developer (an insider) and one of his personal staff (a related party).
  const names = [...Array.from({ length: 10 }, (_, i) => i + 1), Math.min(2000, HISTORY), 250].map((n) => `Buyer LOAD-${n}`);
  const { rows: buyers } = await sql.query('SELECT id FROM parties WHERE name = ANY($1)', [names]);
  await sql.query('ANALYZE');
  return { projectId, unitIds: units.map((u) => u.id), buyerPartyIds: buyers.map((b) => b.id) };
}

/**
 * `bare_sales`: `LIKE sales INCLUDING ALL` (the same columns, defaults, CHECKs
 * and every index: primary key, the partial unique one-active-per-unit, the
 * comparables index with its INCLUDE and WHERE, ...) plus the same foreign
 * keys, and a copy of the rows of `sales`, so that the bare INSERT maintains
 * indexes as large as the service's and checks the same references. Not
 * copied: the triggers of `sales`, which fire only on UPDATE, DELETE and
 * TRUNCATE, never on an INSERT.
 */
async function createBareSales(sql: Client): Promise<void> {
  await sql.query('CREATE TABLE bare_sales (LIKE sales INCLUDING ALL)');
  await sql.query(`
    ALTER TABLE bare_sales
      ADD FOREIGN KEY (project_id) REFERENCES projects (id),
      ADD FOREIGN KEY (unit_id) REFERENCES units (id),
      ADD FOREIGN KEY (price_list_id) REFERENCES price_lists (id),
      ADD FOREIGN KEY (referrer_party_id) REFERENCES parties (id)`);
  await sql.query('INSERT INTO bare_sales SELECT * FROM sales');
  await sql.query('VACUUM ANALYZE bare_sales');
}

/** CPU time used so far by a process, in ms (Linux /proc; clock ticks of 10 ms), or undefined elsewhere. */
function cpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** Busy and total jiffies of the whole machine so far (Linux /proc/stat). */
function machineTicks(): { busy: number; total: number } | undefined {
  try {
    const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = values.map(Number);
    const busy = user + nice + system + irq + softirq + steal;
    return { busy, total: busy + idle + iowait };
  } catch {
    return undefined;
  }
}

/** A server under load: its process, and the application_name its database connections carry. */
interface Target {
  pid: number;
  applicationName: string;
  /** The database server runs on this machine: its backends' CPU time can be read. */
  local: boolean;
}

/** Its database URL with an application_name, by which pg_stat_activity tells its backends from the others. */
function tagged(databaseUrl: string, applicationName: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('application_name', applicationName);
  return url.toString();
}

/** Waits (at most 15 s) until no backend of the target's pool is in a statement or a transaction. */
async function settled(sql: Client, target: Target): Promise<void> {
  for (let waited = 0; waited < 15_000; waited += 100) {
    const [{ busy }] = (
      await sql.query(`SELECT count(*)::int AS busy FROM pg_stat_activity WHERE application_name = $1 AND state <> 'idle'`, [target.applicationName])
    ).rows;
    if (busy === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Sampled {
  /** CPU ms per request of the server process, of the database backends of its pool, and of autocannon. */
  serverCpuMsPerRequest?: number;
  postgresCpuMsPerRequest?: number;
  loadGeneratorCpuMsPerRequest?: number;
  /** Of the whole machine, over the run. */
  machineBusyPct?: number;
  /** What the backends of its pool were doing: share of samples taken every 50 ms. */
  backends: Record<string, number>;
}

/**
 * Watches a load run from the side: the CPU used by the server process and
 * by the backends of its pool (when the database is local), and what those
 * backends are doing (pg_stat_activity): waiting for the app inside a
 * transaction, waiting on a lock, or working.
 */
async function sampled(sql: Client, target: Target, run: () => Promise<LoadResult>): Promise<LoadResult & Sampled> {
  const backendPids = async (): Promise<number[]> =>
    (await sql.query('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [target.applicationName])).rows.map((r) => r.pid);
  const postgresBefore = new Map((await backendPids()).map((pid) => [pid, cpuMs(pid)]));
  const serverBefore = cpuMs(target.pid);
  const machineBefore = machineTicks();
  const states = new Map<string, number>();
  let samples = 0;
  let running = true;
  const watching = (async () => {
    while (running) {
      const { rows } = await sql.query(
        'SELECT state, wait_event_type, wait_event FROM pg_stat_activity WHERE application_name = $1',
        [target.applicationName],
      );
      for (const row of rows) {
        const state =
          row.state === 'active'
            ? row.wait_event_type ? `waiting ${row.wait_event_type}:${row.wait_event}` : 'working'
            : (row.state ?? 'connecting');
        states.set(state, (states.get(state) ?? 0) + 1);
        samples += 1;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  let result: LoadResult;
  try {
    result = await run();
  } finally {
    running = false;
    await watching;
  }
  // Requests still queued in the server when autocannon hung up go on for a while: they belong to this run.
  await settled(sql, target);
  const serverAfter = cpuMs(target.pid);
  const machineAfter = machineTicks();
  let postgres: number | undefined = target.local ? 0 : undefined;
  for (const pid of target.local ? await backendPids() : []) {
    const after = cpuMs(pid);
    if (after === undefined) postgres = undefined;
    else if (postgres !== undefined) postgres += after - (postgresBefore.get(pid) ?? 0);
  }
  const perRequest = (ms: number | undefined) => (ms === undefined || result.requests === 0 ? undefined : round(ms / result.requests, 2));
  return {
    ...result,
    serverCpuMsPerRequest: perRequest(serverAfter !== undefined && serverBefore !== undefined ? serverAfter - serverBefore : undefined),
    postgresCpuMsPerRequest: perRequest(postgres),
    loadGeneratorCpuMsPerRequest: perRequest(result.cpuMs),
    machineBusyPct:
      machineBefore && machineAfter ? round((100 * (machineAfter.busy - machineBefore.busy)) / (machineAfter.total - machineBefore.total)) : undefined,
    backends: Object.fromEntries(
      [...states]
        .sort((a, b) => b[1] - a[1])
        .map(([state, n]): [string, number] => [state, round(n / Math.max(samples, 1), 3)])
        .filter(([, share]) => share > 0),
    ),
  };
}

interface LoadFigure {
  rps: number;
  p99?: number;
  /** Non-2xx answers and connection errors over the runs: any makes the figure invalid. */
  failures: number;
  /** Runs that ran out of units before their time was up. */
  cutShort: number;
}

function loadFigure(figure: string, runs: Array<LoadResult & Sampled>, extra: Record<string, unknown>): LoadFigure {
  const of = (pick: (run: LoadResult & Sampled) => number | undefined) => {
    const values = runs.map(pick).filter((v): v is number => v !== undefined);
    return values.length ? round(median(values), 2) : undefined;
  };
  const rps = round(median(runs.map((r) => r.rps)));
  const p99 = of((r) => r.p99);
  const non2xx = runs.reduce((sum, r) => sum + r.non2xx, 0);
  const errors = runs.reduce((sum, r) => sum + r.errors, 0);
  print({
    figure,
    rps,
    p50: of((r) => r.p50),
    p99,
    non2xx,
    errors,
    connections: CONNECTIONS,
    runs: runs.length,
    secondsPerRun: SECONDS,
    unit: 'rps: requests/s; p50, p99: ms',
    ...extra,
    perRun: runs.map((r) => ({
      rps: round(r.rps), p50: r.p50, p99: r.p99, max: r.max, requests: r.requests, non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts,
      ...(r.stoppedEarly ? { stoppedEarly: true } : {}),
      ...(Object.keys(r.statusCodes).some((code) => !code.startsWith('2')) ? { statusCodes: r.statusCodes, refusals: r.refusals } : {}),
    })),
    serverCpuMsPerRequest: of((r) => r.serverCpuMsPerRequest),
    postgresCpuMsPerRequest: of((r) => r.postgresCpuMsPerRequest),
    loadGeneratorCpuMsPerRequest: of((r) => r.loadGeneratorCpuMsPerRequest),
    machineBusyPct: of((r) => r.machineBusyPct),
    backendsLastRun: runs[runs.length - 1].backends,
  });
  return { rps, p99, failures: non2xx + errors, cutShort: runs.filter((r) => r.stoppedEarly).length };
}

export async function benchRecordingOverHttp(sql: Client, databaseUrl: string, adminToken: string): Promise<void> {
  const local = ['127.0.0.1', 'localhost', '[::1]', ''].includes(new URL(databaseUrl).hostname);
  const project = await seedLoadProject(sql);
  await createBareSales(sql);
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-'));
  const unitsFile = join(dir, 'units.json');
  writeFileSync(unitsFile, JSON.stringify(project.unitIds));
  const children: RunningProcess[] = [];
  try {
    const service = await startService({
      DATABASE_URL: tagged(databaseUrl, 'bench-service'), ADMIN_TOKEN: adminToken, PORT: '0', LOG_LEVEL: 'silent',
    });
    children.push(service);
    const bare = await startChild('scripts/bench-bare.ts', { DATABASE_URL: tagged(databaseUrl, 'bench-bare'), PORT: '0' }, /Listening on (http:\/\/\S+?) /);
    children.push(bare.process);
    const floorToken = 'bench-stack-floor-token';
    const floor = await startChild(
      'scripts/bench-stack-floor.ts', { DATABASE_URL: tagged(databaseUrl, 'bench-floor'), PORT: '0', TOKEN: floorToken }, /Listening on (http:\/\/\S+?) /,
    );
    children.push(floor.process);
    // The service says localhost; autocannon is to use IPv4 like the bare endpoint.
    const serviceUrl = service.baseUrl.replace('//localhost', '//127.0.0.1');
    const clerk = await fetch(`${serviceUrl}/api/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Load clerk', role: 'clerk' }),
    });
    if (clerk.status !== 201) throw new Error(`could not make a clerk: ${clerk.status} ${await clerk.text()}`);
    const { token } = (await clerk.json()) as { token: string };

    let serviceFrom = 0;
    const loadService = async (seconds: number): Promise<LoadResult & Sampled> => {
      const result = await sampled(sql, { pid: service.pid, applicationName: 'bench-service', local }, () =>
        load({ url: `${serviceUrl}/api/sales`, token, unitsFile, from: serviceFrom, buyerPartyIds: project.buyerPartyIds, connections: CONNECTIONS, seconds }),
      );
      serviceFrom += result.unitsUsed;
      return result;
    };
    // The bare endpoint and the stack floor sell the same units again from the first, each run into a table back to its starting rows.
    const loadFloorOrBare = async (target: 'bare' | 'floor', seconds: number): Promise<LoadResult & Sampled> => {
      await sql.query(`DELETE FROM bare_sales WHERE created_by = 'bare'`);
      await sql.query('VACUUM bare_sales');
      const child = target === 'bare' ? bare : floor;
      return sampled(sql, { pid: child.process.pid, applicationName: `bench-${target}`, local }, () =>
        load({
          url: `${child.ready[1]}/sales`, ...(target === 'floor' ? { token: floorToken } : {}), unitsFile, from: 0,
          buyerPartyIds: project.buyerPartyIds, connections: CONNECTIONS, seconds,
        }),
      );
    };
    const loadBare = (seconds: number) => loadFloorOrBare('bare', seconds);
    const loadFloor = (seconds: number) => loadFloorOrBare('floor', seconds);

    if (WARMUP_SECONDS > 0) {
      await loadService(WARMUP_SECONDS);
      await loadBare(WARMUP_SECONDS);
      await loadFloor(WARMUP_SECONDS);
    }
    const serviceRuns: Array<LoadResult & Sampled> = [];
    const bareRuns: Array<LoadResult & Sampled> = [];
    const floorRuns: Array<LoadResult & Sampled> = [];
    for (let i = 0; i < RUNS; i += 1) {
      await sql.query('CHECKPOINT');
      serviceRuns.push(await loadService(SECONDS));
      await sql.query('CHECKPOINT');
      bareRuns.push(await loadBare(SECONDS));
      await sql.query('CHECKPOINT');
      floorRuns.push(await loadFloor(SECONDS));
    }
    const recorded = loadFigure('record_sale_http', serviceRuns, { salesInProject: HISTORY, buyers: project.buyerPartyIds.length });
    const bareFigure = loadFigure('bare_insert_http', bareRuns, { what: 'node:http + pg Pool(10), one INSERT … SELECT of the sale row into bare_sales' });
    const floorFigure = loadFigure('stack_floor_insert_http', floorRuns, {
      what: 'NestJS + Fastify (the service’s JSON body parser) + pino-http + the service’s ValidationPipe and RecordSaleDto + a token guard + TypeORM Pool(10), the same one INSERT',
    });
    const failures = recorded.failures + bareFigure.failures + floorFigure.failures;
    print({
      figure: 'record_sale_vs_bare_ratio',
      ratio: round(recorded.rps / bareFigure.rps, 3),
      target: '>= 0.40',
      serviceRps: recorded.rps,
      bareRps: bareFigure.rps,
      serviceP99: recorded.p99,
      p99Target: '< 100 ms',
      connections: CONNECTIONS,
      // Where the gap lies: the stack every route runs on, and then the work of recording a sale.
      stackFloorVsBareRatio: round(floorFigure.rps / bareFigure.rps, 3),
      serviceVsStackFloorRatio: round(recorded.rps / floorFigure.rps, 3),
      ...(failures > 0 ? { invalid: 'non-2xx answers or connection errors: see perRun' } : {}),
      ...(recorded.cutShort + bareFigure.cutShort + floorFigure.cutShort > 0 ? { cutShort: 'a run ran out of units (raise BENCH_LOAD_UNITS): see perRun' } : {}),
    });
  } finally {
    for (const child of children.reverse()) await child.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function load(settings: LoadSettings): Promise<LoadResult> {
  return JSON.parse(await runChild('scripts/bench-load.ts', [JSON.stringify(settings)]));
}
