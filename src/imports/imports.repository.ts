import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { Page } from '../common/validation/pagination.dto';
import { InWrite, ManagedRepository } from '../database/managed-repository';
import { CellProblem } from './csv-columns';
import { ImportKind } from './import-kinds';

export const IMPORT_STATES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'REJECTED', 'FAILED'] as const;
export type ImportState = (typeof IMPORT_STATES)[number];

export interface ImportRecord {
  id: string;
  projectId: string;
  kind: ImportKind;
  contentSha256: string;
  filename: string | null;
  state: ImportState;
  rowsTotal: number | null;
  rowsDone: number;
  errorCount: number;
  result: Record<string, number> | null;
  failure: string | null;
  /** The refusal stopped reading the file at its error limit: errors are the first ones, not all. */
  errorsTruncated: boolean;
  createdBy: string;
  createdAt: Date;
  finishedAt: Date | null;
  /** The process that owns the import while it is unfinished, and until when (the database clock). */
  ownerId: string | null;
  leaseExpiresAt: Date | null;
}

/** Who takes a new import: this process, its lease (null: no expiry) and where the upload waits. */
export interface ImportOwner {
  ownerId: string;
  ownerHost: string;
  leaseSeconds: number | null;
  tempPath: string;
}

/** An unfinished import whose owner stopped renewing its lease. */
export interface AbandonedImport {
  id: string;
  ownerId: string | null;
  ownerHost: string | null;
  tempPath: string | null;
}

/** A connection of its own (a pg pool) or the data source's. */
export interface Queryable {
  query(text: string, parameters: unknown[]): Promise<unknown>;
}

const UNFINISHED = `state IN ('QUEUED', 'RUNNING')`;
/** A lease for `$n` seconds by the database clock; a null count is a lease without expiry (the embedded database). */
const leaseUntil = (n: number) => `CASE WHEN $${n}::int IS NULL THEN 'infinity'::timestamptz ELSE now() + make_interval(secs => $${n}::int) END`;

interface ImportRow {
  id: string;
  project_id: string;
  kind: ImportKind;
  content_sha256: string;
  filename: string | null;
  state: ImportState;
  rows_total: number | null;
  rows_done: number;
  error_count: number;
  result: Record<string, number> | null;
  failure: string | null;
  errors_truncated: boolean;
  created_by: string;
  created_at: Date;
  finished_at: Date | null;
  owner_id: string | null;
  lease_expires_at: Date | null;
}

function toRecord(row: ImportRow): ImportRecord {
  return {
    id: row.id, projectId: row.project_id, kind: row.kind, contentSha256: row.content_sha256, filename: row.filename, state: row.state,
    rowsTotal: row.rows_total, rowsDone: row.rows_done, errorCount: row.error_count, result: row.result, failure: row.failure,
    errorsTruncated: row.errors_truncated, createdBy: row.created_by, createdAt: row.created_at, finishedAt: row.finished_at,
    ownerId: row.owner_id, leaseExpiresAt: row.lease_expires_at,
  };
}

@Injectable()
export class ImportsRepository extends ManagedRepository {
  constructor(@InjectEntityManager() manager: EntityManager) {
    super(manager);
  }

  /** A new import owned by `owner`, or null when the same content is already imported (or being imported) for this project and kind. */
  async insert(
    this: InWrite<ImportsRepository>,
    record: Pick<ImportRecord, 'projectId' | 'kind' | 'contentSha256' | 'filename' | 'createdBy' | 'createdAt'>,
    owner: ImportOwner,
  ): Promise<ImportRecord | null> {
    const [row] = await this.manager.query(
      `INSERT INTO imports (project_id, kind, content_sha256, filename, state, created_by, created_at, owner_id, owner_host, lease_expires_at, temp_path)
       VALUES ($1, $2, $3, $4, 'QUEUED', $5, $6, $7, $8, ${leaseUntil(9)}, $10)
       ON CONFLICT (project_id, kind, content_sha256) WHERE state <> 'FAILED' DO NOTHING
       RETURNING *`,
      [
        record.projectId, record.kind, record.contentSha256, record.filename, record.createdBy, record.createdAt,
        owner.ownerId, owner.ownerHost, owner.leaseSeconds, owner.tempPath,
      ],
    );
    return row ? toRecord(row) : null;
  }

  /** Whether an unfinished import's lease still runs, by the database clock. */
  async leaseIsLive(id: string): Promise<boolean> {
    const [row] = await this.manager.query(
      `SELECT (lease_expires_at IS NOT NULL AND lease_expires_at >= now()) AS live FROM imports WHERE id = $1 AND ${UNFINISHED}`,
      [id],
    );
    return row?.live === true;
  }

  async findById(id: string): Promise<ImportRecord | null> {
    const [row] = await this.manager.query('SELECT * FROM imports WHERE id = $1', [id]);
    return row ? toRecord(row) : null;
  }

  /** The import of this very content that stands (succeeded, refused, or still under way). */
  async findStanding(projectId: string, kind: ImportKind, contentSha256: string): Promise<ImportRecord | null> {
    const [row] = await this.manager.query(
      `SELECT * FROM imports WHERE project_id = $1 AND kind = $2 AND content_sha256 = $3 AND state <> 'FAILED'`,
      [projectId, kind, contentSha256],
    );
    return row ? toRecord(row) : null;
  }

  async list(projectId: string, limit: number, offset: number): Promise<Page<ImportRecord>> {
    const [{ total }] = await this.manager.query('SELECT count(*)::int AS total FROM imports WHERE project_id = $1', [projectId]);
    const rows: ImportRow[] = await this.manager.query(
      'SELECT * FROM imports WHERE project_id = $1 ORDER BY created_at DESC, id LIMIT $2 OFFSET $3',
      [projectId, limit, offset],
    );
    return { items: rows.map(toRecord), total };
  }

  /** Marks an import of `ownerId` RUNNING and renews its lease; through `via` (a dedicated connection) when given. */
  async markRunning(id: string, ownerId: string, leaseSeconds: number | null, via?: Queryable): Promise<void> {
    await (via ?? this.manager).query(
      `UPDATE imports SET state = 'RUNNING', lease_expires_at = ${leaseUntil(3)} WHERE id = $1 AND owner_id = $2 AND state = 'QUEUED'`,
      [id, ownerId, leaseSeconds],
    );
  }

  /** Brings the planner's statistics up to the rows this import wrote (its own, not yet committed), before they are judged. */
  async refreshStatistics(this: InWrite<ImportsRepository>): Promise<void> {
    await this.manager.query('SELECT refresh_import_statistics()');
  }

  /** Extends the lease of every unfinished import of `ownerId`, through `via`. */
  async renewLeases(ownerId: string, leaseSeconds: number, via: Queryable): Promise<void> {
    await via.query(`UPDATE imports SET lease_expires_at = ${leaseUntil(2)} WHERE owner_id = $1 AND ${UNFINISHED}`, [ownerId, leaseSeconds]);
  }

  /**
   * Ends an import its owner still holds; false when it no longer does (the
   * lease ran out and another process failed the import).
   */
  async finish(
    this: InWrite<ImportsRepository>,
    id: string,
    ownerId: string,
    outcome: Pick<ImportRecord, 'state' | 'rowsTotal' | 'rowsDone' | 'errorCount' | 'result' | 'failure'> & { errorsTruncated?: boolean },
    at: Date,
  ): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [rows]: [Array<{ id: string }>, number] = await this.manager.query(
      `UPDATE imports SET state = $3, rows_total = $4, rows_done = $5, error_count = $6, result = $7, failure = $8, finished_at = $9,
         errors_truncated = $10, lease_expires_at = NULL, temp_path = NULL
       WHERE id = $1 AND owner_id = $2 AND ${UNFINISHED} RETURNING id`,
      [
        id, ownerId, outcome.state, outcome.rowsTotal, outcome.rowsDone, outcome.errorCount, outcome.result && JSON.stringify(outcome.result),
        outcome.failure, at, outcome.errorsTruncated ?? false,
      ],
    );
    return rows.length === 1;
  }

  /**
   * Unfinished imports of other processes whose owner stopped: the lease ran
   * out (or, `whateverTheLease`, any — the embedded database, one process by
   * construction).
   */
  async findAbandoned(self: string, whateverTheLease: boolean): Promise<AbandonedImport[]> {
    const rows: Array<{ id: string; owner_id: string | null; owner_host: string | null; temp_path: string | null }> = await this.manager.query(
      `SELECT id, owner_id, owner_host, temp_path FROM imports
       WHERE ${UNFINISHED} AND owner_id IS DISTINCT FROM $1 AND (lease_expires_at IS NULL OR lease_expires_at < now() OR $2::boolean)
       ORDER BY created_at`,
      [self, whateverTheLease],
    );
    return rows.map((row) => ({ id: row.id, ownerId: row.owner_id, ownerHost: row.owner_host, tempPath: row.temp_path }));
  }

  /**
   * Fails an abandoned import unless its owner came back (renewed it) or another
   * process failed it first; `whateverTheLease` for the embedded database.
   */
  async failAbandoned(this: InWrite<ImportsRepository>, candidate: AbandonedImport, failure: string, at: Date, whateverTheLease: boolean): Promise<boolean> {
    const [rows]: [Array<{ id: string }>, number] = await this.manager.query(
      `UPDATE imports SET state = 'FAILED', failure = $3, finished_at = $4, lease_expires_at = NULL, temp_path = NULL
       WHERE id = $1 AND ${UNFINISHED} AND owner_id IS NOT DISTINCT FROM $2
         AND (lease_expires_at IS NULL OR lease_expires_at < now() OR $5::boolean)
       RETURNING id`,
      [candidate.id, candidate.ownerId, failure, at, whateverTheLease],
    );
    return rows.length === 1;
  }

  async appendErrors(this: InWrite<ImportsRepository>, importId: string, problems: CellProblem[]): Promise<void> {
    for (let i = 0; i < problems.length; i += 5000) {
      const chunk = problems.slice(i, i + 5000);
      await this.manager.query(
        `INSERT INTO import_errors (import_id, line, "column", value, reason)
         SELECT $1, * FROM unnest($2::int[], $3::varchar[], $4::varchar[], $5::varchar[])`,
        [importId, chunk.map((p) => p.line), chunk.map((p) => p.column.slice(0, 100)), chunk.map((p) => p.value), chunk.map((p) => p.reason.slice(0, 500))],
      );
    }
  }

  async errorsOf(importId: string, limit: number): Promise<CellProblem[]> {
    const rows: CellProblem[] = await this.manager.query(
      'SELECT line, "column", value, reason FROM import_errors WHERE import_id = $1 ORDER BY line, "column" LIMIT $2',
      [importId, limit],
    );
    return rows;
  }
}
