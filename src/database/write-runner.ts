import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLogRepository, NewAuditEntry } from '../audit-log/audit-log.repository';
import { Actor } from '../common/auth/role';
import { Clock } from '../common/time/clock';

/** What a write may do: use the transaction's manager, and say what it did. */
export class WriteTransaction {
  readonly recorded: Omit<NewAuditEntry, 'at' | 'actor'>[] = [];

  constructor(
    readonly manager: EntityManager,
    readonly actor: Actor,
    readonly clock: Clock,
  ) {}

  /** Adds an audit-log entry, appended before commit in this same transaction. */
  record(action: string, entityType: string, entityId: string, data: unknown): void {
    this.recorded.push({ action, entityType, entityId, data });
  }
}

/**
 * The one write path: every accepted write runs here, in one transaction that
 * also appends its audit-log entries, so no write escapes the log and a
 * refused write leaves nothing behind.
 */
@Injectable()
export class WriteRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auditLog: AuditLogRepository,
    private readonly clock: Clock,
  ) {}

  async run<T>(actor: Actor, work: (tx: WriteTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const tx = new WriteTransaction(manager, actor, this.clock);
      const result = await work(tx);
      if (tx.recorded.length === 0) throw new Error('a write must record at least one audit-log entry');
      const at = this.clock.now();
      await this.auditLog.within(tx).append(tx.recorded.map((entry) => ({ ...entry, at, actor: actor.id })));
      return result;
    });
  }
}
