import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { defaultTimeZoneFor } from '../src/projects/time-zone';
import { from as copyFrom } from 'pg-copy-streams';
import { print, round } from './bench-figures';
import { ServiceProcess, startService } from './child-process';
import { PortfolioOptions, writeSalesCsv, writeUnitsCsv } from './portfolio-csv';

/** Resident memory of a process now, and at its peak so far (Linux /proc), in MiB. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

/** A GET that tries again on a dropped connection (the service is busy importing, not gone). */
async function getJson(url: string, token: string): Promise<unknown> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).json();
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

async function importThroughService(service: ServiceProcess, token: string, projectId: string, kind: string, path: string): Promise<{ ms: number; peakMiB: number; body: Record<string, unknown> }> {
  const started = performance.now();
  const before = memoryOf(service.pid).rss;
  let peak = before;
  const response = await fetch(`${service.baseUrl}/api/projects/${projectId}/imports?kind=${kind}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: createReadStream(path) as unknown as RequestInit['body'],
    duplex: 'half',
  } as RequestInit);
  let body = (await response.json()) as Record<string, unknown>;
  // A large import answers 202 and runs as a job: follow it, sampling the service's memory meanwhile.
  while (body.state === 'QUEUED' || body.state === 'RUNNING') {
    peak = Math.max(peak, memoryOf(service.pid).rss);
    await new Promise((resolve) => setTimeout(resolve, 250));
    body = (await getJson(`${service.baseUrl}/api/imports/${body.id}`, token)) as Record<string, unknown>;
  }
  if (body.state !== 'SUCCEEDED') throw new Error(`${kind} import ${String(body.state)}: ${JSON.stringify(body).slice(0, 500)}`);
  return { ms: performance.now() - started, peakMiB: Math.max(peak, memoryOf(service.pid).rss) - before, body };
}

async function copyRows(sql: Client, path: string): Promise<number> {
  await sql.query(`DROP TABLE IF EXISTS copy_sales`);
  await sql.query(`CREATE TABLE copy_sales (unit_no varchar(40), contract_date date, net_price numeric(15,2), buyer varchar(200), buyer_id_number varchar(64), buyer_phone varchar(40))`);
  const started = performance.now();
  await pipeline(createReadStream(path), sql.query(copyFrom(`COPY copy_sales FROM STDIN WITH (FORMAT csv, HEADER true)`)));
  return performance.now() - started;
}

/**
 * Imports of sales files through the running service (its own process), beside
 * PostgreSQL COPY of the same rows into a plain table, and the service's
 * memory during imports of growing size.
 */
export async function benchImports(sql: Client, databaseUrl: string, adminToken: string): Promise<void> {
  const sizes = (process.env.BENCH_IMPORT_ROWS ?? '10000,100000').split(',').map(Number);
  // Left to itself V8 grows the heap lazily while garbage is cheap to keep: the same imports again with the old
  // generation capped show the working set the import needs (BENCH_IMPORT_HEAP_CAP_MIB, 0 to skip).
  const cap = Number(process.env.BENCH_IMPORT_HEAP_CAP_MIB ?? 256);
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-import-'));
  try {
    for (const heapCapMiB of cap > 0 ? [null, cap] : [null]) {
      try {
        await importsThroughService(sql, databaseUrl, adminToken, dir, sizes, heapCapMiB);
      } catch (error) {
        // An import the capped service cannot finish (it runs out of heap) is a figure too: said, and the bench goes on.
        if (heapCapMiB === null) throw error;
        print({ figure: `import_sales_heap_${heapCapMiB}mib`, failed: (error as Error).message.split('\n')[0], heapCapMiB });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function importsThroughService(
  sql: Client, databaseUrl: string, adminToken: string, dir: string, sizes: number[], heapCapMiB: number | null,
): Promise<void> {
  const nodeArgs = heapCapMiB === null ? [] : [`--max-old-space-size=${heapCapMiB}`];
  const service = await startService({ DATABASE_URL: databaseUrl, ADMIN_TOKEN: adminToken, LOG_LEVEL: 'warn' }, 60_000, nodeArgs);
  try {
    const users = await fetch(`${service.baseUrl}/api/users`, {
      method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Bench clerk', role: 'clerk' }),
    });
    const clerk = ((await users.json()) as { token: string }).token;
    for (const rows of sizes) {
      const code = `IMP${rows}${heapCapMiB === null ? '' : `H${heapCapMiB}`}`;
      const [{ id: projectId }] = (
        await sql.query(
          `INSERT INTO projects (code, name, currency, time_zone, settings, created_at) VALUES ($1, $1, 'CNY', $2, '{}', now()) RETURNING id`,
          [code, defaultTimeZoneFor('CNY')],
        )
      ).rows;
      const options: PortfolioOptions = { prefix: code, units: rows, seed: rows, days: 700, firstDate: '2024-07-01', pricePerSqm: 45000 };
      await writeUnitsCsv(join(dir, `${code}-units.csv`), options);
      await writeSalesCsv(join(dir, `${code}-sales.csv`), options);
      await importThroughService(service, adminToken, projectId, 'units', join(dir, `${code}-units.csv`));
      const sales = await importThroughService(service, clerk, projectId, 'sales', join(dir, `${code}-sales.csv`));
      if (heapCapMiB !== null) {
        print({
          figure: `import_sales_${rows}_rows_heap_${heapCapMiB}mib`, heapCapMiB, seconds: round(sales.ms / 1000, 2),
          serviceMemoryGrowthMiB: round(sales.peakMiB), result: sales.body.result,
        });
        continue;
      }
      const copyMs = await copyRows(sql, join(dir, `${code}-sales.csv`));
      const importRate = rows / (sales.ms / 1000);
      const copyRate = rows / (copyMs / 1000);
      print({
        figure: `import_sales_${rows}_rows`, seconds: round(sales.ms / 1000, 2), rowsPerSecond: round(importRate), copySeconds: round(copyMs / 1000, 2),
        copyRowsPerSecond: round(copyRate), ratioToCopy: round(importRate / copyRate, 3), target: '>= 0.25',
        serviceMemoryGrowthMiB: round(sales.peakMiB), result: sales.body.result,
      });
    }
  } catch (error) {
    throw new Error(`${(error as Error).message} ${String((error as { cause?: unknown }).cause ?? "")}\nservice said:\n${service.output().slice(-3000)}`);
  } finally {
    await service.stop();
  }
}
