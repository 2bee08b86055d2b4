import { escapeLiteral } from 'pg';
import { prepareValue } from 'pg/lib/utils';
import { EntityManager } from 'typeorm';
import { hotQuery } from './managed-repository';
import { replaceParameters } from './statement';

/** One SELECT and its parameters, `$1`…, with what its rows mean. */
interface Query {
  sql: string;
  params: unknown[];
}

/**
 * A read of the database: the queries it takes (none, one or several) and
 * what their rows mean. Reads are built without a connection (each
 * repository says how it reads, `…Read`) and run by `runRead`: several
 * queries, of one read or of many put `together`, in one round trip.
 */
export interface Read<T> {
  readonly queries: readonly Query[];
  /** The rows of each query, in order. */
  readonly map: (results: readonly unknown[][]) => T;
}

/** A read of one query. */
export function query<T, Row = any>(sql: string, params: unknown[], map: (rows: Row[]) => T): Read<T> {
  return { queries: [{ sql, params }], map: ([rows]) => map(rows as Row[]) };
}

/** A read that needs the database for nothing: its answer is known (no ids to look up). */
export function known<T>(value: T): Read<T> {
  return { queries: [], map: () => value };
}

/** A read's answer put in other terms. */
export function mapRead<T, U>(read: Read<T>, map: (value: T) => U): Read<U> {
  return { queries: read.queries, map: (results) => map(read.map(results)) };
}

type Answers<R extends Record<string, Read<unknown>>> = { [K in keyof R]: R[K] extends Read<infer T> ? T : never };

/** Several reads as one: their queries sent together, each answered with its own rows. */
export function together<R extends Record<string, Read<unknown>>>(reads: R): Read<Answers<R>> {
  const names = Object.keys(reads) as Array<keyof R>;
  const offsets: number[] = [];
  const queries: Query[] = [];
  for (const name of names) {
    offsets.push(queries.length);
    queries.push(...reads[name].queries);
  }
  return {
    queries,
    map: (results) => {
      const answers = {} as Answers<R>;
      names.forEach((name, i) => {
        const read = reads[name];
        answers[name] = read.map(results.slice(offsets[i], offsets[i] + read.queries.length)) as Answers<R>[typeof name];
      });
      return answers;
    },
  };
}

/**
 * A query's text with its parameters written in as literals, as PostgreSQL's
 * own client writes them (`prepareValue`, then `escapeLiteral`): the form in
 * which several queries go as one message.
 */
export function inlined({ sql, params }: Query): string {
  return replaceParameters(sql, params.length, 'a query', (position) => {
    const value = prepareValue(params[position - 1]);
    if (Buffer.isBuffer(value)) throw new Error('a binary parameter is not written in as a literal');
    return value === null || value === undefined ? 'NULL' : escapeLiteral(value);
  });
}

/**
 * Runs a read in one round trip, on the caller's transaction when it has one.
 * One query goes as it is (prepared where statements may be, `hotQuery`);
 * several go as one message of statements (PostgreSQL's simple protocol),
 * their parameters written in as literals, each answered with its own rows,
 * typed as any query's are.
 */
export async function runRead<T>(reader: { manager: EntityManager }, read: Read<T>): Promise<T> {
  const { queries } = read;
  if (queries.length === 0) return read.map([]);
  if (queries.length === 1) return read.map([await hotQuery(reader.manager, queries[0].sql, queries[0].params)]);
  const text = queries.map(inlined).join(';\n');
  const { manager } = reader;
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const client: { query(text: string): Promise<Array<{ rows: unknown[] }>> } = await runner.connect();
    const results = await client.query(text);
    return read.map(results.map((result) => result.rows));
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}
