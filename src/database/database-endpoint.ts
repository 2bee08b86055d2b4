import { Global, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { EmbeddedPostgres } from './embedded-postgres';

/** Where the database is: the configured server, or the embedded one started here. */
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
    if (config.DATABASE_URL) return new DatabaseEndpoint(config.DATABASE_URL, 10);
    const started = Date.now();
    const embedded = await EmbeddedPostgres.start(config.DATA_DIR);
    new Logger('Database').log(`embedded PostgreSQL (PGlite) in ${config.DATA_DIR} ready in ${Date.now() - started} ms`);
    // PGlite is a single session: one pooled connection, or transactions would interleave.
    return new DatabaseEndpoint(embedded.url, 1, embedded);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.embedded?.stop();
  }
}

@Global()
@Module({
  providers: [{ provide: DatabaseEndpoint, inject: [AppConfig], useFactory: DatabaseEndpoint.open }],
  exports: [DatabaseEndpoint],
})
export class DatabaseEndpointModule {}
