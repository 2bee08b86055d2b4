import { WriteTransaction } from '../../database/write-runner';
import { ProjectSettings } from '../../projects/project-settings';
import { CellProblem } from '../csv-columns';

/** What an importer needs to know of the import it serves. */
export interface ImportContext {
  tx: WriteTransaction;
  importId: string;
  project: { id: string; code: string; currency: string; settings: ProjectSettings };
  /** Business dates after this are refused, as the API refuses them. */
  today: string;
}

export type ImportResult = Record<string, number>;

/** Rows are written in batches of this size: memory stays flat whatever the file size. */
export const WRITE_BATCH = 1000;

/**
 * One kind of file. Pass 1 sees every row whose cells parsed, in file order,
 * and checks what needs other rows or the database; pass 2 runs only when pass
 * 1 found nothing wrong, inside the same transaction, and writes.
 */
export interface KindImporter {
  check(values: Record<string, unknown>, line: number): CellProblem[];
  finishChecks(): Promise<CellProblem[]>;
  write(values: Record<string, unknown>, line: number): Promise<void>;
  finishWrite(): Promise<ImportResult>;
}

/** A row-level problem of a given column. */
export function problem(line: number, column: string, value: unknown, reason: string): CellProblem {
  return { line, column, value: value === undefined || value === null ? null : String(value).slice(0, 300), reason };
}

/** Collects rows into batches and hands each full batch to `flush`. */
export class Batcher<T> {
  private rows: T[] = [];

  constructor(private readonly flush: (rows: T[]) => Promise<void>) {}

  async add(row: T): Promise<void> {
    this.rows.push(row);
    if (this.rows.length >= WRITE_BATCH) await this.drain();
  }

  async drain(): Promise<void> {
    if (this.rows.length === 0) return;
    const rows = this.rows;
    this.rows = [];
    await this.flush(rows);
  }
}
