import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Seals committed audit-log entries into the chain, after the writes that
 * logged them have committed (`audit_log_seal_pending()`, see the migration
 * AuditChainSealAfterCommit): writers never wait on the chain lock inside
 * their transactions. Calls that arrive while a seal is running share the
 * next one, so under load one lock and one commit seal the entries of every
 * write that finished meanwhile.
 */
@Injectable()
export class ChainSealer implements OnApplicationBootstrap {
  private readonly logger = new Logger(ChainSealer.name);
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Entries left pending by a stop between a write's commit and its seal are sealed at start-up. */
  async onApplicationBootstrap(): Promise<void> {
    await this.seal();
  }

  /**
   * Resolves once every entry committed before the call is in the chain. A
   * seal already running may have read the pending entries before the
   * caller's commit, so the caller waits for the one after it.
   */
  seal(): Promise<void> {
    if (this.queued) return this.queued;
    if (this.running) {
      const after = this.running.catch(() => undefined);
      this.queued = after.then(() => {
        this.queued = null;
        return this.start();
      });
      return this.queued;
    }
    return this.start();
  }

  /** After a write: its entries are sealed before it answers; a seal that fails (the database gone) leaves them pending for the next one. */
  async sealAfterWrite(): Promise<void> {
    try {
      await this.seal();
    } catch (error) {
      this.logger.warn(`audit-log entries left pending, sealed by the next write or at start-up: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Seals within the caller's transaction (a report reading the chain's head): the lock is then held until it commits. */
  static async sealWithin(tx: { manager: EntityManager }): Promise<void> {
    await tx.manager.query('SELECT audit_log_seal_pending()');
  }

  private start(): Promise<void> {
    const run = this.dataSource.query('SELECT audit_log_seal_pending()').then(() => undefined);
    this.running = run;
    const clear = () => {
      if (this.running === run) this.running = null;
    };
    run.then(clear, clear);
    return run;
  }
}
