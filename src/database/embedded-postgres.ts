import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * PGlite (PostgreSQL compiled to WASM) persisted in a directory, served on a
 * loopback port so the service talks to it with the same `pg` driver it uses
 * for a real server. PGlite is one database session: the socket server takes
 * one connection and the pool must keep to one.
 *
 * The session's user is PGlite's superuser, which migrations need; then
 * `becomeRole` makes the session the service's role for whatever connects
 * next. The session is shared by every connection the socket server takes in
 * turn, so the setting holds when the pool reconnects. It keeps the service's
 * own SQL within the role's grants; it is no barrier against SQL that asks to
 * be the superuser again (`RESET SESSION AUTHORIZATION`), which the service
 * never sends. A server with a login role of its own is that barrier.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    private readonly lockFile: string,
  ) {}

  static async start(dataDir: string): Promise<EmbeddedPostgres> {
    const directory = resolve(dataDir, 'pglite');
    mkdirSync(directory, { recursive: true });
    const lockFile = resolve(dataDir, 'pglite.lock');
    takeLock(lockFile);
    const db = await PGlite.create(directory);
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
    await server.start();
    return new EmbeddedPostgres(db, server, lockFile);
  }

  get url(): string {
    return `postgres://postgres@${this.server.getServerConn()}/postgres`;
  }

  /**
   * The session acts as `role` from here on (a plain identifier: the group
   * role of the service). Called once the connection that migrated has gone,
   * so that the server has room for the next one.
   */
  async becomeRole(role: string): Promise<void> {
    if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`not a role name: ${role}`);
    await this.whenNoConnection();
    await this.db.exec(`SET SESSION AUTHORIZATION ${role}`);
  }

  /** A client's connection is released by the server a moment after the client has closed it; until then another is refused. */
  private async whenNoConnection(timeoutMs = 5_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.server.getStats().activeConnections > 0) {
      if (Date.now() > until) throw new Error('the embedded database still holds a connection after migrating');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
    rmSync(this.lockFile, { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The process that holds the embedded database in `dataDir`, if one is running: another one must not open it. */
export function embeddedDatabaseHolder(dataDir: string): number | null {
  try {
    const holder = Number(readFileSync(resolve(dataDir, 'pglite.lock'), 'utf8'));
    return Number.isInteger(holder) && holder !== process.pid && isRunning(holder) ? holder : null;
  } catch {
    return null;
  }
}

/** Two processes on one PGlite directory would corrupt it: the second one is refused, naming the first. */
function takeLock(lockFile: string): void {
  try {
    writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const holder = Number(readFileSync(lockFile, 'utf8'));
  if (Number.isInteger(holder) && holder !== process.pid && isRunning(holder)) {
    throw new Error(`the embedded database is in use by process ${holder} (${lockFile}); stop it or set DATABASE_URL`);
  }
  writeFileSync(lockFile, String(process.pid));
}
