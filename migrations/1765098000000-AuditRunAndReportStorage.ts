import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Storage for what an audit run and a liquidation report write in bulk.
 *
 * Every audit run (and so every report) stamps `evaluated_at` on each sale of
 * the project. With full pages each stamp is a new row version elsewhere in
 * the table plus a new entry in every index of sales, and the table grows by
 * the project's size at each run. Pages kept 40% full leave room for the new
 * version beside the old one (a heap-only update: no index is touched) and
 * PostgreSQL prunes the old versions of a page when it comes back to it.
 * Applies to pages written from now on.
 *
 * A report's content is a JSON text of tens of megabytes for a large project.
 * The next report of the project only needs its sales, ledger entries, flags
 * and totals to say what changed since: stored beside it as its comparison
 * basis, a fraction of the size (reports frozen before have none, and are
 * compared by their content). lz4 compresses both several times faster than
 * the default pglz, for about the same size; only where the server is built
 * with lz4 (the embedded PGlite may not be). Existing reports keep their
 * compression, and read the same.
 */
export class AuditRunAndReportStorage1765098000000 implements MigrationInterface {
  name = 'AuditRunAndReportStorage1765098000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE sales SET (fillfactor = 40)');
    await queryRunner.query('ALTER TABLE liquidation_reports ADD COLUMN comparison_basis json');
    await queryRunner.query(`
      DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
          ALTER TABLE liquidation_reports ALTER COLUMN content SET COMPRESSION lz4, ALTER COLUMN comparison_basis SET COMPRESSION lz4;
        END IF;
      END
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE liquidation_reports DROP COLUMN comparison_basis');
    await queryRunner.query('ALTER TABLE liquidation_reports ALTER COLUMN content SET COMPRESSION DEFAULT');
    await queryRunner.query('ALTER TABLE sales RESET (fillfactor)');
  }
}
