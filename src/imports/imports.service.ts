import { rm } from 'node:fs/promises';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Actor, Role, SYSTEM_ACTOR } from '../common/auth/role';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { Page } from '../common/validation/pagination.dto';
import { alreadyLogged, auditEntry, WriteRunner, written } from '../database/write-runner';
import { effectiveSettings } from '../projects/project-settings';
import { ProjectsRepository } from '../projects/projects.repository';
import { CellProblem, mapHeaders, readRow } from './csv-columns';
import { CsvRecord, readCsv } from './csv-reader';
import { IMPORT_COLUMNS, ImportKind } from './import-kinds';
import { ImportView } from './dto/import.dto';
import { ImportContext, ImportResult, KindImporter } from './importers/importer';
import { PaymentsImporter } from './importers/payments.importer';
import { PriceListImporter } from './importers/price-list.importer';
import { SalesImporter } from './importers/sales.importer';
import { UnitsImporter } from './importers/units.importer';
import { ImportRecord, ImportsRepository } from './imports.repository';

/** Who may import what: the roles that may create the same records over the API. */
export const IMPORT_ROLES: Record<ImportKind, Role[]> = {
  units: ['admin'],
  'price-list': ['admin'],
  sales: ['clerk'],
  payments: ['finance'],
};

export interface UploadedCsv {
  path: string;
  sha256: string;
  filename: string | null;
}

export interface ImportProgress {
  phase: 'CHECKING' | 'WRITING' | 'JUDGING';
  rowsTotal: number | null;
  rowsChecked: number;
  rowsDone: number;
}

/** How many bad rows a refused import keeps and shows; the count is always complete. */
export const MAX_STORED_ERRORS = 10_000;

class ImportRefused extends Error {
  constructor(
    readonly problems: CellProblem[],
    readonly errorCount: number,
    readonly rows: number,
  ) {
    super(`${errorCount} problem(s)`);
  }
}

function toView(record: ImportRecord, errors: CellProblem[], progress: ImportProgress | undefined, replayed: boolean): ImportView {
  return {
    id: record.id,
    projectId: record.projectId,
    kind: record.kind,
    contentSha256: record.contentSha256,
    filename: record.filename,
    state: progress ? 'RUNNING' : record.state,
    ...(progress ? { phase: progress.phase } : {}),
    rowsTotal: progress?.rowsTotal ?? record.rowsTotal,
    rowsChecked: progress?.rowsChecked ?? record.rowsTotal ?? 0,
    rowsDone: progress?.rowsDone ?? record.rowsDone,
    errorCount: record.errorCount,
    errors,
    result: record.result,
    failure: record.failure,
    createdAt: record.createdAt.toISOString(),
    finishedAt: record.finishedAt?.toISOString() ?? null,
    replayed,
  };
}

/**
 * CSV imports (all or nothing per file, idempotent by content, streamed in
 * two passes: every row checked, then written in batches, in one transaction),
 * run as jobs whose progress can be followed.
 */
@Injectable()
export class ImportsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Imports');
  private readonly running = new Map<string, ImportProgress>();
  private readonly jobs = new Map<string, Promise<void>>();

  constructor(
    private readonly writes: WriteRunner,
    private readonly projects: ProjectsRepository,
    private readonly imports: ImportsRepository,
    private readonly units: UnitsImporter,
    private readonly priceLists: PriceListImporter,
    private readonly sales: SalesImporter,
    private readonly payments: PaymentsImporter,
  ) {}

  /** An import the service was running when it stopped wrote nothing; it is marked failed so the file can be sent again. */
  async onApplicationBootstrap(): Promise<void> {
    if (!(await this.imports.anyUnfinished())) return;
    const ids = await this.writes.run(SYSTEM_ACTOR, async (tx) => {
      const failed = await this.imports.within(tx).failInterrupted(tx.clock.now());
      for (const id of failed) tx.log(written(id, auditEntry('import.failed', 'import', id, { reason: 'interrupted' })));
      return alreadyLogged(failed);
    });
    this.logger.warn(`${ids.length} interrupted import(s) marked failed`);
  }

  /**
   * Takes an uploaded file: the answer for a file already imported is that
   * import; otherwise a new import starts as a job.
   */
  async start(actor: Actor, projectId: string, kind: ImportKind, upload: UploadedCsv): Promise<ImportView> {
    if (!IMPORT_ROLES[kind].includes(actor.role as Role)) {
      await rm(upload.path, { force: true });
      throw new DomainError(ErrorCode.FORBIDDEN, `role ${actor.role} may not import ${kind}; allowed: ${IMPORT_ROLES[kind].join(', ')}`);
    }
    try {
      await this.projects.getById(projectId);
    } catch (error) {
      await rm(upload.path, { force: true });
      throw error;
    }
    const created = await this.writes.run(actor, async (tx) => {
      const record = await this.imports.within(tx).insert({
        projectId, kind, contentSha256: upload.sha256, filename: upload.filename, createdBy: actor.id, createdAt: tx.clock.now(),
      });
      return written(
        record,
        record
          ? auditEntry('import.received', 'import', record.id, { projectId, kind, contentSha256: upload.sha256, filename: upload.filename })
          : auditEntry('import.replayed', 'import', upload.sha256, { projectId, kind }),
      );
    });
    if (!created) {
      await rm(upload.path, { force: true });
      const standing = (await this.imports.findStanding(projectId, kind, upload.sha256))!;
      return this.viewOf(standing, true);
    }
    this.running.set(created.id, { phase: 'CHECKING', rowsTotal: null, rowsChecked: 0, rowsDone: 0 });
    this.jobs.set(created.id, this.execute(actor, created, upload.path).finally(() => this.jobs.delete(created.id)));
    return this.viewOf(created, false);
  }

  /** Waits for a running import, at most `timeoutMs`; then answers its state. */
  async settle(importId: string, timeoutMs: number): Promise<ImportView> {
    const job = this.jobs.get(importId);
    if (job) await Promise.race([job, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
    return this.get(importId);
  }

  async get(importId: string): Promise<ImportView> {
    const record = await this.imports.findById(importId);
    if (!record) throw DomainError.notFound('import', importId);
    return this.viewOf(record, false);
  }

  async list(projectId: string, limit: number, offset: number): Promise<Page<ImportView>> {
    await this.projects.getById(projectId);
    const page = await this.imports.list(projectId, limit, offset);
    return { items: page.items.map((record) => toView(record, [], this.running.get(record.id), false)), total: page.total };
  }

  progressOf(importId: string): ImportProgress | undefined {
    return this.running.get(importId);
  }

  private async viewOf(record: ImportRecord, replayed: boolean): Promise<ImportView> {
    const errors = record.errorCount > 0 ? await this.imports.errorsOf(record.id, MAX_STORED_ERRORS) : [];
    return toView(record, errors, this.running.get(record.id), replayed);
  }

  private async execute(actor: Actor, record: ImportRecord, path: string): Promise<void> {
    const progress = this.running.get(record.id)!;
    try {
      const outcome = await this.writes.run(actor, async (tx) => {
        // Imports of one project queue: each sees the data the previous one wrote.
        await tx.manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`import:${record.projectId}`]);
        const project = await this.projects.within(tx).getById(record.projectId);
        const ctx: ImportContext = {
          tx,
          importId: record.id,
          project: { id: project.id, code: project.code, currency: project.currency, settings: effectiveSettings(project.settings) },
          today: tx.clock.today(),
        };
        const importer = await this.importerFor(record.kind, ctx);
        const rows = await this.check(path, record.kind, importer, progress);
        progress.phase = 'WRITING';
        progress.rowsTotal = rows;
        await this.eachRow(path, record.kind, async (values, line) => {
          await importer.write(values, line);
          // What the batches just written recorded goes to the log now, not at the end: memory stays flat.
          await tx.flush();
          progress.rowsDone += 1;
        });
        progress.phase = 'JUDGING';
        const result = await importer.finishWrite();
        await this.imports.within(tx).finish(
          record.id, { state: 'SUCCEEDED', rowsTotal: rows, rowsDone: rows, errorCount: 0, result, failure: null }, tx.clock.now(),
        );
        return written({ rows, result }, auditEntry('import.completed', 'import', record.id, { kind: record.kind, rows, result }));
      });
      this.logger.log(`import ${record.id} (${record.kind}): ${outcome.rows} rows, ${JSON.stringify(outcome.result)}`);
    } catch (error) {
      if (error instanceof ImportRefused) await this.refuse(actor, record, error);
      else await this.fail(actor, record, error);
    } finally {
      this.running.delete(record.id);
      await rm(path, { force: true });
    }
  }

  /** Pass 1: every row, every problem; nothing is written when there is one. */
  private async check(path: string, kind: ImportKind, importer: KindImporter, progress: ImportProgress): Promise<number> {
    const problems: CellProblem[] = [];
    let errorCount = 0;
    const note = (found: CellProblem[]) => {
      errorCount += found.length;
      for (const item of found) if (problems.length < MAX_STORED_ERRORS) problems.push(item);
    };
    let rows = 0;
    const headerProblems = await this.eachRow(path, kind, async (values, line) => {
      rows += 1;
      progress.rowsChecked = rows;
      note(importer.check(values, line));
    }, (rowProblems) => {
      rows += 1;
      progress.rowsChecked = rows;
      note(rowProblems);
    });
    note(headerProblems);
    if (rows === 0 && headerProblems.length === 0) note([{ line: 1, column: '*', value: null, reason: 'the file has no data rows' }]);
    if (errorCount === 0) note(await importer.finishChecks());
    if (errorCount > 0) throw new ImportRefused(problems.sort((a, b) => a.line - b.line), errorCount, rows);
    return rows;
  }

  /**
   * Streams the file: the header is matched once, each row read through it.
   * Rows that parse go to `onRow`; rows that do not, to `onBadRow`. Answers the
   * header's own problems (then no row is read).
   */
  private async eachRow(
    path: string,
    kind: ImportKind,
    onRow: (values: Record<string, unknown>, line: number) => Promise<void>,
    onBadRow: (problems: CellProblem[]) => void = () => undefined,
  ): Promise<CellProblem[]> {
    const columns = IMPORT_COLUMNS[kind];
    let header: ReturnType<typeof mapHeaders> | null = null;
    let record: CsvRecord | undefined;
    try {
      for await (record of readCsv(path)) {
        if (!header) {
          header = mapHeaders(record.cells, columns);
          if (header.problems.length > 0) return header.problems;
          continue;
        }
        const { values, problems } = readRow(record.cells, record.line, header, columns);
        if (problems.length > 0) onBadRow(problems);
        else await onRow(values, record.line);
      }
    } catch (error) {
      const csvError = error as { code?: string; lines?: number; message: string };
      if (typeof csvError.code === 'string' && csvError.code.startsWith('CSV_')) {
        return [{ line: csvError.lines ?? record?.line ?? 1, column: '*', value: null, reason: `not valid CSV: ${csvError.message}` }];
      }
      throw error;
    }
    return header ? [] : [{ line: 1, column: '*', value: null, reason: 'the file is empty' }];
  }

  private importerFor(kind: ImportKind, ctx: ImportContext): Promise<KindImporter> {
    const importers = { units: this.units, 'price-list': this.priceLists, sales: this.sales, payments: this.payments };
    return importers[kind].start(ctx);
  }

  private async refuse(actor: Actor, record: ImportRecord, refusal: ImportRefused): Promise<void> {
    await this.writes.run(actor, async (tx) => {
      await this.imports.within(tx).appendErrors(record.id, refusal.problems);
      await this.imports.within(tx).finish(
        record.id,
        { state: 'REJECTED', rowsTotal: refusal.rows, rowsDone: 0, errorCount: refusal.errorCount, result: null, failure: null },
        tx.clock.now(),
      );
      return written(record.id, auditEntry('import.rejected', 'import', record.id, { rows: refusal.rows, errorCount: refusal.errorCount }));
    });
  }

  private async fail(actor: Actor, record: ImportRecord, error: unknown): Promise<void> {
    const message = error instanceof DomainError ? error.message : 'the import failed unexpectedly; nothing was written';
    if (!(error instanceof DomainError)) this.logger.error({ err: error, importId: record.id }, 'import failed');
    await this.writes.run(actor, async (tx) => {
      await this.imports.within(tx).finish(
        record.id, { state: 'FAILED', rowsTotal: null, rowsDone: 0, errorCount: 0, result: null, failure: message }, tx.clock.now(),
      );
      return written(record.id, auditEntry('import.failed', 'import', record.id, { failure: message }));
    });
  }
}

export type { ImportResult };
