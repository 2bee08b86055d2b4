import { readFileSync, rmSync } from 'node:fs';
import { ENV, cluster } from './harness';

/** Prints every figure the checks measured, then removes the cluster. */
export default async function globalTeardown(): Promise<void> {
  const file = process.env[ENV.figures];
  if (file) {
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { check: string; name: string; value: string | number });
    const width = Math.max(10, ...lines.map((l) => `${l.check} · ${l.name}`.length));
    process.stdout.write('\nFault suite figures\n');
    for (const l of lines) process.stdout.write(`  ${`${l.check} · ${l.name}`.padEnd(width)}  ${l.value}\n`);
    rmSync(file, { force: true });
  }
  if (process.env[ENV.data]) await cluster().destroy();
}
