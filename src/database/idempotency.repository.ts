import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { InWrite, ManagedRepository } from './managed-repository';

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
    const [row] = await this.manager.query(
      'SELECT request_hash, response_body FROM idempotency_keys WHERE scope = $1 AND key = $2',
      [scope, key],
    );
    return { requestHash: row.request_hash, body: row.response_body };
  }

  async complete(this: InWrite<IdempotencyRepository>, scope: string, key: string, status: number, body: unknown): Promise<void> {
    await this.manager.query(
      'UPDATE idempotency_keys SET response_status = $3, response_body = $4 WHERE scope = $1 AND key = $2',
      [scope, key, status, JSON.stringify(body)],
    );
  }
}
