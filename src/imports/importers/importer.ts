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

/** A file stops being read at this many problems: it is refused with them, the rest unread. */
export const MAX_ERRORS = 1_000;

/**
 * One kind of file. Pass 1 sees every row whose cells parsed, in file order,
 * and checks what needs other rows or the database; pass 2 runs only when pass
 * 1 found nothing wrong, inside the same transaction, and writes: the rows the
 * importer staged in pass 1 (`writeStaged`), or the file read again, row by row
 * (`write`).
 */
export interface KindImporter {
  /** A row's problems; an importer that checks rows in chunks answers a chunk's when it is full. */
  check(values: Record<string, unknown>, line: number): CellProblem[] | Promise<CellProblem[]>;
  /** The rows are all read (or reading stopped): the problems of rows still held for checking. */
  endOfRows?(): Promise<CellProblem[]>;
  /** Checks that need every row, once no row has a problem. */
  finishChecks(): Promise<CellProblem[]>;
  /** Writes what pass 1 staged, calling `done` with each chunk's number of rows once it is written. */
  writeStaged?(done: (rows: number) => Promise<void>): Promise<void>;
  write?(values: Record<string, unknown>, line: number): Promise<void>;
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
