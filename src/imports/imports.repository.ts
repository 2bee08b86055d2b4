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
  createdBy: string;
  createdAt: Date;
  finishedAt: Date | null;
}

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
  created_by: string;
  created_at: Date;
  finished_at: Date | null;
}

function toRecord(row: ImportRow): ImportRecord {
  return {
    id: row.id, projectId: row.project_id, kind: row.kind, contentSha256: row.content_sha256, filename: row.filename, state: row.state,
    rowsTotal: row.rows_total, rowsDone: row.rows_done, errorCount: row.error_count, result: row.result, failure: row.failure,
    createdBy: row.created_by, createdAt: row.created_at, finishedAt: row.finished_at,
  };
}

@Injectable()
export class ImportsRepository extends ManagedRepository {
  constructor(@InjectEntityManager() manager: EntityManager) {
    super(manager);
  }

  /** A new import, or null when the same content is already imported (or being imported) for this project and kind. */
  async insert(this: InWrite<ImportsRepository>, record: Pick<ImportRecord, 'projectId' | 'kind' | 'contentSha256' | 'filename' | 'createdBy' | 'createdAt'>): Promise<ImportRecord | null> {
    const [row] = await this.manager.query(
      `INSERT INTO imports (project_id, kind, content_sha256, filename, state, created_by, created_at)
       VALUES ($1, $2, $3, $4, 'QUEUED', $5, $6)
       ON CONFLICT (project_id, kind, content_sha256) WHERE state <> 'FAILED' DO NOTHING
       RETURNING *`,
      [record.projectId, record.kind, record.contentSha256, record.filename, record.createdBy, record.createdAt],
    );
    return row ? toRecord(row) : null;
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

  async markRunning(this: InWrite<ImportsRepository>, id: string): Promise<void> {
    await this.manager.query(`UPDATE imports SET state = 'RUNNING' WHERE id = $1`, [id]);
  }

  async finish(this: InWrite<ImportsRepository>, id: string, outcome: Pick<ImportRecord, 'state' | 'rowsTotal' | 'rowsDone' | 'errorCount' | 'result' | 'failure'>, at: Date): Promise<void> {
    await this.manager.query(
      `UPDATE imports SET state = $2, rows_total = $3, rows_done = $4, error_count = $5, result = $6, failure = $7, finished_at = $8 WHERE id = $1`,
      [id, outcome.state, outcome.rowsTotal, outcome.rowsDone, outcome.errorCount, outcome.result && JSON.stringify(outcome.result), outcome.failure, at],
    );
  }

  async anyUnfinished(): Promise<boolean> {
    const [row] = await this.manager.query(`SELECT EXISTS (SELECT 1 FROM imports WHERE state IN ('QUEUED', 'RUNNING')) AS any`);
    return row.any;
  }

  /** Imports a stopped process left behind: they wrote nothing (their transaction never committed). */
  async failInterrupted(this: InWrite<ImportsRepository>, at: Date): Promise<string[]> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [rows]: [Array<{ id: string }>, number] = await this.manager.query(
      `UPDATE imports SET state = 'FAILED', failure = 'interrupted: the service stopped before the import finished; nothing was written', finished_at = $1
       WHERE state IN ('QUEUED', 'RUNNING') RETURNING id`,
      [at],
    );
    return rows.map((row) => row.id);
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
