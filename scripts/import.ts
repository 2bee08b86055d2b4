import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { copyFileSync, createReadStream, mkdirSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { SingleBar } from 'cli-progress';
import { AppModule } from '../src/app.module';
import { Actor, Role } from '../src/common/auth/role';
import { IMPORT_KINDS, ImportKind } from '../src/imports/import-kinds';
import { IMPORT_ROLES, ImportsService } from '../src/imports/imports.service';
import { ProjectsRepository } from '../src/projects/projects.repository';

const USAGE = `usage: npm run import -- --project CODE --kind units|price-list|sales|payments --file FILE.csv

Imports a CSV as the HTTP route does: every row checked, all or nothing, the same file only once.
Uses DATABASE_URL, or the embedded database in DATA_DIR (stop the service first: PGlite takes one process).`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { project: { type: 'string' }, kind: { type: 'string' }, file: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  if (!values.project || !values.kind || !values.file) fail('--project, --kind and --file are required');
  if (!(IMPORT_KINDS as readonly string[]).includes(values.kind)) fail(`--kind must be one of ${IMPORT_KINDS.join(', ')}`);
  const kind = values.kind as ImportKind;

  // The import deletes its working copy when done; the user's file stays.
  const workDir = join(tmpdir(), 'ledger-imports');
  mkdirSync(workDir, { recursive: true });
  const copy = join(workDir, `cli-${process.pid}-${Date.now()}.csv`);
  copyFileSync(values.file, copy);

  process.env.LOG_LEVEL ??= 'warn';
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error'] });
  try {
    const project = await app.get(ProjectsRepository).findByCode(values.project);
    if (!project) fail(`no project with code ${values.project}`);
    const actor: Actor = { id: 'cli', name: `command line (${userInfo().username})`, role: IMPORT_ROLES[kind][0] as Role };
    const imports = app.get(ImportsService);
    const started = await imports.start(actor, project.id, kind, { path: copy, sha256: await sha256Of(copy), filename: basename(values.file) });

    const bar = new SingleBar({ format: '{phase} [{bar}] {value}/{total} rows', noTTYOutput: true, notTTYSchedule: 1000 });
    let phase = '';
    if (!started.replayed) {
      bar.start(1, 0, { phase: 'checking' });
      for (;;) {
        const progress = imports.progressOf(started.id);
        if (!progress) break;
        const now = progress.phase.toLowerCase();
        if (now !== phase) {
          phase = now;
          bar.update({ phase });
        }
        bar.setTotal(Math.max(progress.rowsTotal ?? progress.rowsChecked, 1));
        bar.update(progress.phase === 'CHECKING' ? progress.rowsChecked : progress.rowsDone);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      bar.stop();
    }
    const done = await imports.settle(started.id, 0);
    if (done.replayed) process.stdout.write(`this file was imported before (import ${done.id}, ${done.state}); nothing done\n`);
    if (done.state === 'SUCCEEDED') {
      process.stdout.write(`import ${done.id}: ${done.rowsTotal} rows imported ${JSON.stringify(done.result)}\n`);
      return;
    }
    if (done.state === 'REJECTED') {
      process.stdout.write(`import ${done.id} refused: ${done.errorCount} problem(s); nothing was written\n`);
      for (const error of done.errors.slice(0, 50)) {
        process.stdout.write(`  line ${error.line}, ${error.column}${error.value ? ` "${error.value}"` : ''}: ${error.reason}\n`);
      }
      if (done.errorCount > 50) process.stdout.write(`  … and ${done.errorCount - 50} more (GET /api/imports/${done.id})\n`);
    } else {
      process.stdout.write(`import ${done.id} ${done.state}: ${done.failure ?? ''}\n`);
    }
    process.exitCode = 1;
  } finally {
    await app.close();
  }
}

main().catch((error) => {
  process.stderr.write(`import failed: ${error?.message ?? error}\n`);
  process.exit(1);
});
