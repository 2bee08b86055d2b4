import { Global, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { SERVICE_ROLE } from './append-only-tables';
import { EmbeddedPostgres } from './embedded-postgres';
import { inspectConnection, runMigrations } from './migrations';

/**
 * Where the database is, migrated: the configured server, or the embedded one started here.
 *
 * On a server, the service's connection (DATABASE_URL) owns nothing; pending
 * migrations are applied at boot through a short-lived connection of the
 * owner (MIGRATION_DATABASE_URL) when it is set. Without it the service does
 * not migrate, and refuses to start while a migration is pending. The
 * embedded database migrates as its superuser, then its one session becomes
 * the service's role for everything the service does.
 */
export class DatabaseEndpoint implements OnApplicationShutdown {
  constructor(
    readonly url: string,
    readonly poolSize: number,
    private readonly embedded?: EmbeddedPostgres,
  ) {}

  get isEmbedded(): boolean {
    return this.embedded !== undefined;
  }

  static async open(config: AppConfig): Promise<DatabaseEndpoint> {
    const logger = new Logger('Database');
    if (config.DATABASE_URL) {
      if (config.MIGRATION_DATABASE_URL) logApplied(logger, await runMigrations(config.MIGRATION_DATABASE_URL));
      const connection = await inspectConnection(config.DATABASE_URL);
      if (connection.pending.length > 0) {
        throw new Error(
          `the database lacks ${connection.pending.length} migration(s) (${connection.pending.join(', ')}): ` +
            'set MIGRATION_DATABASE_URL to the connection of the tables\' owner, or run `npm run migrate` with it, before starting the service',
        );
      }
      if (connection.superuser) {
        logger.warn(`the service connects as ${connection.role}, a superuser: it could alter or empty the append-only tables; connect as a member of ${SERVICE_ROLE}`);
      } else if (connection.ownedTables > 0) {
        logger.warn(`the service connects as ${connection.role}, which owns ${connection.ownedTables} table(s): it could drop their triggers; connect as a member of ${SERVICE_ROLE}`);
      }
      return new DatabaseEndpoint(config.DATABASE_URL, 10);
    }
    const started = Date.now();
    const embedded = await EmbeddedPostgres.start(config.DATA_DIR);
    try {
      logApplied(logger, await runMigrations(embedded.url));
      await embedded.becomeRole(SERVICE_ROLE);
    } catch (error) {
      await embedded.stop();
      throw error;
    }
    logger.log(`embedded PostgreSQL (PGlite) in ${config.DATA_DIR} ready in ${Date.now() - started} ms, serving as ${SERVICE_ROLE}`);
    // PGlite is a single session: one pooled connection, or transactions would interleave.
    return new DatabaseEndpoint(embedded.url, 1, embedded);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.embedded?.stop();
  }
}

function logApplied(logger: Logger, applied: string[]): void {
  if (applied.length > 0) logger.log(`applied ${applied.length} migration(s): ${applied.join(', ')}`);
}

@Global()
@Module({
  providers: [{ provide: DatabaseEndpoint, inject: [AppConfig], useFactory: DatabaseEndpoint.open }],
  exports: [DatabaseEndpoint],
})
export class DatabaseEndpointModule {}
