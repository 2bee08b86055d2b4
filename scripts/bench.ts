import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/app.setup';
import { MIGRATIONS } from '../src/database/migrations';
import { print, report } from './bench-figures';
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
  let app: NestExpressApplication | undefined;
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

    Object.assign(process.env, { DATABASE_URL: urlOf(database), ADMIN_TOKEN, LOG_LEVEL: 'silent' });
    app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false, logger: false });
    configureApp(app);
    await app.init();
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
    await app?.close();
    await sql.end();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
