import { Column, DataSource, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import migrationDataSource from '../../src/database/data-source';
import { TestDatabase, createTestDatabase } from '../utils/test-database';

/** The pending schema changes TypeORM finds between `dataSource`'s entities and its database: what `migration:generate` would write. */
async function pendingChanges(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((query) => query.query);
}

/** An entity on the units table with a column the table does not have. */
@Entity('units')
class WiderUnit {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar' })
  nonexistent: string;
}

/**
 * The migrations are the schema; the entities declare the same foreign keys,
 * indexes, unique and check constraints and defaults, under the same names, so
 * that generating a migration on a fully migrated database finds nothing to change.
 */
describe('entities and migrations agree (e2e)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    // The options `migration:generate` uses, on the migrated test database.
    dataSource = new DataSource({ ...(migrationDataSource.options as PostgresConnectionOptions), url: db.url, logging: false, extra: { max: 1 } });
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db.drop();
  });

  it('generates no migration on the migrated schema', async () => {
    expect(await dataSource.showMigrations()).toBe(false);
    const changes = await pendingChanges(dataSource);
    if (changes.length > 0) throw new Error(`the entities differ from the migrated schema; migration:generate would write:\n${changes.join(';\n')}`);
    expect(changes).toEqual([]);
  });

  it('compresses the large JSON columns with lz4 on a server built with it, and leaves the small ones be', async () => {
    const { rows } = await db.sql.query<{ col: string; method: string }>(
      `SELECT c.relname || '.' || a.attname AS col, a.attcompression AS method
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
          AND a.atttypid IN ('jsonb'::regtype, 'json'::regtype)
        ORDER BY 1`,
    );
    expect(rows.filter((row) => row.method !== 'l').map((row) => row.col)).toEqual(['imports.result', 'projects.settings']);
    expect(rows.filter((row) => row.method === 'l')).toHaveLength(9);
  });

  it('finds an entity that differs from the schema', async () => {
    const wider = new DataSource({ type: 'postgres', url: db.url, entities: [WiderUnit], synchronize: false, logging: false, extra: { max: 1 } });
    await wider.initialize();
    try {
      const changes = await pendingChanges(wider);
      expect(changes.filter((query) => query.includes('"nonexistent"'))).toEqual([expect.stringMatching(/^ALTER TABLE "units" ADD "nonexistent"/)]);
    } finally {
      await wider.destroy();
    }
  });

  // TypeORM matches check constraints and indexes by name only; these compare what the entities say of them with the database.
  it('declares each check constraint with the expression PostgreSQL holds', async () => {
    for (const metadata of dataSource.entityMetadatas) {
      const { rows } = await db.sql.query<{ name: string; definition: string }>(
        `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'c' ORDER BY conname`,
        [metadata.tableName],
      );
      const declared = metadata.checks.map((check) => ({ name: check.name, definition: `CHECK (${check.expression})` }));
      expect({ table: metadata.tableName, checks: [...declared].sort((a, b) => a.name.localeCompare(b.name)) }).toEqual({ table: metadata.tableName, checks: rows });
    }
  });

  it('declares each index with the columns, in order, and the predicate PostgreSQL holds', async () => {
    for (const metadata of dataSource.entityMetadatas) {
      const { rows } = await db.sql.query<{ name: string; columns: string[]; unique: boolean; predicate: string | null }>(
        `SELECT c.relname AS name, i.indisunique AS unique, pg_get_expr(i.indpred, i.indrelid) AS predicate,
                ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, n)
                        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum ORDER BY k.n) AS columns
           FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
          WHERE i.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = i.indexrelid)
          ORDER BY c.relname`,
        [metadata.tableName],
      );
      const declared = metadata.indices
        .map((index) => ({ name: index.name, columns: index.columns.map((column) => column.databaseName), unique: index.isUnique, predicate: index.where ?? null }))
        .sort((a, b) => a.name.localeCompare(b.name));
      expect({ table: metadata.tableName, indexes: declared }).toEqual({ table: metadata.tableName, indexes: rows });
    }
  });
});
