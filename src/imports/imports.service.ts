import { rm } from 'node:fs/promises';
import { Injectable, Logger } from '@nestjs/common';
import { Actor, Role } from '../common/auth/role';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { Page } from '../common/validation/pagination.dto';
import { auditEntry, WriteRunner, written } from '../database/write-runner';
import { effectiveSettings } from '../projects/project-settings';
import { ProjectsRepository } from '../projects/projects.repository';
import { CellProblem, mapHeaders, readRow } from './csv-columns';
import { readCsv } from './csv-reader';
import { ImportLeases } from './import-leases';
import { IMPORT_COLUMNS, ImportKind } from './import-kinds';
import { ImportView } from './dto/import.dto';
import { ImportContext, ImportResult, KindImporter, MAX_ERRORS } from './importers/importer';
import { PaymentsImporter } from './importers/payments.importer';
import { PriceListImporter } from './importers/price-list.importer';
import { SalesImporter } from './importers/sales.importer';
import { UnitsImporter } from './importers/units.importer';
import { ImportRecord, ImportsRepository } from './imports.repository';
import { ReadReplica } from '../database/read-replica';

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

type Taken = { created: ImportRecord; standing?: undefined } | { created?: undefined; standing: ImportRecord };

/** The file meets an import that is gone or abandoned: nothing written, take it again. */
class TakeAgain extends Error {
  constructor(readonly abandoned = false) {
    super('take again');
  }
}

export interface ImportProgress {
  phase: 'CHECKING' | 'WRITING' | 'JUDGING';
  rowsTotal: number | null;
  rowsChecked: number;
  rowsDone: number;
}

class ImportRefused extends Error {
  constructor(
    readonly problems: CellProblem[],
    readonly errorCount: number,
    readonly rows: number,
    /** Reading stopped at MAX_ERRORS: the rows counted are those read. */
    readonly truncated: boolean,
  ) {
    super(`${errorCount} problem(s)`);
  }
}

/** The import is no longer this process's: its lease ran out and another process failed it. */
class ImportLost extends Error {}

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
    errorsTruncated: record.errorsTruncated,
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
export class ImportsService {
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
    private readonly leases: ImportLeases,
    private readonly replica: ReadReplica,
  ) {}

  /**
   * Takes an uploaded file: the answer for a file already imported (or refused)
   * is that import; a file being imported by a live process is a conflict
   * naming that import; otherwise (first time, or after a failed import) a new
   * import starts as a job owned by this process.
   */
  async start(actor: Actor, projectId: string, kind: ImportKind, upload: UploadedCsv): Promise<ImportView> {
    let taken: Taken;
    try {
      if (!IMPORT_ROLES[kind].includes(actor.role as Role)) {
        throw new DomainError(ErrorCode.FORBIDDEN, `role ${actor.role} may not import ${kind}; allowed: ${IMPORT_ROLES[kind].join(', ')}`);
      }
      await this.projects.getById(projectId);
      taken = await this.take(actor, projectId, kind, upload).catch(async (error: unknown) => {
        if (!(error instanceof TakeAgain)) throw error;
        // An import of this file whose owner stopped, not swept yet: it is failed now, and the file taken.
        if (error.abandoned) await this.leases.sweep();
        return this.take(actor, projectId, kind, upload);
      });
    } catch (error) {
      await rm(upload.path, { force: true });
      throw error;
    }
    if (!taken.created) {
      await rm(upload.path, { force: true });
      return this.viewOf(taken.standing, true);
    }
    const created = taken.created;
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

  /** From the read replica when there is one: an import's latest progress may not show yet (GET /api/imports/{id} reads the primary). */
  async list(projectId: string, limit: number, offset: number): Promise<Page<ImportView>> {
    const page = await this.replica.run(async (scope) => {
      await this.projects.within(scope).getById(projectId);
      return this.imports.within(scope).list(projectId, limit, offset);
    });
    return { items: page.items.map((record) => toView(record, [], this.running.get(record.id), false)), total: page.total };
  }

  /**
   * A new import of this file owned by this process; or the import of the same
   * content that stands (imported or refused); or `abandoned`, an unfinished one
   * whose owner stopped. One still being imported by a live process is a conflict.
   */
  private take(actor: Actor, projectId: string, kind: ImportKind, upload: UploadedCsv): Promise<Taken> {
    return this.writes.run(actor, async (tx) => {
      const imports = this.imports.within(tx);
      const record = await imports.insert(
        { projectId, kind, contentSha256: upload.sha256, filename: upload.filename, createdBy: actor.id, createdAt: tx.clock.now() },
        this.leases.ownerFor(upload.path),
      );
      if (record) {
        return written<Taken>(
          { created: record },
          auditEntry('import.received', 'import', record.id, { projectId, kind, contentSha256: upload.sha256, filename: upload.filename }),
        );
      }
      const standing = await imports.findStanding(projectId, kind, upload.sha256);
      // Failed between the insert and this read: the file may be taken again.
      if (!standing) throw new TakeAgain();
      if (standing.state === 'QUEUED' || standing.state === 'RUNNING') {
        // This process's own import is alive whatever its lease says; another's, while its lease runs.
        if (standing.ownerId !== this.leases.ownerId && !(await imports.leaseIsLive(standing.id))) throw new TakeAgain(true);
        throw new DomainError(ErrorCode.CONFLICT, `this file is being imported by import ${standing.id}`, { importId: standing.id });
      }
      return written<Taken>({ standing }, auditEntry('import.replayed', 'import', upload.sha256, { projectId, kind }));
    });
  }

  progressOf(importId: string): ImportProgress | undefined {
    return this.running.get(importId);
  }

  private async viewOf(record: ImportRecord, replayed: boolean): Promise<ImportView> {
    const errors = record.errorCount > 0 ? await this.imports.errorsOf(record.id, MAX_ERRORS) : [];
    return toView(record, errors, this.running.get(record.id), replayed);
  }

  private async execute(actor: Actor, record: ImportRecord, path: string): Promise<void> {
    const progress = this.running.get(record.id)!;
    const owner = this.leases.ownerId;
    try {
      await this.leases.markRunning(record.id);
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
        // What each chunk or batch just written recorded goes to the log now, not at the end: memory stays flat.
        if (importer.writeStaged) {
          let analysedAt = 0;
          await importer.writeStaged(async (done) => {
            await tx.flush();
            progress.rowsDone += done;
            // Each chunk is judged against what the chunks before it wrote: the planner's statistics are brought up to them
            // each time the rows written double, or a table recorded as empty (vacuumed after an import that failed) is
            // planned as empty while it holds tens of thousands of this transaction's rows.
            if (progress.rowsDone >= 2 * analysedAt) {
              await this.imports.within(tx).refreshStatistics();
              analysedAt = progress.rowsDone;
            }
          });
        } else {
          await this.eachRow(path, record.kind, async (values, line) => {
            await importer.write!(values, line);
            await tx.flush();
            progress.rowsDone += 1;
          });
        }
        progress.phase = 'JUDGING';
        await this.imports.within(tx).refreshStatistics();
        const result = await importer.finishWrite();
        const finished = await this.imports.within(tx).finish(
          record.id, owner, { state: 'SUCCEEDED', rowsTotal: rows, rowsDone: rows, errorCount: 0, result, failure: null }, tx.clock.now(),
        );
        // Another process failed it (its lease ran out): nothing of it may stay.
        if (!finished) throw new ImportLost();
        return written({ rows, result }, auditEntry('import.completed', 'import', record.id, { kind: record.kind, rows, result }));
      });
      this.logger.log(`import ${record.id} (${record.kind}): ${outcome.rows} rows, ${JSON.stringify(outcome.result)}`);
    } catch (error) {
      try {
        if (error instanceof ImportRefused) await this.refuse(actor, record, error);
        else if (!(error instanceof ImportLost)) await this.fail(actor, record, error);
      } catch (ending) {
        if (!(ending instanceof ImportLost)) throw ending;
      }
      if (error instanceof ImportLost) this.logger.warn(`import ${record.id} was failed by another process (its lease ran out); nothing was written`);
    } finally {
      this.running.delete(record.id);
      await rm(path, { force: true });
    }
  }

  /**
   * Pass 1: every row, every problem, up to MAX_ERRORS — then the rest of the
   * file is not read; nothing is written when there is one. An importer that
   * checks in chunks may find a chunk's problems past the limit: the first
   * MAX_ERRORS by line are kept.
   */
  private async check(path: string, kind: ImportKind, importer: KindImporter, progress: ImportProgress): Promise<number> {
    const problems: CellProblem[] = [];
    const full = () => problems.length >= MAX_ERRORS;
    const note = (found: CellProblem[]) => {
      problems.push(...found);
    };
    let rows = 0;
    const headerProblems = await this.eachRow(path, kind, async (values, line) => {
      rows += 1;
      progress.rowsChecked = rows;
      note(await importer.check(values, line));
      return !full();
    }, (rowProblems) => {
      rows += 1;
      progress.rowsChecked = rows;
      note(rowProblems);
      return !full();
    });
    note(headerProblems);
    note((await importer.endOfRows?.()) ?? []);
    if (rows === 0 && headerProblems.length === 0) note([{ line: 1, column: '*', value: null, reason: 'the file has no data rows' }]);
    const truncated = full();
    if (problems.length === 0) note(await importer.finishChecks());
    if (problems.length > 0) {
      const kept = problems.sort((a, b) => a.line - b.line).slice(0, MAX_ERRORS);
      throw new ImportRefused(kept, kept.length, rows, truncated);
    }
    return rows;
  }

  /**
   * Streams the file: the header is matched once, each row read through it.
   * Rows that parse go to `onRow`; rows that do not (bad cells, or not valid
   * CSV), to `onBadRow`. Either answering false stops the reading and closes
   * the file. Answers the header's own problems (then no row is read).
   */
  private async eachRow(
    path: string,
    kind: ImportKind,
    onRow: (values: Record<string, unknown>, line: number) => Promise<boolean | void>,
    onBadRow: (problems: CellProblem[]) => boolean = () => true,
  ): Promise<CellProblem[]> {
    const columns = IMPORT_COLUMNS[kind];
    let header: ReturnType<typeof mapHeaders> | null = null;
    for await (const item of readCsv(path)) {
      if (item.kind === 'problem') {
        const name = header?.byIndex[item.column - 1]?.key ?? `column ${item.column}`;
        const problem = { line: item.line, column: name, value: null, reason: `not valid CSV: ${item.problem} (column ${item.column})` };
        if (!header) return [problem];
        if (!onBadRow([problem])) break;
        continue;
      }
      if (!header) {
        header = mapHeaders(item.cells, columns);
        if (header.problems.length > 0) return header.problems;
        continue;
      }
      const { values, problems } = readRow(item.cells, item.line, header, columns);
      const goOn = problems.length > 0 ? onBadRow(problems) : await onRow(values, item.line);
      if (goOn === false) break;
    }
    return header ? [] : [{ line: 1, column: '*', value: null, reason: 'the file is empty' }];
  }

  private importerFor(kind: ImportKind, ctx: ImportContext): Promise<KindImporter> {
    const importers = { units: this.units, 'price-list': this.priceLists, sales: this.sales, payments: this.payments };
    return importers[kind].start(ctx);
  }

  private async refuse(actor: Actor, record: ImportRecord, refusal: ImportRefused): Promise<void> {
    await this.writes.run(actor, async (tx) => {
      const finished = await this.imports.within(tx).finish(
        record.id,
        this.leases.ownerId,
        {
          state: 'REJECTED', rowsTotal: refusal.rows, rowsDone: 0, errorCount: refusal.errorCount, result: null, failure: null,
          errorsTruncated: refusal.truncated,
        },
        tx.clock.now(),
      );
      if (!finished) throw new ImportLost();
      await this.imports.within(tx).appendErrors(record.id, refusal.problems);
      return written(
        record.id,
        auditEntry('import.rejected', 'import', record.id, { rows: refusal.rows, errorCount: refusal.errorCount, errorsTruncated: refusal.truncated }),
      );
    });
  }

  private async fail(actor: Actor, record: ImportRecord, error: unknown): Promise<void> {
    const message = error instanceof DomainError ? error.message : 'the import failed unexpectedly; nothing was written';
    if (!(error instanceof DomainError)) this.logger.error({ err: error, importId: record.id }, 'import failed');
    await this.writes.run(actor, async (tx) => {
      const finished = await this.imports.within(tx).finish(
        record.id, this.leases.ownerId, { state: 'FAILED', rowsTotal: null, rowsDone: 0, errorCount: 0, result: null, failure: message }, tx.clock.now(),
      );
      if (!finished) throw new ImportLost();
      return written(record.id, auditEntry('import.failed', 'import', record.id, { failure: message }));
    });
  }
}

export type { ImportResult };
