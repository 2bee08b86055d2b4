import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerFactory } from '../factories/ledger';
import { TestApp, createTestApp } from '../utils/test-app';

const ROOT = join(__dirname, '..', '..');

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

const TS_NODE = require.resolve('ts-node/dist/bin.js');

/** `npm run report|import -- …` as a child process, as a user runs it (ts-node with swc, as `npm run` does), on the test's database. */
function cli(script: 'report' | 'import', args: string[], env: Record<string, string>): Promise<Ran> {
  const child = spawn(process.execPath, [TS_NODE, '--swc', `scripts/${script}.ts`, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** One line on stderr, no stack trace. */
function oneLineError(ran: Ran): string {
  const lines = ran.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(ran.stderr).not.toMatch(/\n\s+at /);
  return lines[0];
}

describe('command line: npm run report / npm run import (e2e)', () => {
  let t: TestApp;
  let f: LedgerFactory;
  let env: Record<string, string>;
  let code: string;
  let projectId: string;
  let reportId: string;
  let out: string;

  const reportCount = async () =>
    (await t.db.sql.query('SELECT count(*)::int AS n FROM liquidation_reports WHERE project_id = $1', [projectId])).rows[0].n as number;

  beforeAll(async () => {
    t = await createTestApp();
    f = await LedgerFactory.create(t);
    const project = await f.project();
    projectId = project.id;
    code = project.code;
    const [unit] = await f.units(projectId, 2, { unitType: '3BR', saleableArea: '100.00', costPrice: '3000000.00' });
    const sale = await f.sale({ unitId: unit.id, contractDate: '2026-06-01', netPrice: '4000000.00' });
    await f.pay(sale.id, '400000.00', '2026-06-05', 'DEPOSIT');
    reportId = (await f.report(projectId, '2026-06-30')).id;
    env = { DATABASE_URL: t.db.serviceUrl, MIGRATION_DATABASE_URL: t.db.url };
    out = mkdtempSync(join(tmpdir(), 'ledger-cli-test-'));
  });

  afterAll(async () => {
    rmSync(out, { recursive: true, force: true });
    await t.close();
  });

  it('lists the reports of the project, the one frozen through the API among them', async () => {
    const ran = await cli('report', ['list', '--project', code], env);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain(reportId);
    expect(ran.stdout).toContain('2026-06-30');
    expect(ran.stdout).toMatch(/1 of 1 report\(s\)/);
  });

  it('renders a frozen report by its id as PDF without freezing a new one', async () => {
    const before = await reportCount();
    const file = join(out, 'by-id.pdf');
    const ran = await cli('report', ['render', '--project', code, '--id', reportId, '--format', 'pdf', '--lang', 'zh', '--out', file], env);
    expect(ran.code).toBe(0);
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await reportCount()).toBe(before);
  });

  it('freezes a new report only when asked', async () => {
    const before = await reportCount();
    const file = join(out, 'frozen.json');
    const ran = await cli('report', ['freeze', '--project', code, '--as-of', '2026-06-30', '--format', 'json', '--out', file], env);
    expect(ran.code).toBe(0);
    expect(await reportCount()).toBe(before + 1);
    const frozen = JSON.parse(readFileSync(file, 'utf8'));
    expect(frozen.id).not.toBe(reportId);
    expect(ran.stdout).toContain(frozen.id);
    expect(ran.stdout).toMatch(/Frozen in \d+\.\d s/);

    // The options alone, as before there were commands: they still freeze (and write), and say what to use now.
    const old = await cli('report', ['--project', code, '--as-of', '2026-06-30', '--format', 'csv', '--out', join(out, 'old.csv')], env);
    expect(old.code).toBe(0);
    expect(old.stderr).toBe('');
    expect(old.stdout).toMatch(/now `freeze`.*render --project \S+ --latest/);
    expect(await reportCount()).toBe(before + 2);
  });

  it('names an unknown project and an unknown report, exit code 1', async () => {
    const [project, report] = await Promise.all([
      cli('report', ['list', '--project', 'NO-SUCH-PROJECT'], env),
      cli('report', ['render', '--project', code, '--id', '00000000-0000-4000-8000-000000000000', '--out', join(out, 'none.pdf')], env),
    ]);
    expect(project.code).toBe(1);
    expect(oneLineError(project)).toBe('report: no project with code NO-SUCH-PROJECT');
    expect(report.code).toBe(1);
    expect(oneLineError(report)).toBe(`report: no liquidation report 00000000-0000-4000-8000-000000000000 in project ${code}`);
  });

  it('tells a malformed date from a future one, a wrong command line exiting 2 before touching the database', async () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    // No database at all: none of these gets that far.
    const none = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' };
    const [badMonth, word, future, unknownFlag, missingValue, unknownCommand, missingFile] = await Promise.all([
      cli('report', ['freeze', '--project', code, '--as-of', '2026-13-45'], none),
      cli('report', ['freeze', '--project', code, '--as-of', 'yesterday'], none),
      cli('report', ['freeze', '--project', code, '--as-of', tomorrow], none),
      cli('report', ['list', '--project', code, '--colour'], none),
      cli('report', ['render', '--project'], none),
      cli('report', ['frezee', '--project', code], none),
      cli('import', ['--project', code, '--kind', 'units', '--file', join(out, 'missing.csv')], none),
    ]);
    for (const ran of [badMonth, word, future, unknownFlag, missingValue, unknownCommand]) expect(ran.code).toBe(2);
    expect(oneLineError(badMonth)).toMatch(/--as-of "2026-13-45" is not a date in YYYY-MM-DD form/);
    expect(oneLineError(word)).toMatch(/--as-of "yesterday" is not a date in YYYY-MM-DD form/);
    expect(oneLineError(future)).toMatch(new RegExp(`--as-of ${tomorrow} is in the future`));
    expect(oneLineError(unknownFlag)).toMatch(/unknown option --colour/);
    expect(oneLineError(missingValue)).toMatch(/--project needs a value/);
    expect(oneLineError(unknownCommand)).toMatch(/unknown command "frezee": list, render or freeze/);
    expect(missingFile.code).toBe(1);
    expect(oneLineError(missingFile)).toBe(`import: no such file: ${join(out, 'missing.csv')}`);
  });

  it('imports a CSV with a progress bar of percentage, rate and time left', async () => {
    const file = join(out, 'units.csv');
    const rows = Array.from({ length: 50 }, (_, i) => `CLI-${i + 1},9,${(i % 30) + 1},2BR,80.00,2400000.00`);
    writeFileSync(file, `unitNo,building,floor,unitType,saleableArea,costPrice\n${rows.join('\n')}\n`);
    const ran = await cli('import', ['--project', code, '--kind', 'units', '--file', file], env);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/: 50 rows imported in \d+\.\d s/);
    expect(ran.stderr).toMatch(/checking \[[^\]]*\] \d+\/50 rows \| \d+% \| \S+ rows\/s \| ETA /);
    expect((await t.db.sql.query(`SELECT count(*)::int AS n FROM units WHERE project_id = $1 AND unit_no LIKE 'CLI-%'`, [projectId])).rows[0].n).toBe(50);
  });

  it('prints its usage on --help', async () => {
    const ran = await cli('report', ['--help'], {});
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/^usage: npm run report -- <command>/);
    expect(ran.stdout).toMatch(/render +--project CODE \(--id REPORT_ID \| --latest\)/);
  });
});
