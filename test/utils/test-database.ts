import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { TEMPLATE_ENV, databaseUrl, serviceDatabaseUrl, withServer } from './postgres';

export interface TestDatabase {
  /** As the owner (the server's superuser): what migrations run as. */
  url: string;
  /** As the service's login role, a member of ledger_service: what the test app connects as. */
  serviceUrl: string;
  /** Direct SQL on the test database, for setting up and inspecting what the API cannot. */
  sql: Pool;
  drop(): Promise<void>;
}

/** A fresh, migrated database of the test file's own, cloned from the template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  return newDatabase((name, template) => `CREATE DATABASE ${name} TEMPLATE ${template}`);
}

/** A fresh, empty database of the test file's own (no migrations run): for tests of the migrations themselves. */
export async function createEmptyTestDatabase(): Promise<TestDatabase> {
  return newDatabase((name) => `CREATE DATABASE ${name}`);
}

async function newDatabase(create: (name: string, template: string) => string): Promise<TestDatabase> {
  const template = process.env[TEMPLATE_ENV];
  if (!template) throw new Error(`${TEMPLATE_ENV} is not set: run the tests through jest's global setup`);
  // Named after the template, so that the global teardown drops it even if the test does not.
  const name = `${template}_${randomBytes(6).toString('hex')}`;
  await withServer((client) => client.query(create(name, template)));
  const url = databaseUrl(name);
  const sql = new Pool({ connectionString: url, max: 2 });
  // The database is dropped WITH (FORCE) at the end; an idle connection being cut then is expected.
  sql.on('error', () => undefined);
  return {
    url,
    serviceUrl: serviceDatabaseUrl(name),
    sql,
    async drop() {
      await sql.end();
      await withServer((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
