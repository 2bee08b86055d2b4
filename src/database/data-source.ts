import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from './migrations';

/**
 * For the TypeORM CLI (`npm run migrate`, `migration:generate`): the owner's
 * connection, MIGRATION_DATABASE_URL (or DATABASE_URL where one role does both).
 */
export default new DataSource({
  type: 'postgres',
  url: process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/ledger',
  entities: [`${__dirname}/../**/*.entity.{ts,js}`],
  migrations: MIGRATIONS,
  migrationsTransactionMode: 'each',
});
