import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrations } from '../../src/database/migrations';
import { ThrowawayCluster } from './cluster';
import { ENV, SERVICE_PASSWORD, SERVICE_USER, TEMPLATE } from './harness';

/**
 * Starts the suite's own PostgreSQL cluster (initdb on a free port), migrates a
 * template database as its owner, and makes the login role the service runs
 * as: a member of the service's group role, owning nothing.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const cluster = await ThrowawayCluster.create();
  process.env[ENV.data] = cluster.dataDir;
  process.env[ENV.port] = String(cluster.port);
  process.env[ENV.socket] = cluster.socket;
  const figures = join(tmpdir(), `ledger-fault-figures-${process.pid}.jsonl`);
  writeFileSync(figures, '');
  process.env[ENV.figures] = figures;

  await cluster.query('postgres', `CREATE DATABASE ${TEMPLATE}`);
  await runMigrations(cluster.url(TEMPLATE));
  await cluster.query('postgres', `CREATE ROLE ${SERVICE_USER} LOGIN PASSWORD '${SERVICE_PASSWORD}' IN ROLE ledger_service`);
  process.stdout.write(`\nfaults: PostgreSQL cluster on port ${cluster.port} (${cluster.dataDir}) ready in ${Date.now() - started} ms\n`);
}
