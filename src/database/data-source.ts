import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from './migrations';

/** For the TypeORM CLI (`npm run migration:run`, `migration:generate`) against DATABASE_URL. */
export default new DataSource({
  type: 'postgres',
  url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ledger',
  entities: [`${__dirname}/../**/*.entity.{ts,js}`],
  migrations: MIGRATIONS,
  migrationsTransactionMode: 'each',
});
