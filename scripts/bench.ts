import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { configureApp, createHttpAdapter } from '../src/app.setup';
import { MIGRATIONS } from '../src/database/migrations';
import { print, printTargets, report } from './bench-figures';
import { benchRecordingOverHttp } from './bench-http';
import { benchImports } from './bench-import';
import { benchPortfolio } from './bench-portfolio';
import { seedProject } from './bench-seed';

/**
 * `npm run bench`: figures printed as one JSON line each, against a real
 * PostgreSQL (BENCH_DATABASE_URL, default the local server). Medians of
 * several runs; nothing here is asserted.
 */
const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ADMIN_TOKEN = 'bench-admin-token-0123456789';

function urlOf(database: string): string {
  const url = new URL(SERVER);
  url.pathname = `/${database}`;
  return url.toString();
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/**
 * The review queue of a project with 10,000 open flags (topped up with open
 * flags of further types after the audit runs): its first page, sorted by
 * severity, with the counts per severity — what the console shows first.
 */
async function benchReviewQueue(sql: Client, server: Parameters<typeof request>[0], auditor: string, projectId: string): Promise<void> {
  const types = ['MISSING_DEPOSIT', 'EXCESS_DISCOUNT', 'BELOW_MARKET', 'AT_OR_BELOW_COST', 'UNPAID_POSSESSION'];
  const openFlags = async () =>
    (await sql.query(`SELECT count(*)::int AS n FROM audit_flags WHERE project_id = $1 AND status = 'OPEN'`, [projectId])).rows[0].n as number;
  for (const type of types) {
    const missing = 10_000 - (await openFlags());
    if (missing <= 0) break;
    await sql.query(
      `INSERT INTO audit_flags (project_id, sale_id, type, severity, status, rule_version, evidence, raised_at, updated_at)
       SELECT s.project_id, s.id, $2::varchar, (ARRAY['LOW', 'MEDIUM', 'HIGH'])[1 + (row_number() OVER (ORDER BY s.id))::int % 3], 'OPEN', 1,
              jsonb_build_object('bench', true), now() - (row_number() OVER (ORDER BY s.id)) * interval '1 minute', now()
       FROM sales s WHERE s.project_id = $1 AND NOT EXISTS (SELECT 1 FROM audit_flags f WHERE f.sale_id = s.id AND f.type = $2::varchar)
       LIMIT $3`,
      [projectId, type, missing],
    );
  }
  await sql.query('ANALYZE audit_flags');
  const pages: Record<string, number[]> = { first_page: [], awaiting_second_signature: [] };
  const queries = {
    first_page: `status=OPEN&sort=-severity&limit=50`,
    awaiting_second_signature: `awaitingSecondDismissal=true&excludeFirstDismissedBy=me&limit=50`,
  };
  let counts: unknown = null;
  for (let i = 0; i < RUNS * 3; i += 1) {
    for (const [name, query] of Object.entries(queries)) {
      pages[name].push(
        await timed(async () => {
          const response = await request(server).get(`/api/audit-flags?projectId=${projectId}&${query}`).set('Authorization', `Bearer ${auditor}`);
          if (response.status !== 200) throw new Error(`queue failed: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
          if (name === 'first_page') counts = response.body.countsBySeverity;
        }),
      );
    }
  }
  const open = await openFlags();
  for (const [name, values] of Object.entries(pages)) {
    report(`review_queue_10k_open_flags_${name}`, values, 'ms', name === 'first_page' ? { openFlags: open, countsBySeverity: counts } : { openFlags: open });
  }
}

const CHROMIUM = '/usr/bin/chromium';
const CONSOLE_INDEX = resolve(__dirname, '../dist/console/index.html');

/**
 * The same queue as the auditor sees it in the review console: from just before
 * the page is asked for until the first row of the queue's table is on screen,
 * each run in a fresh browser context already holding the auditor's token.
 * Needs Debian's Chromium and the built console (npm run build:console).
 */
async function benchReviewConsole(app: NestFastifyApplication, auditor: string, projectId: string): Promise<void> {
  const figure = 'review_console_10k_open_flags_first_page_on_screen';
  const missing = [!existsSync(CHROMIUM) && `no Chromium at ${CHROMIUM}`, !existsSync(CONSOLE_INDEX) && 'the console is not built (npm run build:console)'].filter(Boolean);
  if (missing.length > 0) return print({ figure, skipped: missing.join('; ') });
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const { chromium } = await import('playwright-core');
  // Without the background-networking flags Chromium keeps calling out.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        await context.addInitScript((token) => (globalThis as unknown as { sessionStorage: { setItem(key: string, value: string): void } }).sessionStorage.setItem('ledger.token', token), auditor);
        const page = await context.newPage();
        times.push(
          await timed(async () => {
            await page.goto(`${base}/console/queue?projectId=${projectId}&status=OPEN&sort=-severity`);
            await page.locator('table tbody tr').first().waitFor({ state: 'visible', timeout: 60_000 });
          }),
        );
      } finally {
        await context.close();
      }
    }
    report(figure, times, 'ms', { viewport: '1280x800', includes: 'navigation + the console bundle + its API calls + render' });
  } catch (error) {
    // The figures after this one do not depend on the console: say why it has none, and go on.
    print({ figure, failed: error instanceof Error ? error.message.split('\n')[0] : String(error) });
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const database = `ledger_bench_${process.pid}`;
  const admin = new Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const migrate = new DataSource({ type: 'postgres', url: urlOf(database), migrations: MIGRATIONS });
  await migrate.initialize();
  await migrate.runMigrations({ transaction: 'each' });
  await migrate.destroy();

  const sql = new Client({ connectionString: urlOf(database) });
  await sql.connect();
  let app: NestFastifyApplication | undefined;
  try {
    // BENCH_ONLY=http: only the figures under HTTP load, about a minute.
    if (process.env.BENCH_ONLY === 'http') return await benchRecordingOverHttp(sql, urlOf(database), ADMIN_TOKEN);
    // BENCH_ONLY=import: only the CSV import figures (BENCH_IMPORT_ROWS, default 10000,100000).
    if (process.env.BENCH_ONLY === 'import') return await benchImports(sql, urlOf(database), ADMIN_TOKEN);
    // BENCH_ONLY=portfolio: only the portfolio summary over BENCH_PORTFOLIO_SALES (default 1,000,000) sales, a few minutes.
    if (process.env.BENCH_ONLY === 'portfolio') return await benchPortfolio(sql, urlOf(database), ADMIN_TOKEN);
    // BENCH_ONLY=report: only the TENK project, its audit-run and liquidation-report figures.
    const reportOnly = process.env.BENCH_ONLY === 'report';
    const ten = await seedProject(sql, 'TENK', 10_000);
    const large = reportOnly ? null : await seedProject(sql, 'LARGE', Number(process.env.BENCH_LARGE_SALES ?? 200_000));

    Object.assign(process.env, { DATABASE_URL: urlOf(database), ADMIN_TOKEN, LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '0' });
    app = await NestFactory.create<NestFastifyApplication>(AppModule, createHttpAdapter(), { bodyParser: false, logger: false });
    await configureApp(app);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    const server = app.getHttpServer();
    const as = (token: string) => ({
      post: (url: string) => request(server).post(url).set('Authorization', `Bearer ${token}`),
    });
    const auditor = (await as(ADMIN_TOKEN).post('/api/users').send({ name: 'Bench auditor', role: 'auditor' })).body.token;
    const clerk = (await as(ADMIN_TOKEN).post('/api/users').send({ name: 'Bench clerk', role: 'clerk' })).body.token;

    let last: Record<string, unknown> = {};
    const auditRun = () =>
      timed(async () => {
        const response = await as(auditor).post(`/api/projects/${ten.projectId}/audit-runs`).send({});
        if (response.status !== 201) throw new Error(`audit run failed: ${response.status} ${JSON.stringify(response.body)}`);
        last = response.body;
      });
    // The first run evaluates every seeded sale for the first time and raises its flags: the most work a run can have.
    report('audit_run_10k_sales_first', [await auditRun()], 'ms', { sales: ten.sales, run: last });
    const auditRuns: number[] = [];
    for (let i = 0; i < RUNS; i += 1) auditRuns.push(await auditRun());
    report('audit_run_10k_sales', auditRuns, 'ms', { sales: ten.sales, lastRun: last });

    const [{ payments }] = (
      await sql.query('SELECT count(*)::int AS payments FROM payments p JOIN sales s ON s.id = p.sale_id WHERE s.project_id = $1', [ten.projectId])
    ).rows;
    let reportId = '';
    const reports: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      reports.push(
        await timed(async () => {
          const response = await as(auditor).post(`/api/projects/${ten.projectId}/liquidation-reports`).send({ asOf: '2026-06-30' });
          if (response.status !== 201) throw new Error(`report failed: ${response.status} ${JSON.stringify(response.body).slice(0, 500)}`);
          reportId = response.body.id;
        }),
      );
    }
    report('liquidation_report_10k_units', reports, 'ms', { units: 10_000, sales: ten.sales, payments, includes: 'judgement as of the date + load + build + freeze' });
    for (const format of ['xlsx', 'pdf'] as const) {
      const renders: number[] = [];
      for (let i = 0; i < Math.min(RUNS, 3); i += 1) {
        renders.push(
          await timed(() =>
            request(server).get(`/api/projects/${ten.projectId}/liquidation-reports/${reportId}?format=${format}`).set('Authorization', `Bearer ${auditor}`).expect(200),
          ),
        );
      }
      report(`liquidation_report_10k_units_${format}`, renders, 'ms');
    }
    await benchReviewQueue(sql, server, auditor, ten.projectId);
    await benchReviewConsole(app, auditor, ten.projectId);
    if (!large) return;

    // Recording a sale in a project of many sales: the comparables come from an index range, not a scan.
    const buyer = (await as(ADMIN_TOKEN).post('/api/parties').send({ kind: 'PERSON', name: 'Bench buyer' })).body.id;
    const recordings: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const [{ id: unitId }] = (
        await sql.query(
          `INSERT INTO units (project_id, unit_no, unit_type, saleable_area, created_at) VALUES ($1, $2, '3BR', 100, now()) RETURNING id`,
          [large.projectId, `NEW-${i}`],
        )
      ).rows;
      recordings.push(
        await timed(async () => {
          const response = await as(clerk).post('/api/sales').send({ unitId, buyerPartyIds: [buyer], contractDate: '2025-06-01', netPrice: '4000000.00' });
          if (response.status !== 201) throw new Error(`sale failed: ${response.status} ${JSON.stringify(response.body)}`);
        }),
      );
    }
    report('record_sale_in_large_project', recordings, 'ms', { salesInProject: large.sales });
    const plan = await sql.query(
      `EXPLAIN (ANALYZE, FORMAT JSON) SELECT count(*), sum(net_price), sum(saleable_area) FROM sales
       WHERE project_id = $1 AND unit_type = '3BR' AND status = 'ACTIVE' AND NOT related_party AND contract_date BETWEEN '2025-03-03' AND '2025-08-30'`,
      [large.projectId],
    );
    const root = plan.rows[0]['QUERY PLAN'][0];
    const scans = JSON.stringify(root.Plan).match(/"Node Type":"[^"]+"/g);
    print({ figure: 'comparables_query_plan', executionMs: root['Execution Time'], nodes: scans });

    // Under load, from outside: the service and a bare INSERT endpoint in their own processes, autocannon in a third.
    await app.close();
    app = undefined;
    await benchRecordingOverHttp(sql, urlOf(database), ADMIN_TOKEN);
    await benchImports(sql, urlOf(database), ADMIN_TOKEN);
    await benchPortfolio(sql, urlOf(database), ADMIN_TOKEN);
  } finally {
    printTargets();
    await app?.close();
    await sql.end();
    // BENCH_KEEP_DATABASE=1 keeps it, to look at its plans and rows afterwards.
    if (process.env.BENCH_KEEP_DATABASE) process.stdout.write(`kept database ${database}\n`);
    else await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
