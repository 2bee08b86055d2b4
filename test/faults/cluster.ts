import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { appendFileSync, chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
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
    /** Server settings given at every start (`-c name=value`). */
    private readonly settings: Record<string, string> = {},
  ) {}

  static async create(settings: Record<string, string> = {}): Promise<ThrowawayCluster> {
    const base = mkdtempSync(join(tmpdir(), 'ledger-faults-'));
    chmodSync(base, 0o777);
    const dataDir = join(base, 'data');
    const port = await freePort();
    await run('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
    const cluster = new ThrowawayCluster(dataDir, port, base, settings);
    await cluster.start();
    return cluster;
  }

  /**
   * A primary that streaming replicas may follow: WAL for replicas, WAL senders,
   * and pg_hba letting replication connections in from 127.0.0.1 (initdb's
   * defaults already do all three; they are set here so that the test does not
   * hang on them).
   */
  static async createPrimary(): Promise<ThrowawayCluster> {
    const cluster = await ThrowawayCluster.create({ wal_level: 'replica', max_wal_senders: '4', wal_keep_size: '256MB' });
    appendFileSync(join(cluster.dataDir, 'pg_hba.conf'), '\nhost replication all 127.0.0.1/32 trust\n');
    await run('pg_ctl', ['-D', cluster.dataDir, 'reload']);
    return cluster;
  }

  /**
   * A hot standby of this cluster on a port of its own: pg_basebackup -R
   * copies the primary and writes standby.signal and primary_conninfo, so the
   * standby streams and replays the primary's WAL and answers read-only queries.
   */
  async standby(): Promise<ThrowawayCluster> {
    const base = mkdtempSync(join(tmpdir(), 'ledger-faults-standby-'));
    chmodSync(base, 0o777);
    const dataDir = join(base, 'data');
    const port = await freePort();
    await run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres', '-D', dataDir, '-R', '-X', 'stream', '--checkpoint=fast', '--no-sync']);
    const standby = new ThrowawayCluster(dataDir, port, base, { ...this.settings, hot_standby: 'on' });
    await standby.start();
    return standby;
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
    const settings = Object.entries(this.settings).map(([name, value]) => ` -c ${name}=${value}`).join('');
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${this.socketDir} -c max_connections=300 -c fsync=on${settings}`;
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
