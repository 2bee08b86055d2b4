import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { InWrite, ManagedRepository } from '../database/managed-repository';
import { Statement } from '../database/statement';
import { AuditEntry, ChainHead, canonicalHead } from './audit-chain';

/** What a write says it did; the chain adds who, when, and the entry's place and hash. */
export interface AuditRecord {
  action: string;
  entityType: string;
  entityId: string;
  data: unknown;
}

interface AuditRow {
  seq: string;
  at: Date;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  data: unknown;
  prev_hash: string;
  hash: string;
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    seq: Number(row.seq),
    at: row.at.toISOString(),
    actor: row.actor,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    data: row.data,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

@Injectable()
export class AuditLogRepository extends ManagedRepository {
  constructor(@InjectEntityManager() manager: EntityManager) {
    super(manager);
  }

  /**
   * Appends entries to the chain in the write's transaction: they wait in
   * audit_pending, and once the write has committed the chain sealer links
   * them (audit_log_seal_pending: under the chain lock, each to the last entry
   * sealed before it), so concurrent writers never fork the chain and never
   * wait on its lock.
   */
  async append(this: InWrite<AuditLogRepository>, actor: string, at: Date, entries: AuditRecord[]): Promise<void> {
    const { sql, params } = AuditLogRepository.appendStatement(actor, at, entries);
    await this.hotQuery(sql, params);
  }

  /** The insert of `append` as a statement, for a write sent as one (`composeStatements`). */
  static appendStatement(actor: string, at: Date, entries: AuditRecord[]): Statement {
    const when = at.toISOString();
    // As the entry will read back from jsonb: what is hashed is what verification will see.
    const data = entries.map((entry) => JSON.parse(JSON.stringify(entry.data ?? {})));
    const heads = entries.map((entry, i) => canonicalHead({ ...entry, at: when, actor, data: data[i] }));
    return {
      sql: `INSERT INTO audit_pending (at, actor, action, entity_type, entity_id, data, head)
       SELECT $1, $2, e.action, e.entity_type, e.entity_id, e.data, e.head
       FROM ROWS FROM (jsonb_to_recordset($3::jsonb) AS (action varchar, entity_type varchar, entity_id varchar, data jsonb, head text))
         WITH ORDINALITY AS e (action, entity_type, entity_id, data, head, position)
       ORDER BY e.position`,
      // One JSON document, not an array per column: pg would escape every character of each entry's JSON as an array element.
      params: [
        when, actor,
        JSON.stringify(entries.map((e, i) => ({ action: e.action, entity_type: e.entityType, entity_id: e.entityId, data: data[i], head: heads[i] }))),
      ],
    };
  }

  async list(filter: { entityType?: string; entityId?: string }, limit: number, offset: number, order: 'asc' | 'desc' = 'asc'): Promise<{ items: AuditEntry[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.entityType) {
      params.push(filter.entityType);
      where.push(`entity_type = $${params.length}`);
    }
    if (filter.entityId) {
      params.push(filter.entityId);
      where.push(`entity_id = $${params.length}`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ count }] = await this.manager.query(`SELECT count(*)::int AS count FROM audit_log ${clause}`, params);
    const rows: AuditRow[] = await this.manager.query(
      `SELECT * FROM audit_log ${clause} ORDER BY seq ${order === 'desc' ? 'DESC' : 'ASC'} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    return { items: rows.map(toEntry), total: count };
  }

  /** The whole chain in seq order, a batch at a time, so verification needs little memory. */
  async *scan(batchSize = 2000): AsyncGenerator<AuditEntry> {
    let after = 0;
    for (;;) {
      const rows: AuditRow[] = await this.manager.query(
        'SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2',
        [after, batchSize],
      );
      for (const row of rows) yield toEntry(row);
      if (rows.length < batchSize) return;
      after = Number(rows[rows.length - 1].seq);
    }
  }

  /** The last entry sealed into the chain, or null while the log is empty. */
  async head(): Promise<ChainHead | null> {
    const [row]: Array<{ seq: string; hash: string; at: Date }> = await this.manager.query(
      'SELECT seq, hash, at FROM audit_log ORDER BY seq DESC LIMIT 1',
    );
    return row ? { seq: Number(row.seq), hash: row.hash, at: row.at.toISOString() } : null;
  }

  /** The stored hash of the entry at `seq`, or null when there is none. */
  async hashAt(seq: number): Promise<string | null> {
    const [row]: Array<{ hash: string }> = await this.manager.query('SELECT hash FROM audit_log WHERE seq = $1', [seq]);
    return row?.hash ?? null;
  }
}
