import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Read, runRead } from './read';
import type { WriteTransaction } from './write-runner';

/** Set in the connection's `extra` options where statements may be prepared (a PostgreSQL server, not the embedded one). */
export const PREPARE_STATEMENTS = 'ledgerPrepareStatements';

const statementNames = new Map<string, string>();

/** A name per statement text: the same text always gets the same prepared statement. */
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `ledger_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return name;
}

declare const boundToWrite: unique symbol;

/**
 * A repository bound to a write transaction. Write methods declare it as their
 * `this` (`insert(this: InWrite<SalesRepository>, …)`): a write through the
 * repository as injected, outside a transaction, does not compile.
 */
export type InWrite<R extends ManagedRepository> = R & { readonly [boundToWrite]: true };

/**
 * Base of every repository. Outside a write it reads through the data source;
 * `within(tx)` gives a copy bound to a write transaction's manager, so that
 * everything a write does commits or rolls back together — and only such a
 * copy may write.
 */
export abstract class ManagedRepository {
  constructor(protected readonly manager: EntityManager) {}

  within(tx: WriteTransaction): InWrite<this>;
  within(scope: { manager: EntityManager }): this;
  within(scope: { manager: EntityManager }): this {
    return Object.assign(Object.create(Object.getPrototypeOf(this)), this, { manager: scope.manager });
  }

  /**
   * A statement of a hot path (recording a sale): on a PostgreSQL server it is
   * prepared once per connection, so it is parsed and planned once rather than
   * on every call. The embedded database runs it unprepared: it is one session
   * that outlives the connections to it, and would keep the names of a
   * connection that has gone.
   */
  protected hotQuery<T = any>(text: string, parameters: unknown[]): Promise<T> {
    return hotQuery(this.manager, text, parameters);
  }

  /** Runs a read (a repository's `…Read`, or several put `together`) on this repository's manager, in one round trip (`runRead`). */
  run<T>(read: Read<T>): Promise<T> {
    return runRead({ manager: this.manager }, read);
  }
}

/** `ManagedRepository.hotQuery` for a caller that is not a repository (the write runner's one-statement writes). */
export function hotQuery<T = any>(manager: EntityManager, text: string, parameters: unknown[]): Promise<T> {
  const extra = manager.connection.options.extra as Record<string, unknown> | undefined;
  if (!extra?.[PREPARE_STATEMENTS]) return manager.query(text, parameters);
  // pg takes a query config in place of the text; a new object each time, as pg writes the values into it.
  return manager.query({ name: statementName(text), text } as unknown as string, parameters);
}

/** PostgreSQL SQLSTATE codes the repositories translate into domain errors. */
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';
export const PG_CHECK_VIOLATION = '23514';

export function pgErrorCode(error: unknown): string | undefined {
  const driverError = (error as { driverError?: { code?: string }; code?: string } | null);
  return driverError?.driverError?.code ?? driverError?.code;
}

export function pgConstraint(error: unknown): string | undefined {
  return (error as { driverError?: { constraint?: string } } | null)?.driverError?.constraint;
}
