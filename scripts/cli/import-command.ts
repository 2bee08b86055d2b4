import { createHash } from 'node:crypto';
import { copyFileSync, createReadStream, mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { basename, join } from 'node:path';
import type { Actor, Role } from '../../src/common/auth/role';
import { CliError, oneOf, openContext, parseOptions, required, seconds } from './common';
import { PhasedProgress } from './progress';

// Repeated here (checked against the service's by the compiler) so that reading the command line loads no module of the application.
const KINDS = ['units', 'price-list', 'sales', 'payments'] as const;
type Kind = (typeof KINDS)[number];

export const IMPORT_USAGE = `usage: npm run import -- --project CODE --kind units|price-list|sales|payments --file FILE.csv

Imports a CSV as POST /api/projects/:id/imports does: every row checked, all or nothing, the same file only once;
with a progress bar (percentage, rows per second, time left) for each phase: checking, writing, judging.
Uses DATABASE_URL, or the embedded database in DATA_DIR (stop the service first: PGlite takes one process).
Errors: one line on stderr; exit code 2 for a wrong command line, 1 for a refused file or anything else (DEBUG=1 adds the stack).`;

/** The file's SHA-256 and how many lines it has (the rows to expect, before the import has counted them). */
async function digest(path: string): Promise<{ sha256: string; lines: number }> {
  const hash = createHash('sha256');
  let lines = 0;
  for await (const chunk of createReadStream(path)) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    for (let at = buffer.indexOf(10); at !== -1; at = buffer.indexOf(10, at + 1)) lines += 1;
  }
  return { sha256: hash.digest('hex'), lines };
}

export async function runImportCommand(argv: string[]): Promise<void> {
  if (argv.length === 0) {
    process.stdout.write(`${IMPORT_USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const { values } = parseOptions(argv, {
    project: { type: 'string' }, kind: { type: 'string' }, file: { type: 'string' }, help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return void process.stdout.write(`${IMPORT_USAGE}\n`);
  const code = required(values.project, 'project');
  const kind: Kind = oneOf(required(values.kind, 'kind'), KINDS, 'kind', 'units');
  const file = required(values.file, 'file');
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new CliError(`not a file: ${file}`);
    size = stat.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    const errno = (error as NodeJS.ErrnoException).code;
    if (errno === 'ENOENT' || errno === 'ENOTDIR') throw new CliError(`no such file: ${file}`);
    if (errno === 'EACCES') throw new CliError(`cannot read ${file}: permission denied`);
    throw error;
  }
  if (size === 0) throw new CliError(`the file is empty: ${file}`);

  // The import deletes its working copy when done; the user's file stays.
  const workDir = join(tmpdir(), 'ledger-imports');
  mkdirSync(workDir, { recursive: true });
  const copy = join(workDir, `cli-${process.pid}-${Date.now()}.csv`);
  copyFileSync(file, copy);
  const { sha256, lines } = await digest(copy);

  const { ImportCliModule } = await import('./modules');
  const { IMPORT_ROLES, ImportsService } = await import('../../src/imports/imports.service');
  const { ProjectsRepository } = await import('../../src/projects/projects.repository');
  let app: Awaited<ReturnType<typeof openContext>> | undefined;
  try {
    app = await openContext(ImportCliModule);
    const project = await app.get(ProjectsRepository).findByCode(code);
    if (!project) throw new CliError(`no project with code ${code}`);
    const actor: Actor = { id: 'cli', name: `command line (${userInfo().username})`, role: IMPORT_ROLES[kind][0] as Role };
    const imports = app.get(ImportsService);
    const started = Date.now();
    const first = await imports.start(actor, project.id, kind, { path: copy, sha256, filename: basename(file) });

    if (!first.replayed) {
      const progress = new PhasedProgress();
      const expected = Math.max(lines - 1, 1);
      for (;;) {
        const now = imports.progressOf(first.id);
        if (!now) break;
        const total = now.rowsTotal ?? Math.max(expected, now.rowsChecked);
        if (now.phase === 'CHECKING') progress.update('checking', now.rowsChecked, total);
        else if (now.phase === 'WRITING') progress.update('writing', now.rowsDone, total);
        else progress.step('judging the imported rows');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      progress.stop();
    }
    const done = await imports.settle(first.id, 0);
    if (first.replayed) {
      process.stdout.write(`this file was imported before (import ${done.id}, ${done.state.toLowerCase()}); nothing done\n`);
      if (done.state === 'SUCCEEDED') return;
    }
    if (done.state === 'SUCCEEDED') {
      process.stdout.write(`import ${done.id}: ${done.rowsTotal} rows imported in ${seconds(started)} ${JSON.stringify(done.result)}\n`);
      return;
    }
    if (done.state === 'REJECTED') {
      process.stdout.write(`import ${done.id} refused: ${done.errorCount} problem(s); nothing was written\n`);
      for (const error of done.errors.slice(0, 50)) {
        process.stdout.write(`  line ${error.line}, ${error.column}${error.value ? ` "${error.value}"` : ''}: ${error.reason}\n`);
      }
      if (done.errorCount > 50) process.stdout.write(`  … and ${done.errorCount - 50} more (GET /api/imports/${done.id})\n`);
      throw new CliError(`${basename(file)} refused: ${done.errorCount} problem(s), listed above; nothing was written`);
    }
    throw new CliError(`import ${done.id} ${done.state.toLowerCase()}${done.failure ? `: ${done.failure}` : ''}`);
  } finally {
    rmSync(copy, { force: true });
    await app?.close();
  }
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const SAME_KINDS: Same<Kind, import('../../src/imports/import-kinds').ImportKind> = true;

