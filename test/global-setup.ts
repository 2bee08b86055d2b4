import 'reflect-metadata';
import { runMigrations } from '../src/database/migrations';
import { SERVICE_PASSWORD, SERVICE_USER, TEMPLATE_ENV, databaseUrl, withServer } from './utils/postgres';

/**
 * Migrates one template database as the server's superuser; each test file
 * clones it (CREATE DATABASE … TEMPLATE). Makes the login role the test app
 * connects as, a member of the service's group role (made by the migrations),
 * so that every e2e test runs with the service's grants and no more.
 */
export default async function globalSetup(): Promise<void> {
  const template = `ledger_test_template_${process.pid}`;
  await withServer(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${template}`);
    await client.query(`CREATE DATABASE ${template}`);
  });
  await runMigrations(databaseUrl(template));
  // Roles belong to the cluster, which other test runs may share: made once, whoever comes first.
  await withServer((client) =>
    client.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${SERVICE_USER}') THEN
          CREATE ROLE ${SERVICE_USER} LOGIN PASSWORD '${SERVICE_PASSWORD}' IN ROLE ledger_service;
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL;
      END
      $$`),
  );
  process.env[TEMPLATE_ENV] = template;
}
