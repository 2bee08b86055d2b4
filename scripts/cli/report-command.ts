import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { INestApplicationContext } from '@nestjs/common';
import type { Actor } from '../../src/common/auth/role';
import type { LiquidationReportsService, RenderedReport } from '../../src/liquidation-reports/liquidation-reports.service';
import type { ProjectEntity } from '../../src/projects/project.entity';
import { businessDate, CliError, oneOf, openContext, parseOptions, required, seconds, usageError, uuid } from './common';

// The lists of formats, languages and tables are repeated here (checked against the service's by the compiler) so that
// reading the command line needs none of the application's modules.
const FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const;
const LANGS = ['en', 'zh'] as const;
const TABLES = ['sales', 'receivables', 'cancellations', 'price-lists', 'subsequent-events'] as const;
type Format = (typeof FORMATS)[number];
type Lang = (typeof LANGS)[number];
type Table = (typeof TABLES)[number];

export const REPORT_USAGE = `usage: npm run report -- <command> [options]

commands:
  list    --project CODE [--limit N] [--json]
          the project's frozen liquidation reports, newest first: id, as-of date, when and by whom, receivables, sha256
  render  --project CODE (--id REPORT_ID | --latest) [--format pdf|xlsx|csv|json] [--lang en|zh]
          [--table sales|receivables|cancellations|price-lists|subsequent-events] [--out FILE]
          writes a report already frozen (nothing is frozen, nothing is written to the database)
  freeze  --project CODE --as-of YYYY-MM-DD [--format pdf|xlsx|csv|json] [--lang en|zh] [--table …] [--out FILE]
          runs the project's audit as of the date and freezes a new report, as POST /api/projects/:id/liquidation-reports
          does (recorded in the audit log as the command line); with --format or --out, writes it too
          (the options without a command, as before there were commands, still freeze and write: --out is then required)

options:
  --format  pdf (default), xlsx, csv (one table: --table, default sales) or json
  --lang    en (default) or zh: the language of the notes and headings
  --out     the file to write (- for standard output); default: the name the HTTP route gives, in the current directory
  --help    this text

Uses DATABASE_URL, or the embedded database in DATA_DIR (stop the service first: PGlite takes one process).
Errors: one line on stderr; exit code 2 for a wrong command line, 1 for anything else (DEBUG=1 adds the stack).`;

const COMMON = { project: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;
const OUTPUT = { format: { type: 'string' }, lang: { type: 'string' }, table: { type: 'string' }, out: { type: 'string' } } as const;

interface Output {
  format: Format;
  lang: Lang;
  table: Table;
  out?: string;
}

function outputOf(values: { format?: string; lang?: string; table?: string; out?: string }): Output {
  if (values.out === '') throw usageError('--out needs a value');
  return {
    format: oneOf(values.format, FORMATS, 'format', 'pdf'),
    lang: oneOf(values.lang, LANGS, 'lang', 'en'),
    table: oneOf(values.table, TABLES, 'table', 'sales'),
    out: values.out,
  };
}

/** Whatever the command says on standard output, unless the report itself goes there. */
function say(output: Output | undefined, line: string): void {
  if (output?.out === '-') process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}

export async function runReportCommand(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${REPORT_USAGE}\n`);
    if (command === undefined) process.exitCode = 2;
    return;
  }
  if (command.startsWith('-')) {
    // The command line before there were commands froze a new report every time: it still does, and says what to use now.
    return freeze(argv, true);
  }
  switch (command) {
    case 'list':
      return list(rest);
    case 'render':
      return render(rest);
    case 'freeze':
      return freeze(rest);
    default:
      throw usageError(`unknown command "${command}": list, render or freeze`);
  }
}

function helpAsked(values: { help?: boolean }): boolean {
  if (values.help) process.stdout.write(`${REPORT_USAGE}\n`);
  return values.help === true;
}

async function list(args: string[]): Promise<void> {
  const { values } = parseOptions(args, { ...COMMON, limit: { type: 'string' }, json: { type: 'boolean' } });
  if (helpAsked(values)) return;
  const code = required(values.project, 'project');
  const limit = values.limit === undefined ? 50 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw usageError(`--limit must be a whole number from 1 to 1000 (got "${values.limit}")`);
  await withReports(async (app, reports) => {
    const project = await projectOf(app, code);
    const page = (await reports.list(project.id, limit, 0)) as { items: ListedReport[]; total: number };
    if (values.json) {
      process.stdout.write(`${JSON.stringify(page, null, 2)}\n`);
      return;
    }
    if (page.total === 0) {
      process.stdout.write(`no liquidation report of ${project.code} yet (npm run report -- freeze --project ${project.code} --as-of YYYY-MM-DD)\n`);
      return;
    }
    const rows = page.items.map((item) => [
      item.id, item.asOf, item.generatedAt.slice(0, 19).replace('T', ' '), item.generatedBy.name,
      `${item.summary?.receivables ?? '?'} ${project.currency}`, item.sha256.slice(0, 12),
    ]);
    printTable(['id', 'as of', 'generated (UTC)', 'by', 'receivables', 'sha256'], rows);
    process.stdout.write(`${page.items.length} of ${page.total} report(s) of ${project.code}, newest first\n`);
  });
}

interface ListedReport {
  id: string;
  asOf: string;
  generatedAt: string;
  generatedBy: { id: string; name: string };
  sha256: string;
  summary?: { receivables?: string };
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd();
  process.stdout.write(`${line(header)}\n${rows.map(line).join('\n')}\n`);
}

async function render(args: string[]): Promise<void> {
  const { values } = parseOptions(args, { ...COMMON, ...OUTPUT, id: { type: 'string' }, latest: { type: 'boolean' } });
  if (helpAsked(values)) return;
  const code = required(values.project, 'project');
  if (values.id !== undefined && values.latest) throw usageError('--id and --latest exclude each other');
  if (values.id === undefined && !values.latest) throw usageError('--id REPORT_ID or --latest is required');
  const id = values.id === undefined ? undefined : uuid(values.id, 'id');
  const output = outputOf(values);
  await withReports(async (app, reports) => {
    const project = await projectOf(app, code);
    let reportId = id;
    if (reportId === undefined) {
      const page = (await reports.list(project.id, 1, 0)) as { items: ListedReport[] };
      if (page.items.length === 0) throw new CliError(`project ${project.code} has no liquidation report yet (freeze one: npm run report -- freeze --project ${project.code} --as-of YYYY-MM-DD)`);
      reportId = page.items[0].id;
    }
    await write(reports, project, reportId, output);
  });
}

/** `freeze`; or, `withoutCommand`, the options alone as before there were commands (then --out is required, as it was). */
async function freeze(args: string[], withoutCommand = false): Promise<void> {
  const { values } = parseOptions(args, { ...COMMON, ...OUTPUT, 'as-of': { type: 'string' } });
  if (helpAsked(values)) return;
  const code = required(values.project, 'project');
  const asOf = businessDate(required(values['as-of'], 'as-of'), 'as-of');
  if (withoutCommand) required(values.out, 'out');
  const writing = values.format !== undefined || values.out !== undefined || values.lang !== undefined || values.table !== undefined;
  const output = outputOf(values);
  if (withoutCommand) {
    say(
      output,
      'note: without a command, these options freeze a new report each time (now `freeze`); to write a report already frozen ' +
        `without freezing another: npm run report -- render --project ${code} --latest (or --id ID); to list them: list --project ${code}`,
    );
  }
  await withReports(async (app, reports) => {
    const project = await projectOf(app, code);
    const actor: Actor = { id: 'cli', name: `command line (${userInfo().username})`, role: 'system' };
    const started = Date.now();
    say(output, `Freezing the liquidation report of ${project.code} as of ${asOf}…`);
    const report = await reports.generate(actor, project.id, asOf);
    say(output, `Frozen in ${seconds(started)}:`);
    say(
      output,
      `report ${report.id} of ${project.code} as of ${report.asOf}: receivables ${report.summary.receivables} ${project.currency}, ` +
        `${report.receivables.length} receivable(s), ${report.notes.length} note(s); sha256 ${report.sha256}`,
    );
    if (writing) await write(reports, project, report.id, output);
    else say(output, `  write it with: npm run report -- render --project ${project.code} --id ${report.id} --format pdf`);
  });
}

async function write(reports: LiquidationReportsService, project: ProjectEntity, reportId: string, output: Output): Promise<void> {
  const started = Date.now();
  say(output, `Rendering ${output.format.toUpperCase()} (${output.lang}) of report ${reportId}…`);
  let rendered: RenderedReport;
  try {
    rendered = await reports.render(project.id, reportId, output.format, output.lang, output.table);
  } catch (error) {
    if ((error as { code?: string }).code === 'NOT_FOUND') throw new CliError(`no liquidation report ${reportId} in project ${project.code}`);
    throw error;
  }
  const body = output.format === 'json' ? `${JSON.stringify(rendered.body, null, 2)}\n` : (rendered.body as Buffer | string);
  const out = output.out ?? rendered.filename;
  if (out === '-') {
    process.stdout.write(body);
  } else {
    try {
      writeFileSync(out, body);
    } catch (error) {
      throw new CliError(`cannot write ${out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  const size = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  say(output, `Rendered in ${seconds(started)}: ${out === '-' ? 'standard output' : out} (${(size / 1024).toFixed(0)} KiB)`);
}

async function projectOf(app: INestApplicationContext, code: string): Promise<ProjectEntity> {
  const { ProjectsRepository } = await import('../../src/projects/projects.repository');
  const project = await app.get(ProjectsRepository).findByCode(code);
  if (!project) throw new CliError(`no project with code ${code}`);
  return project;
}

async function withReports(work: (app: INestApplicationContext, reports: LiquidationReportsService) => Promise<void>): Promise<void> {
  const { ReportCliModule } = await import('./modules');
  const { LiquidationReportsService } = await import('../../src/liquidation-reports/liquidation-reports.service');
  const app = await openContext(ReportCliModule);
  try {
    await work(app, app.get(LiquidationReportsService));
  } finally {
    await app.close();
  }
}

// The command line's lists are the service's: a format, language or table added there and not here fails to compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const SAME_LISTS: [
  Same<Format, import('../../src/liquidation-reports/dto/report.dto').ReportFormat>,
  Same<Lang, import('../../src/liquidation-reports/report.types').Lang>,
  Same<Table, import('../../src/liquidation-reports/dto/report.dto').CsvTable>,
] = [true, true, true];
