import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { isDatabaseUnavailable } from '../common/edge/outage';
import { DomainError, ErrorCode } from '../common/errors/domain-error';

/**
 * Where a plain read runs: the replica's connections, or the primary's. Not a
 * write transaction: a repository bound to it with `within(scope)` cannot call
 * a write method (they ask for `InWrite`), and the replica would refuse one anyway.
 */
export interface ReadScope {
  readonly manager: EntityManager;
  readonly source: 'replica' | 'primary';
}

/** The replica's state, as `/health/ready` shows it. */
export interface ReplicaState {
  status: 'up' | 'down';
  /** Where the replica-routed reads go now. */
  readsFrom: 'replica' | 'primary';
  /** The replica is replaying the primary's WAL (false: pointed at a primary, or promoted). */
  inRecovery?: boolean;
  /** WAL the primary has written that the replica has not replayed yet, in bytes: how far behind its reads are. */
  replayLagBytes?: number;
  message?: string;
}

/** After a connection failure the replica is left alone this long: its reads go straight to the primary meanwhile. */
const RETRY_AFTER_MS = 5_000;
/** How long readiness waits for the replica's answer (as for the primary's ping). */
const STATE_TIMEOUT_MS = 3_000;
/** serialization_failure: on a hot standby, a query cancelled because replay had to remove rows it could still see. */
const RECOVERY_CONFLICT = '40001';

function isRecoveryConflict(error: unknown): boolean {
  const { code, driverError } = (error ?? {}) as { code?: unknown; driverError?: { code?: unknown } };
  return code === RECOVERY_CONFLICT || driverError?.code === RECOVERY_CONFLICT;
}

function isNotFound(error: unknown): boolean {
  return error instanceof DomainError && error.code === ErrorCode.NOT_FOUND;
}

/**
 * The second connection pool, to a PostgreSQL streaming replica (DATABASE_READ_URL).
 *
 * The read-heavy GETs run their reads through `run`: on the replica when one is
 * configured and reachable, else on the primary — without DATABASE_READ_URL,
 * `run` is the primary, exactly as a plain read. The routes that read from the
 * replica are listed in docs/operations.md (Read replica); every write, and
 * every read a write makes, stays on the primary: writes read through their
 * transaction (`within(tx)`), never through this.
 *
 * Replica reads may lag: a list asked right after a write may not show it yet
 * (replay is usually milliseconds behind, more under load or when the replica
 * pauses replay for a long query). A read that answers "not found" on the
 * replica is asked again on the primary, so a report, project or party just
 * made is found; a list is not re-checked.
 *
 * A replica that cannot be reached, or that cancels a query in a recovery
 * conflict, does not fail the request: the read runs again on the primary, a
 * warning is logged when the replica goes down (and a line when it is back),
 * and for RETRY_AFTER_MS reads go straight to the primary before the replica
 * is tried again.
 */
@Injectable()
export class ReadReplica implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ReadReplica');
  private readonly url: string | undefined;
  private replica?: DataSource;
  private connecting?: Promise<void>;
  private downUntil = 0;
  private down = false;
  private lastError?: string;

  constructor(
    @InjectDataSource() private readonly primary: DataSource,
    config: AppConfig,
  ) {
    this.url = config.DATABASE_READ_URL;
  }

  /** Whether DATABASE_READ_URL is set. */
  get configured(): boolean {
    return this.url !== undefined;
  }

  /** At boot the replica is connected before the first request; unreachable, the service starts anyway, reading from the primary. */
  async onModuleInit(): Promise<void> {
    if (this.configured) await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connecting;
    if (this.replica?.isInitialized) await this.replica.destroy();
  }

  /**
   * Runs a plain read (no writes, no locks) on the replica if there is one
   * reachable, else on the primary; falls back to the primary when the replica
   * fails it for being unreachable or in a recovery conflict, or finds nothing.
   */
  async run<T>(work: (scope: ReadScope) => Promise<T>): Promise<T> {
    const onPrimary = () => work({ manager: this.primary.manager, source: 'primary' });
    const replica = this.available();
    if (!replica) return onPrimary();
    try {
      const result = await work({ manager: replica.manager, source: 'replica' });
      this.markUp();
      return result;
    } catch (error) {
      if (isDatabaseUnavailable(error)) {
        this.markDown(error);
        return onPrimary();
      }
      // A conflict with replay, or a row the replica has not replayed yet: the primary answers.
      if (isRecoveryConflict(error) || isNotFound(error)) return onPrimary();
      throw error;
    }
  }

  /** The replica's state for readiness; never throws (a replica down does not make the service unready). */
  async state(): Promise<ReplicaState | undefined> {
    if (!this.configured) return undefined;
    const replica = this.replica?.isInitialized ? this.replica : undefined;
    if (!replica) {
      void this.connect();
      return { status: 'down', readsFrom: 'primary', message: this.lastError ?? 'not connected yet' };
    }
    try {
      const [row]: Array<{ in_recovery: boolean; replay_lsn: string | null }> = await withTimeout(
        replica.query('SELECT pg_is_in_recovery() AS in_recovery, pg_last_wal_replay_lsn()::text AS replay_lsn'),
        STATE_TIMEOUT_MS,
      );
      this.markUp();
      const state: ReplicaState = { status: 'up', readsFrom: this.available() ? 'replica' : 'primary', inRecovery: row.in_recovery };
      if (row.replay_lsn !== null) {
        try {
          const [lag]: Array<{ bytes: string }> = await this.primary.query('SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn)::bigint::text AS bytes', [row.replay_lsn]);
          state.replayLagBytes = Math.max(0, Number(lag.bytes));
        } catch {
          // The primary's own check says whether it answers; the lag is left out.
        }
      }
      return state;
    } catch (error) {
      if (isDatabaseUnavailable(error)) this.markDown(error);
      return { status: 'down', readsFrom: 'primary', message: messageOf(error) };
    }
  }

  /** The replica's data source when reads may go to it now. */
  private available(): DataSource | undefined {
    if (!this.configured) return undefined;
    if (Date.now() < this.downUntil) return undefined;
    if (!this.replica?.isInitialized) {
      // Connecting is not waited for: this read goes to the primary, the next ones to the replica once it answers.
      void this.connect();
      return undefined;
    }
    return this.replica;
  }

  /** Opens the replica's pool, once at a time; a failure marks the replica down. */
  private connect(): Promise<void> {
    if (this.replica?.isInitialized || Date.now() < this.downUntil) return Promise.resolve();
    this.connecting ??= (async () => {
      const options = this.primary.options as DataSourceOptions & { extra?: Record<string, unknown> };
      // The primary's options (entities, pool size, connection class, session settings) on the replica's URL.
      const replica = new DataSource({ ...options, url: this.url, extra: { ...options.extra, application_name: 'ledger-read-replica' } } as DataSourceOptions);
      try {
        await replica.initialize();
        this.replica = replica;
        if (!this.down) this.logger.log('connected: the replica routes read from the read replica');
        this.markUp();
      } catch (error) {
        this.markDown(error);
        if (replica.isInitialized) await replica.destroy().catch(() => undefined);
      }
    })().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private markDown(error: unknown): void {
    this.downUntil = Date.now() + RETRY_AFTER_MS;
    this.lastError = messageOf(error);
    if (!this.down) {
      this.down = true;
      this.logger.warn(`the read replica is unreachable (${this.lastError}): its reads go to the primary, and it is tried again every ${RETRY_AFTER_MS / 1000} s`);
    }
  }

  private markUp(): void {
    if (this.down) {
      this.down = false;
      this.lastError = undefined;
      this.logger.log('the read replica answers again: the replica routes read from it');
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer in ${ms} ms`), { code: 'ETIMEDOUT' })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function messageOf(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' && message ? message : String(error);
  return typeof code === 'string' ? `${code}: ${text}` : text;
}
