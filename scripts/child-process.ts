import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/** A Node.js child process that has said it is ready. */
export interface RunningProcess {
  pid: number;
  output(): string;
  /** Sends SIGTERM and resolves with how the process ended once it has. */
  stop(): Promise<string>;
}

/** The service, listening. */
export interface ServiceProcess extends RunningProcess {
  baseUrl: string;
}

export const ROOT = join(__dirname, '..');

/** The service's two connections to one database: its own role to serve, the owner's to migrate. */
export function databaseEnv(urls: { serviceUrl: string; ownerUrl: string }): Record<string, string> {
  return { DATABASE_URL: urls.serviceUrl, MIGRATION_DATABASE_URL: urls.ownerUrl };
}

/**
 * Runs a TypeScript entry point (relative to the repository root) in a child
 * Node.js process, transpiled on the fly, and resolves with the first match of
 * `ready` in what it prints (stdout or stderr) once it appears. The child gets
 * only PATH and `env`, nothing else of this process's environment.
 */
export function startChild(
  entry: string,
  env: Record<string, string>,
  ready: RegExp,
  timeoutMs = 60_000,
  nodeArgs: string[] = [],
): Promise<{ process: RunningProcess; ready: RegExpExecArray }> {
  // BENCH_CHILD_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) profiles the processes under load.
  const extraArgs = [...(process.env.BENCH_CHILD_NODE_ARGS ?? '').split(' ').filter(Boolean), ...nodeArgs];
  const child: ChildProcess = spawn(process.execPath, [...extraArgs, '-r', 'ts-node/register/transpile-only', entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? `exit ${code}`)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    let started = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = started ? null : ready.exec(output);
      if (match) {
        started = true;
        clearTimeout(timer);
        resolve({
          ready: match,
          process: {
            pid: child.pid!,
            output: () => output,
            stop: () => {
              child.kill('SIGTERM');
              return exited;
            },
          },
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} ended (${code}) before it was ready:\n${output}`));
    });
  });
}

/**
 * Starts the service as `npm start` would, in a child process (from source,
 * transpiled on the fly), and resolves once it says where it listens. As
 * deployed, `env` gives it DATABASE_URL (the service's role) and
 * MIGRATION_DATABASE_URL (the owner, for the migrations at boot): see
 * `databaseEnv`. Neither set: the embedded database in DATA_DIR.
 */
export async function startService(env: Record<string, string>, timeoutMs = 60_000, nodeArgs: string[] = []): Promise<ServiceProcess> {
  const { process: child, ready } = await startChild(
    'src/main.ts',
    { PORT: '0', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '0', ...env },
    /Listening on (http:\/\/\S+?) /,
    timeoutMs,
    nodeArgs,
  );
  return { ...child, baseUrl: ready[1] };
}

/**
 * Runs a TypeScript entry point to its end in a child Node.js process with
 * `args`, and resolves with what it printed on stdout; rejects, with its
 * stderr, if it fails.
 */
export function runChild(entry: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', entry, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve(stdout) : reject(new Error(`${entry} ended (${signal ?? `exit ${code}`}):\n${stderr}`)),
    );
  });
}
