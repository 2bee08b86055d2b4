import { createHash } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLogRepository, AuditRecord } from '../audit-log/audit-log.repository';
import { ChainSealer } from '../audit-log/chain-sealer';
import { Actor } from '../common/auth/role';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { Clock } from '../common/time/clock';
import { canonicalJson } from '../common/canonical-json';
import { IdempotencyRepository, StoredResponse } from './idempotency.repository';
import { hotQuery, pgErrorCode } from './managed-repository';
import { composeStatements, Statement } from './statement';

/** An audit-log entry a write leaves: what it did; the chain adds who, when, and the entry's place and hash. */
export function auditEntry(action: string, entityType: string, entityId: string, data: unknown): AuditRecord {
  return { action, entityType, entityId, data };
}

/**
 * What a write gives back: its value and the audit-log entries that say what it
 * did. A write's work returns one, so a write that forgets its entry does not compile.
 */
export interface Written<T> {
  readonly value: T;
  readonly audit: readonly AuditRecord[];
}

/** A write's value with at least one audit-log entry. */
export function written<T>(value: T, entry: AuditRecord, ...more: AuditRecord[]): Written<T> {
  return { value, audit: [entry, ...more] };
}

/** A value whose entries were already logged on the transaction (`tx.log`): it adds none of its own. */
export function alreadyLogged<T>(value: T): Written<T> {
  return { value, audit: [] };
}

/** A write prepared in full before it is sent (`WriteRunner.runPlanned`): its statements, value and audit-log entries. */
export interface PlannedWrite<T> extends Written<T> {
  readonly statements: readonly Statement[];
}

/** The answer stored under an Idempotency-Key, for a request with the same body; the same key with another body is a 409. */
function replayed<T>(stored: StoredResponse, requestHash: string): T {
  if (stored.requestHash !== requestHash) {
    throw new DomainError(ErrorCode.IDEMPOTENCY_KEY_REUSED, 'this Idempotency-Key was used with a different request body', [
      { field: 'Idempotency-Key', problem: 'already used with a different body' },
    ]);
  }
  return stored.body as T;
}

/** SHA-256 of the body's canonical JSON: the same request, however its keys are ordered. */
function requestHashOf(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/** Every write says what it did in the audit log: the types ask for an entry; this is the backstop. */
function requireAuditEntries(count: number): void {
  if (count === 0) throw new Error('a write must record at least one audit-log entry');
}

/** The write was refused (not a fault): by a rule, or by a constraint of the database (a unique key, a check, a reference). */
function isRefusal(error: unknown): boolean {
  return error instanceof DomainError || pgErrorCode(error)?.startsWith('23') === true;
}

/** What a write may do: use the transaction's manager, and log what it did. */
export class WriteTransaction {
  private pending: AuditRecord[] = [];
  private appended = 0;

  constructor(
    readonly manager: EntityManager,
    readonly actor: Actor,
    readonly clock: Clock,
    private readonly auditLog: AuditLogRepository,
  ) {}

  /** Queues a write's audit-log entries (appended before commit in this same transaction) and gives back its value. */
  log<T>(write: Written<T>): T {
    this.pending.push(...write.audit);
    return write.value;
  }

  /** Entries logged so far, appended or not. */
  get loggedCount(): number {
    return this.appended + this.pending.length;
  }

  /**
   * Appends the entries logged so far now, in this transaction: a long write
   * (an import) calls it as it goes, so its entries do not pile up in memory.
   */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const entries = this.pending;
    this.pending = [];
    await this.auditLog.within(this).append(this.actor.id, this.clock.now(), entries);
    this.appended += entries.length;
  }
}

/**
 * Who and where a key belongs to: the actor, the method and route template and
 * the route's parameters normalised (ids lower-cased), e.g.
 * `<user id> POST /api/sales/{saleId}/payments saleId=<id>`. Keys of different
 * users, routes or sales never collide; two spellings of one id are one scope.
 */
export function idempotencyScope(actor: Actor, route: string, params: Record<string, string> = {}): string {
  const normalised = Object.keys(params)
    .sort()
    .map((name) => ` ${name}=${params[name].toLowerCase()}`)
    .join('');
  return `${actor.id} ${route}${normalised}`;
}

/** A create request that may be retried: same scope and key, same body → same answer. */
export interface IdempotentRequest {
  /** From `idempotencyScope`. */
  scope: string;
  key: string | undefined;
  body: unknown;
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
    private readonly idempotency: IdempotencyRepository,
    private readonly clock: Clock,
    private readonly sealer: ChainSealer,
  ) {}

  async run<T>(actor: Actor, work: (tx: WriteTransaction) => Promise<Written<T>>): Promise<T> {
    const result = await this.dataSource.transaction(async (manager) => {
      const tx = new WriteTransaction(manager, actor, this.clock, this.auditLog);
      const value = tx.log(await work(tx));
      await this.appendLogged(tx);
      return value;
    });
    await this.sealer.sealAfterWrite();
    return result;
  }

  /**
   * A create that honours an Idempotency-Key: the first request does the work and
   * stores its answer in the same transaction; a replay with the same body gets
   * that answer again, the same key with another body is a 409. Simultaneous
   * retries queue on the key, so one record is made.
   */
  async runIdempotent<T>(actor: Actor, request: IdempotentRequest, work: (tx: WriteTransaction) => Promise<Written<T>>): Promise<T> {
    const { key, scope } = request;
    if (key === undefined) return this.run(actor, work);
    const requestHash = requestHashOf(request.body);
    const result = await this.dataSource.transaction(async (manager) => {
      const tx = new WriteTransaction(manager, actor, this.clock, this.auditLog);
      const earlier = await this.idempotency.within(tx).claim(scope, key, requestHash, this.clock.now());
      if (earlier) return replayed<T>(earlier, requestHash);
      const value = tx.log(await work(tx));
      await this.idempotency.within(tx).complete(scope, key, HttpStatus.CREATED, value);
      await this.appendLogged(tx);
      return value;
    });
    await this.sealer.sealAfterWrite();
    return result;
  }

  /**
   * A create prepared before anything is written (recording a sale from the
   * API): `plan` reads what it needs outside any transaction and does all the
   * application's work, then its statements, its audit-log entries and the
   * idempotency key's answer are sent as one statement — one round trip that
   * commits all or nothing, no transaction left open while the application
   * works. A constraint refusing the write (a unit sold meanwhile) is answered
   * through `refused`; a key taken meanwhile by the same request, with its
   * stored answer.
   */
  async runPlanned<T>(
    actor: Actor,
    request: IdempotentRequest,
    plan: (context: { actor: Actor; clock: Clock; reader: { manager: EntityManager } }) => Promise<PlannedWrite<T>>,
    refused: (error: unknown) => unknown,
  ): Promise<T> {
    const { key, scope } = request;
    const requestHash = requestHashOf(request.body);
    if (key !== undefined) {
      const earlier = await this.idempotency.find(scope, key);
      if (earlier) return replayed<T>(earlier, requestHash);
    }
    // A retry racing its first request: whatever refused it (the rules, seeing the record the first made, or a constraint), the first's answer is stored.
    const replayIfStored = async (error: unknown): Promise<T> => {
      const stored = key !== undefined && isRefusal(error) ? await this.idempotency.find(scope, key) : null;
      if (stored) return replayed<T>(stored, requestHash);
      throw error;
    };
    let planned: PlannedWrite<T>;
    try {
      planned = await plan({ actor, clock: this.clock, reader: { manager: this.dataSource.manager } });
    } catch (error) {
      return replayIfStored(error);
    }
    requireAuditEntries(planned.audit.length);
    const at = this.clock.now();
    const write = composeStatements([
      ...planned.statements,
      AuditLogRepository.appendStatement(actor.id, at, [...planned.audit]),
      ...(key === undefined ? [] : [IdempotencyRepository.storeStatement(scope, key, requestHash, at, HttpStatus.CREATED, planned.value)]),
    ]);
    try {
      await hotQuery(this.dataSource.manager, write.sql, write.params);
    } catch (error) {
      return replayIfStored(refused(error));
    }
    await this.sealer.sealAfterWrite();
    return planned.value;
  }

  /**
   * Appends the write's audit-log entries, which commit with it and are sealed
   * into the chain once it has committed (`ChainSealer`), before it answers.
   * The types already ask every write for its entry; this is the backstop for a
   * write that returned `alreadyLogged` without having logged any.
   */
  private async appendLogged(tx: WriteTransaction): Promise<void> {
    requireAuditEntries(tx.loggedCount);
    await tx.flush();
  }
}
