import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { SYSTEM_ACTOR } from '../common/auth/role';
import { AppConfig } from '../config/app-config';
import { DatabaseEndpoint } from '../database/database-endpoint';
import { WriteRunner, auditEntry, written } from '../database/write-runner';
import { ImportOwner, ImportsRepository } from './imports.repository';
import { ResilientClient } from '../database/resilient-client';

/** What an import failed for its stopped owner says. */
export const OWNER_STOPPED = 'owner stopped: the process running the import stopped before it finished; nothing was written';

/** The abandoned import was renewed or failed by another process meanwhile: nothing to do. */
class NoLongerAbandoned extends Error {}

/**
 * Imports are owned through a lease. Each process has an owner id of its own;
 * every IMPORT_LEASE_RENEW_SECONDS it renews the leases of its imports to
 * now() + IMPORT_LEASE_SECONDS by the database clock, and sweeps: an unfinished
 * import of another process whose lease ran out is failed ("owner stopped",
 * logged as `import.failed`) and its temporary upload removed. A process that
 * starts never fails the import of one still alive.
 *
 * Renewal goes through a dedicated one-connection pool, so it is never queued
 * behind the pooled connections an import's long transaction (and the rest of
 * the service) holds.
 *
 * The embedded database (PGlite) is one session served to one process (its
 * directory lock refuses a second): there is no other live owner, and a second
 * connection cannot be had. There a lease never expires ('infinity'), nothing is
 * renewed, and the sweep at boot fails every unfinished import of an earlier
 * owner, whatever its lease.
 */
@Injectable()
export class ImportLeases implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ImportLeases');
  readonly ownerId = randomUUID();
  readonly ownerHost = hostname().slice(0, 255);
  private pool: Pool | null = null;
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;

  constructor(
    private readonly config: AppConfig,
    private readonly endpoint: DatabaseEndpoint,
    private readonly writes: WriteRunner,
    private readonly imports: ImportsRepository,
  ) {}

  /** The owner a new import of this process is inserted with. */
  ownerFor(tempPath: string): ImportOwner {
    return { ownerId: this.ownerId, ownerHost: this.ownerHost, leaseSeconds: this.endpoint.isEmbedded ? null : this.config.IMPORT_LEASE_SECONDS, tempPath };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.sweep();
    if (this.endpoint.isEmbedded) return;
    this.pool = new Pool({ Client: ResilientClient, connectionString: this.endpoint.url, max: 1, application_name: 'ledger-import-leases' });
    // A lost connection is replaced on the next renewal.
    this.pool.on('error', (error) => this.logger.warn({ err: error }, 'lease connection lost'));
    this.timer = setInterval(() => void this.tick(), this.config.IMPORT_LEASE_RENEW_SECONDS * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const pool = this.pool;
    this.pool = null;
    await pool?.end();
  }

  /** Marks an import of this process RUNNING, renewing its lease; committed at once, outside the import's transaction. */
  async markRunning(importId: string): Promise<void> {
    await this.imports.markRunning(importId, this.ownerId, this.endpoint.isEmbedded ? null : this.config.IMPORT_LEASE_SECONDS, this.pool ?? undefined);
  }

  /** Extends the leases of every unfinished import of this process. */
  async renew(): Promise<void> {
    if (!this.pool) return;
    await this.imports.renewLeases(this.ownerId, this.config.IMPORT_LEASE_SECONDS, this.pool);
  }

  /** Fails the imports of stopped owners, each in a write of its own, and removes what they left on disk. Answers their ids. */
  async sweep(): Promise<string[]> {
    const whateverTheLease = this.endpoint.isEmbedded;
    const failed: string[] = [];
    for (const candidate of await this.imports.findAbandoned(this.ownerId, whateverTheLease)) {
      try {
        await this.writes.run(SYSTEM_ACTOR, async (tx) => {
          if (!(await this.imports.within(tx).failAbandoned(candidate, OWNER_STOPPED, tx.clock.now(), whateverTheLease))) throw new NoLongerAbandoned();
          return written(
            candidate.id,
            auditEntry('import.failed', 'import', candidate.id, { reason: 'owner stopped', ownerId: candidate.ownerId, ownerHost: candidate.ownerHost }),
          );
        });
      } catch (error) {
        if (error instanceof NoLongerAbandoned) continue;
        throw error;
      }
      failed.push(candidate.id);
      // The file is on the owner's machine: removed when that is this one (or a shared temporary directory).
      if (candidate.tempPath) await rm(candidate.tempPath, { force: true });
    }
    if (failed.length > 0) this.logger.warn(`${failed.length} import(s) of stopped processes marked failed: ${failed.join(', ')}`);
    return failed;
  }

  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      await this.renew();
      await this.sweep();
    } catch (error) {
      this.logger.warn({ err: error }, 'import lease renewal or sweep failed; retried at the next interval');
    } finally {
      this.ticking = false;
    }
  }
}
