import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { InWrite, ManagedRepository } from './managed-repository';
import { Statement } from './statement';

export interface StoredResponse {
  requestHash: string;
  body: unknown;
}

@Injectable()
export class IdempotencyRepository extends ManagedRepository {
  constructor(@InjectEntityManager() manager: EntityManager) {
    super(manager);
  }

  /**
   * Claims a key for this transaction. When another transaction holds the same
   * key, PostgreSQL makes this wait until it commits (then the claim fails and
   * its stored response is returned) or rolls back (then the claim succeeds).
   */
  async claim(this: InWrite<IdempotencyRepository>, scope: string, key: string, requestHash: string, at: Date): Promise<StoredResponse | null> {
    const claimed = await this.manager.query(
      `INSERT INTO idempotency_keys (scope, key, request_hash, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING key`,
      [scope, key, requestHash, at],
    );
    if (claimed.length > 0) return null;
    // The conflict means the key's row has committed: it is there to read.
    return (await this.find(scope, key))!;
  }

  /** The answer stored under a key, or null when the key is new (reads outside any transaction; see `storeStatement`). */
  async find(scope: string, key: string): Promise<StoredResponse | null> {
    const [row] = await this.hotQuery('SELECT request_hash, response_body FROM idempotency_keys WHERE scope = $1 AND key = $2', [scope, key]);
    return row ? { requestHash: row.request_hash, body: row.response_body } : null;
  }

  /**
   * The key and its answer stored in the statement that makes the record (a
   * write sent as one): of two requests with one new key at once, the second
   * waits for the first to commit, then is refused by the key's primary key
   * (or by the record the first made) and answers what the first stored.
   */
  static storeStatement(scope: string, key: string, requestHash: string, at: Date, status: number, body: unknown): Statement {
    return {
      sql: `INSERT INTO idempotency_keys (scope, key, request_hash, created_at, response_status, response_body) VALUES ($1, $2, $3, $4, $5, $6)`,
      params: [scope, key, requestHash, at, status, JSON.stringify(body)],
    };
  }

  async complete(this: InWrite<IdempotencyRepository>, scope: string, key: string, status: number, body: unknown): Promise<void> {
    await this.manager.query(
      'UPDATE idempotency_keys SET response_status = $3, response_body = $4 WHERE scope = $1 AND key = $2',
      [scope, key, status, JSON.stringify(body)],
    );
  }
}
