import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../src/database/migrations';
import { TEMPLATE_ENV, databaseUrl, withServer } from './utils/postgres';

/** Migrates one template database; each test file clones it (CREATE DATABASE … TEMPLATE). */
export default async function globalSetup(): Promise<void> {
  const template = `ledger_test_template_${process.pid}`;
  await withServer(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${template}`);
    await client.query(`CREATE DATABASE ${template}`);
  });
  const dataSource = new DataSource({ type: 'postgres', url: databaseUrl(template), migrations: MIGRATIONS });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  process.env[TEMPLATE_ENV] = template;
}
