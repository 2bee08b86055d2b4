import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module';
import { Actor } from '../src/common/auth/role';
import { CSV_TABLES, CsvTable, REPORT_FORMATS, ReportFormat } from '../src/liquidation-reports/dto/report.dto';
import { LiquidationReportsService } from '../src/liquidation-reports/liquidation-reports.service';
import { REPORT_LANGUAGES, Lang } from '../src/liquidation-reports/report.types';
import { ProjectsRepository } from '../src/projects/projects.repository';

const USAGE = `usage: npm run report -- --project CODE --as-of YYYY-MM-DD [--format json|csv|xlsx|pdf] [--lang en|zh] [--table sales|receivables|cancellations] --out FILE

Runs the project's audit as of the date, freezes a liquidation report (as the HTTP API does) and writes it to FILE.
Uses DATABASE_URL, or the embedded database in DATA_DIR (stop the service first: PGlite takes one process).`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], name: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) fail(`--${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      project: { type: 'string' },
      'as-of': { type: 'string' },
      format: { type: 'string' },
      lang: { type: 'string' },
      table: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!values.project || !values['as-of'] || !values.out) fail('--project, --as-of and --out are required');
  const format = oneOf<ReportFormat>(values.format, REPORT_FORMATS, 'format', 'pdf');
  const lang = oneOf<Lang>(values.lang, REPORT_LANGUAGES, 'lang', 'en');
  const table = oneOf<CsvTable>(values.table, CSV_TABLES, 'table', 'sales');

  process.env.LOG_LEVEL ??= 'warn';
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error'] });
  try {
    const project = await app.get(ProjectsRepository).findByCode(values.project);
    if (!project) fail(`no project with code ${values.project}`);
    const actor: Actor = { id: 'cli', name: `command line (${userInfo().username})`, role: 'system' };
    const reports = app.get(LiquidationReportsService);
    const report = await reports.generate(actor, project.id, values['as-of']);
    const rendered = await reports.render(project.id, report.id, format, lang, table);
    const body = format === 'json' ? `${JSON.stringify(rendered.body, null, 2)}\n` : (rendered.body as Buffer | string);
    writeFileSync(values.out, body);
    process.stdout.write(
      `report ${report.id} of ${project.code} as of ${report.asOf}: receivables ${report.summary.receivables} ${project.currency}, ` +
        `${report.receivables.length} receivable(s), ${report.notes.length} note(s); sha256 ${report.sha256}\nwritten to ${values.out}\n`,
    );
  } finally {
    await app.close();
  }
}

main().catch((error) => {
  const message = error?.message ?? String(error);
  process.stderr.write(`report failed: ${message}\n`);
  process.exit(1);
});
