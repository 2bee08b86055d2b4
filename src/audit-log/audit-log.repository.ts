import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { ManagedRepository } from '../database/managed-repository';
import { AuditEntry, GENESIS_HASH, hashEntry } from './audit-chain';

export interface NewAuditEntry {
  at: Date;
  actor: string;
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

/** Any constant shared by every writer: the lock that keeps the chain linear. */
const CHAIN_LOCK_KEY = 7_301_000_001;

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
   * Appends entries at the end of the chain. Must run inside the write's
   * transaction: the advisory lock is held until commit, so concurrent writers
   * queue here and each links to the last committed entry.
   */
  async append(entries: NewAuditEntry[]): Promise<AuditEntry[]> {
    // Two statements, not one: a statement reads with the snapshot taken when it began, so the
    // chain's end must be read by a statement that starts after the lock is held.
    await this.manager.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK_KEY]);
    const [last] = await this.manager.query('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    let seq = last ? Number(last.seq) : 0;
    let prevHash: string = last ? last.hash : GENESIS_HASH;
    const appended: AuditEntry[] = [];
    for (const entry of entries) {
      seq += 1;
      const content = {
        seq,
        at: entry.at.toISOString(),
        actor: entry.actor,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId,
        data: JSON.parse(JSON.stringify(entry.data ?? {})),
      };
      const hash = hashEntry(prevHash, content);
      appended.push({ ...content, prevHash, hash });
      prevHash = hash;
    }
    // One statement for the whole batch: an audit run may append thousands of entries.
    await this.manager.query(
      `INSERT INTO audit_log (seq, at, actor, action, entity_type, entity_id, data, prev_hash, hash)
       SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[],
                            $7::jsonb[], $8::char(64)[], $9::char(64)[])`,
      [
        appended.map((e) => e.seq), appended.map((e) => e.at), appended.map((e) => e.actor), appended.map((e) => e.action),
        appended.map((e) => e.entityType), appended.map((e) => e.entityId), appended.map((e) => JSON.stringify(e.data)),
        appended.map((e) => e.prevHash), appended.map((e) => e.hash),
      ],
    );
    return appended;
  }

  async list(filter: { entityType?: string; entityId?: string }, limit: number, offset: number): Promise<{ items: AuditEntry[]; total: number }> {
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
      `SELECT * FROM audit_log ${clause} ORDER BY seq LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
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
}
