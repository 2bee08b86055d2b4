/** How `npm run bench` prints its figures: one JSON line each. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const round = (n: number, places = 1): number => Math.round(n * 10 ** places) / 10 ** places;

export function print(line: Record<string, unknown>): void {
  if (typeof line.figure === 'string' && line.figure !== 'target') printed.set(line.figure, line);
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** A figure measured several times: its median, min and max. */
export function report(figure: string, values: number[], unit: string, extra: Record<string, unknown> = {}): void {
  print({ figure, median: round(median(values)), min: round(Math.min(...values)), max: round(Math.max(...values)), runs: values.length, unit, ...extra });
}

/** Every figure printed in this run, by name: the targets table reads them. */
const printed = new Map<string, Record<string, unknown>>();

type Figure = Record<string, unknown> | undefined;
const num = (figure: Figure, field: string): number | undefined => (typeof figure?.[field] === 'number' ? (figure[field] as number) : undefined);

interface TargetRow {
  row: string;
  now: string;
  target: string;
  met: boolean | null;
}

/**
 * The performance targets, each row with what this run measured beside it (a row whose figures this run did not
 * measure — a BENCH_ONLY run — says so). Printed last, as JSON lines and as a table.
 */
export function printTargets(): void {
  const get = (name: string) => printed.get(name);
  const ratio = get('record_sale_vs_bare_ratio');
  const recorded = get('record_sale_http');
  const bare = get('bare_insert_http');
  const importFigure = [...printed.keys()].filter((name) => /^import_sales_\d+_rows$/.test(name)).sort((a, b) => Number(b.split('_')[2]) - Number(a.split('_')[2]))[0];
  const imported = importFigure ? get(importFigure) : undefined;
  const idle = (recorded?.backendsLastRun as Record<string, number> | undefined)?.['idle in transaction'];
  const ms = (name: string) => num(get(name), 'median');
  const show = (value: number | undefined, unit = '') => (value === undefined ? 'not measured' : `${value}${unit}`);
  const all = (...checks: Array<boolean | undefined>) => (checks.some((c) => c === undefined) ? null : checks.every(Boolean));
  /** Whether a measured figure is within its limit; undefined when this run did not measure it. */
  const atMost = (value: number | undefined, limit: number) => (value === undefined ? undefined : value <= limit);
  const rows: TargetRow[] = [
    {
      row: 'sale recording over HTTP vs the bare endpoint, 50 connections',
      now: ratio ? `${num(ratio, 'ratio')} (${num(ratio, 'serviceRps')} vs ${num(ratio, 'bareRps')} req/s; p99 ${num(ratio, 'serviceP99')} ms)` : 'not measured',
      target: '>= 0.40, p99 < 100 ms',
      met: all(ratio && (num(ratio, 'ratio') ?? 0) >= 0.4, ratio && (num(ratio, 'serviceP99') ?? Infinity) < 100),
    },
    {
      row: 'server + PostgreSQL CPU per recorded sale',
      now: recorded
        ? `${show(num(recorded, 'serverCpuMsPerRequest'))} + ${show(num(recorded, 'postgresCpuMsPerRequest'))} ms (bare: ${show(num(bare, 'serverCpuMsPerRequest'))} + ${show(num(bare, 'postgresCpuMsPerRequest'))})`
        : 'not measured',
      target: '<= 1.5 + 1.5 ms',
      met: all(atMost(num(recorded, 'serverCpuMsPerRequest'), 1.5), atMost(num(recorded, 'postgresCpuMsPerRequest'), 1.5)),
    },
    {
      row: 'backends "idle in transaction" while recording',
      now: recorded ? `${round((idle ?? 0) * 100)} %` : 'not measured',
      target: '< 10 %',
      met: recorded ? (idle ?? 0) < 0.1 : null,
    },
    {
      row: 'the service’s stack doing the bare INSERT (stack floor) vs bare',
      now: show(num(ratio, 'stackFloorVsBareRatio')),
      target: '>= 0.85',
      met: ratio ? (num(ratio, 'stackFloorVsBareRatio') ?? 0) >= 0.85 : null,
    },
    {
      row: 'sales CSV import vs COPY into the same table',
      now: imported ? `${num(imported, 'ratioToCopy')} (${num(imported, 'rowsPerSecond')} rows/s, ${importFigure})` : 'not measured',
      target: '>= 0.25',
      met: imported ? (num(imported, 'ratioToCopy') ?? 0) >= 0.25 : null,
    },
    {
      row: 'service RSS growth during the largest import',
      now: imported ? `${num(imported, 'serviceMemoryGrowthMiB')} MiB (${importFigure})` : 'not measured',
      target: '<= 100 MiB for 1,000,000 rows',
      met: imported ? (num(imported, 'serviceMemoryGrowthMiB') ?? Infinity) <= 100 : null,
    },
    {
      row: '10,000-unit report / audit run',
      now: `${show(ms('liquidation_report_10k_units'), ' ms')} / ${show(ms('audit_run_10k_sales'), ' ms')}`,
      target: '<= 1000 ms / <= 1000 ms',
      met: all(atMost(ms('liquidation_report_10k_units'), 1000), atMost(ms('audit_run_10k_sales'), 1000)),
    },
    {
      row: 'XLSX / PDF of that report',
      now: `${show(ms('liquidation_report_10k_units_xlsx'), ' ms')} / ${show(ms('liquidation_report_10k_units_pdf'), ' ms')}`,
      target: '<= 1000 ms / <= 5000 ms',
      met: all(atMost(ms('liquidation_report_10k_units_xlsx'), 1000), atMost(ms('liquidation_report_10k_units_pdf'), 5000)),
    },
    {
      row: 'portfolio summary vs hand-written SQL',
      now: show(num(get('portfolio_vs_sql_ratio'), 'value')),
      target: '<= 1.15',
      met: get('portfolio_vs_sql_ratio') ? (num(get('portfolio_vs_sql_ratio'), 'value') ?? Infinity) <= 1.15 : null,
    },
  ];
  for (const row of rows) print({ figure: 'target', ...row });
  const width = (key: keyof TargetRow) => Math.max(key.length, ...rows.map((row) => String(row[key]).length));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd([width('row'), width('now'), width('target'), 4][i])).join(' | ')} |`;
  process.stdout.write(
    `\n${[line(['figure', 'now', 'target', 'met']), ...rows.map((row) => line([row.row, row.now, row.target, row.met === null ? '—' : row.met ? 'yes' : 'no']))].join('\n')}\n`,
  );
}
