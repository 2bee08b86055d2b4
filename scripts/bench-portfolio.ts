import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { Client } from 'pg';
import { defaultTimeZoneFor } from '../src/projects/time-zone';
import { median, print, report, round } from './bench-figures';
import { startService } from './child-process';

/**
 * The portfolio summary over a ledger of BENCH_PORTFOLIO_SALES sales (default
 * 1,000,000) in twenty projects, through the running service (its own
 * process), beside one hand-written SQL aggregate of the same totals run
 * straight through `pg`. Both must give the same totals; medians of BENCH_RUNS
 * runs, alternately, after one warm-up each.
 *
 * Target to report against (nothing asserted): the service within 2× the SQL.
 */
const SALES = Number(process.env.BENCH_PORTFOLIO_SALES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PROJECTS = 20;
const AS_OF = '2025-12-31';

/**
 * Loads generated rows into these tables quickly: their secondary indexes are
 * dropped, then rebuilt from their own definitions read back from the catalogue
 * (a unique one that no longer holds fails the seeding), and foreign keys are
 * not checked row by row (`session_replication_role`, which needs a superuser,
 * as the bench server's `postgres` is), the rows being generated from those
 * they refer to. Together they take a million sales from about three minutes
 * to about one.
 */
async function bulkLoad(sql: Client, tables: string[], load: () => Promise<void>): Promise<void> {
  const { rows: indexes } = await sql.query(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i
     WHERE i.indrelid = ANY($1::regclass[]) AND NOT EXISTS (SELECT FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [tables],
  );
  for (const index of indexes) await sql.query(`DROP INDEX ${index.name}`);
  await sql.query('SET session_replication_role = replica');
  try {
    await load();
  } finally {
    await sql.query('RESET session_replication_role');
    for (const index of indexes) await sql.query(index.definition);
  }
}

/**
 * Twenty projects written straight into PostgreSQL with set-based SQL: units
 * (one in twenty never sold), one sale per sold unit over 2024–2026 (some
 * signed after the as-of date, one in 33 cancelled, some of those after it,
 * one in 40 related-party, four in five with a market price), one to three
 * payments per sale (some received after the as-of date, one instalment in
 * 25 reversed a week later), OPEN and CLEARED flags on sales, and an OPEN
 * price-list flag per project before and after the as-of date.
 */
async function seedPortfolio(sql: Client): Promise<{ sales: number; payments: number; openFlags: number }> {
  const { rows: projects } = await sql.query(
    `INSERT INTO projects (code, name, currency, time_zone, city, settings, created_at)
     SELECT 'PF-' || lpad(n::text, 2, '0'), 'Portfolio project ' || n, 'CNY', $2, 'Shenzhen', '{}', now() FROM generate_series(1, $1) n
     RETURNING id`,
    [PROJECTS, defaultTimeZoneFor('CNY')],
  );
  const projectIds = projects.map((project) => project.id);
  await bulkLoad(sql, ['units', 'sales', 'payments', 'audit_flags'], async () => {
    const units = Math.round(SALES * 1.05);
    await sql.query(
      `INSERT INTO units (project_id, unit_no, unit_type, saleable_area, cost_price, created_at)
       SELECT ($1::uuid[])[(n % $3) + 1], 'PF-' || n, (ARRAY['1BR','2BR','3BR','4BR'])[(n % 4) + 1],
              60 + (n % 4) * 20 + (n % 7), (60 + (n % 4) * 20 + (n % 7)) * 30000, now()
       FROM generate_series(1, $2) n`,
      [projectIds, units, PROJECTS],
    );
    await sql.query(
      `INSERT INTO sales (project_id, unit_id, unit_type, saleable_area, contract_date, list_price, net_price, created_at, created_by,
                          status, cancelled_on, cancel_reason, related_party, market_price, market_price_per_sqm, market_method, evaluated_at)
       SELECT u.project_id, u.id, u.unit_type, u.saleable_area, u.contract_date,
              round(u.saleable_area * (42000 + (u.n % 50) * 100), 2), u.net_price, now(), 'bench',
              CASE WHEN u.n % 33 = 0 THEN 'CANCELLED' ELSE 'ACTIVE' END,
              CASE WHEN u.n % 33 = 0 THEN u.contract_date + (u.n % 400)::int END,
              CASE WHEN u.n % 33 = 0 THEN 'bench' END,
              u.n % 40 = 0,
              CASE WHEN u.n % 5 <> 0 THEN round(u.saleable_area * (39000 + (u.n % 80) * 50), 2) END,
              CASE WHEN u.n % 5 <> 0 THEN 39000 + (u.n % 80) * 50 END,
              CASE WHEN u.n % 5 <> 0 THEN 'PROJECT_EVIDENCE' END,
              now()
       FROM (SELECT u.*, n, date '2024-01-01' + ((n * 7) % 820)::int AS contract_date,
                    round(u.saleable_area * (40000 + (n % 50) * 100) * CASE WHEN n % 97 = 0 THEN 0.7 ELSE 1 END, 2) AS net_price
             FROM units u CROSS JOIN LATERAL (SELECT split_part(u.unit_no, '-', 2)::int AS n) number
             WHERE u.project_id = ANY($1::uuid[]) AND n <= $2) u`,
      [projectIds, SALES],
    );
    // A deposit, then up to two instalments sixty days apart; one sale in seven overpays a little.
    await sql.query(
      `INSERT INTO payments (sale_id, amount, received_on, kind, created_at, created_by)
       SELECT s.id, round(s.net_price * CASE WHEN k = 0 THEN 0.2 ELSE 0.3 END + CASE WHEN h % 7 = 0 THEN 0.01 ELSE 0 END, 2),
              s.contract_date + 5 + k * 60, CASE WHEN k = 0 THEN 'DEPOSIT' ELSE 'INSTALLMENT' END, now(), 'bench'
       FROM (SELECT s.*, abs(hashtext(s.id::text)::bigint) AS h FROM sales s WHERE s.project_id = ANY($1::uuid[])) s
       CROSS JOIN generate_series(0, 2) k
       WHERE k <= s.h % 3`,
      [projectIds],
    );
    await sql.query(
      `INSERT INTO payments (sale_id, amount, received_on, kind, reversal_of, reason, created_at, created_by)
       SELECT p.sale_id, -p.amount, p.received_on + 7, p.kind, p.id, 'bounced', now(), 'bench'
       FROM payments p JOIN sales s ON s.id = p.sale_id
       WHERE s.project_id = ANY($1::uuid[]) AND p.kind = 'INSTALLMENT' AND p.amount > 0 AND abs(hashtext(p.id::text)::bigint) % 25 = 0`,
      [projectIds],
    );
    await sql.query(
      `INSERT INTO audit_flags (project_id, sale_id, type, severity, status, rule_version, evidence, raised_at, updated_at)
       SELECT s.project_id, s.id, t.type, CASE WHEN s.related_party THEN 'HIGH' ELSE 'MEDIUM' END,
              CASE WHEN abs(hashtext(s.id::text)::bigint) % 3 = 0 THEN 'CLEARED' ELSE 'OPEN' END, 1, '{}', now(), now()
       FROM sales s
       JOIN (VALUES ('BELOW_MARKET', 1), ('RELATED_PARTY_SALE', 2), ('MISSING_DEPOSIT', 3)) AS t (type, rule)
         ON (t.rule = 1 AND s.market_price > s.net_price * 1.1) OR (t.rule = 2 AND s.related_party)
            OR (t.rule = 3 AND abs(hashtext(s.id::text)::bigint) % 50 = 0)
       WHERE s.project_id = ANY($1::uuid[])`,
      [projectIds],
    );
  });
  for (const [batch, issuedOn] of [['B1', '2024-06-01'], ['B2', '2026-03-01']]) {
    await sql.query(
      `WITH lists AS (
         INSERT INTO price_lists (project_id, batch_no, issued_on, created_at) SELECT id, $2, $3, now() FROM unnest($1::uuid[]) id
         RETURNING id, project_id)
       INSERT INTO audit_flags (project_id, price_list_id, unit_type, type, severity, status, rule_version, evidence, raised_at, updated_at)
       SELECT project_id, id, '3BR', 'PRICE_BELOW_EARLIER_BATCH', 'MEDIUM', 'OPEN', 1, '{}', now(), now() FROM lists`,
      [projectIds, batch, issuedOn],
    );
  }
  await sql.query('ANALYZE');
  const count = async (query: string) => (await sql.query(query, [projectIds])).rows[0].n as number;
  return {
    sales: await count('SELECT count(*)::int AS n FROM sales WHERE project_id = ANY($1::uuid[])'),
    payments: await count('SELECT count(*)::int AS n FROM payments p JOIN sales s ON s.id = p.sale_id WHERE s.project_id = ANY($1::uuid[])'),
    openFlags: await count(`SELECT count(*)::int AS n FROM audit_flags WHERE project_id = ANY($1::uuid[]) AND status = 'OPEN'`),
  };
}

/**
 * The totals over every project as of the date, written by hand from the report's definition (docs/api-guide.md, Liquidation reports),
 * independently of the service's statement: the included sales, the payments
 * received on them by then, what each related-party sale still owes, and the
 * OPEN flags of included sales and of price lists issued by then.
 */
const TOTALS_SQL = `
  WITH open_flags AS (
    SELECT f.type, f.severity FROM audit_flags f JOIN sales s ON s.id = f.sale_id
    WHERE f.status = 'OPEN' AND s.contract_date <= $1 AND coalesce(s.cancelled_on > $1, true)
    UNION ALL
    SELECT f.type, f.severity FROM audit_flags f JOIN price_lists pl ON pl.id = f.price_list_id
    WHERE f.status = 'OPEN' AND pl.issued_on <= $1
  )
  SELECT (SELECT count(*) FROM units)::int AS "unitsTotal",
         sold.sales::int AS "unitsSold",
         round(sold.contract_value, 2)::text AS "contractValue",
         round(cash.received, 2)::text AS "cashReceived",
         round(sold.contract_value - cash.received, 2)::text AS "receivables",
         round(related.owed, 2)::text AS "relatedPartyReceivables",
         round(sold.shortfall, 2)::text AS "marketShortfall",
         (SELECT count(*) FROM open_flags)::int AS "openFlags",
         (SELECT coalesce(jsonb_object_agg(type, n), '{}') FROM (SELECT type, count(*) AS n FROM open_flags GROUP BY type) t) AS "byType",
         (SELECT coalesce(jsonb_object_agg(severity, n), '{}') FROM (SELECT severity, count(*) AS n FROM open_flags GROUP BY severity) t) AS "bySeverity"
  FROM (SELECT count(*) AS sales, coalesce(sum(net_price), 0) AS contract_value,
               coalesce(sum(market_price - net_price) FILTER (WHERE market_price > net_price), 0) AS shortfall
        FROM sales WHERE contract_date <= $1 AND coalesce(cancelled_on > $1, true)) sold,
       (SELECT coalesce(sum(p.amount), 0) AS received FROM payments p JOIN sales s ON s.id = p.sale_id
        WHERE p.received_on <= $1 AND s.contract_date <= $1 AND coalesce(s.cancelled_on > $1, true)) cash,
       (SELECT coalesce(sum(outstanding), 0) AS owed
        FROM (SELECT s.net_price - coalesce(sum(p.amount), 0) AS outstanding
              FROM sales s LEFT JOIN payments p ON p.sale_id = s.id AND p.received_on <= $1
              WHERE s.related_party AND s.contract_date <= $1 AND coalesce(s.cancelled_on > $1, true)
              GROUP BY s.id, s.net_price) lines
        WHERE outstanding > 0) related`;

async function totalsBySql(sql: Client): Promise<Record<string, unknown>> {
  const [{ openFlags, byType, bySeverity, ...figures }] = (await sql.query(TOTALS_SQL, [AS_OF])).rows;
  return { ...figures, unitsUnsold: figures.unitsTotal - figures.unitsSold, openFlags: { total: openFlags, byType, bySeverity } };
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

export async function benchPortfolio(sql: Client, databaseUrl: string, adminToken: string): Promise<void> {
  const seeding = await timed(() => seedPortfolio(sql));
  const seeded = seeding.result;
  const [{ salesInLedger }] = (await sql.query('SELECT count(*)::int AS "salesInLedger" FROM sales')).rows;

  // The same session setting as the service's pool (src/database/database.module.ts), for a fair comparison.
  const direct = new Client({ connectionString: databaseUrl, options: '-c jit=off' });
  await direct.connect();
  const service = await startService({ DATABASE_URL: databaseUrl, ADMIN_TOKEN: adminToken, LOG_LEVEL: 'warn' });
  try {
    const summary = async () => {
      const response = await fetch(`${service.baseUrl}/api/portfolio/summary?asOf=${AS_OF}`, { headers: { authorization: `Bearer ${adminToken}` } });
      const body = (await response.json()) as { totals: Array<Record<string, unknown>> };
      if (response.status !== 200) throw new Error(`portfolio summary failed: ${response.status} ${JSON.stringify(body).slice(0, 500)}`);
      // The seeded projects are all in CNY: one row of totals, which the SQL gives without its currency.
      if (body.totals.length !== 1) throw new Error(`expected the totals of one currency, got ${body.totals.length}`);
      const { currency: _currency, ...figures } = body.totals[0];
      return figures;
    };
    const aggregate = () => totalsBySql(direct);
    await summary();
    await aggregate();
    const http: number[] = [];
    const bySql: number[] = [];
    let totals: Record<string, unknown> = {};
    for (let i = 0; i < RUNS; i += 1) {
      const viaService = await timed(summary);
      const viaSql = await timed(aggregate);
      if (!isDeepStrictEqual(viaService.result, viaSql.result)) {
        throw new Error(`the service and the SQL disagree:\n${JSON.stringify(viaService.result)}\n${JSON.stringify(viaSql.result)}`);
      }
      http.push(viaService.ms);
      bySql.push(viaSql.ms);
      totals = viaService.result;
    }
    const scale = { sales: seeded.sales, payments: seeded.payments, openFlagsSeeded: seeded.openFlags, projects: PROJECTS, salesInLedger, asOf: AS_OF };
    report('portfolio_summary_1m_sales', http, 'ms', { ...scale, seedSeconds: round(seeding.ms / 1000), totals });
    report('portfolio_sql_aggregate_1m_sales', bySql, 'ms', scale);
    print({ figure: 'portfolio_vs_sql_ratio', value: round(median(http) / median(bySql), 2), target: '<= 1.15' });
  } finally {
    await service.stop();
    await direct.end();
  }
}
