import { EntityManager } from 'typeorm';

/**
 * Base of every repository. Outside a write it reads through the data source;
 * `within(tx)` gives a copy bound to a write transaction's manager, so that
 * everything a write does commits or rolls back together.
 */
export abstract class ManagedRepository {
  constructor(protected readonly manager: EntityManager) {}

  within(tx: { manager: EntityManager }): this {
    return Object.assign(Object.create(Object.getPrototypeOf(this)), this, { manager: tx.manager });
  }
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
