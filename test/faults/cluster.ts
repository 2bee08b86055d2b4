import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/** The newest installed PostgreSQL's programs (Debian keeps them out of PATH). */
function pgBin(program: string): string {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', program)));
    versions.sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return join(root, versions[0], 'bin', program);
  }
  return program;
}

/** PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user. */
function asOwner(program: string, args: string[]): { file: string; args: string[] } {
  if (process.getuid?.() === 0) return { file: 'runuser', args: ['-u', 'postgres', '--', pgBin(program), ...args] };
  return { file: pgBin(program), args };
}

/** Runs without blocking the event loop: the suite's clients keep going while the server stops or starts. */
async function run(program: string, args: string[]): Promise<string> {
  const { file, args: full } = asOwner(program, args);
  return (await promisify(execFile)(file, full, { encoding: 'utf8' })).stdout;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A throwaway PostgreSQL cluster made with initdb in a temporary directory, on
 * a free port: the fault suite stops and restarts it at will without touching
 * any other server.
 */
export class ThrowawayCluster {
  private constructor(
    readonly dataDir: string,
    readonly port: number,
    private readonly socketDir: string,
  ) {}

  static async create(): Promise<ThrowawayCluster> {
    const base = mkdtempSync(join(tmpdir(), 'ledger-faults-'));
    chmodSync(base, 0o777);
    const dataDir = join(base, 'data');
    const port = await freePort();
    await run('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
    const cluster = new ThrowawayCluster(dataDir, port, base);
    await cluster.start();
    return cluster;
  }

  /** Reattaches to a cluster made by the suite's global setup. */
  static attach(dataDir: string, port: number, socketDir: string): ThrowawayCluster {
    return new ThrowawayCluster(dataDir, port, socketDir);
  }

  get socket(): string {
    return this.socketDir;
  }

  url(database = 'postgres', user = 'postgres', password?: string): string {
    const auth = password ? `${encodeURIComponent(user)}:${encodeURIComponent(password)}` : encodeURIComponent(user);
    return `postgres://${auth}@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${this.socketDir} -c max_connections=300 -c fsync=on`;
    await run('pg_ctl', ['-D', this.dataDir, '-o', options, '-l', join(this.socketDir, 'server.log'), '-w', '-t', '120', 'start']);
  }

  /** `fast`: sessions are cut (57P01) and the server stops; what was committed stays. */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await run('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', '-t', '120', 'stop']);
  }

  isRunning(): boolean {
    const { file, args } = asOwner('pg_ctl', ['-D', this.dataDir, 'status']);
    return spawnSync(file, args, { stdio: 'ignore' }).status === 0;
  }

  async destroy(): Promise<void> {
    if (this.isRunning()) await this.stop('immediate');
    rmSync(this.socketDir, { recursive: true, force: true });
  }

  async query<T = Record<string, unknown>>(database: string, text: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.url(database) });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end();
    }
  }
}
