import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables an import writes in bulk. */
const BULK_WRITTEN = ['units', 'parties', 'sales', 'sale_buyers', 'payments', 'audit_flags', 'price_list_items'];

/**
 * Lets the service refresh the planner's statistics of the tables an import
 * has just filled, inside the import's own transaction (ANALYZE counts the
 * transaction's own new rows), before the engine judges the imported sales.
 * Without it the planner may take a table of 50,000 new rows for an empty one
 * — after an aborted import, autovacuum records the table's pages as holding
 * no rows — and choose plans that rescan it once per row. ANALYZE needs the
 * owner: the function runs as its owner, takes no argument and analyzes only
 * these tables, and the service may execute it and nothing more.
 */
export class ImportStatistics1765800000000 implements MigrationInterface {
  name = 'ImportStatistics1765800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION refresh_import_statistics() RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        ${BULK_WRITTEN.map((table) => `ANALYZE ${table};`).join('\n        ')}
      END
      $$`);
    await queryRunner.query('REVOKE ALL ON FUNCTION refresh_import_statistics() FROM PUBLIC');
    await queryRunner.query('GRANT EXECUTE ON FUNCTION refresh_import_statistics() TO ledger_service');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION refresh_import_statistics()');
  }
}
