import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The service connects as a role that owns nothing: a login role that is a
 * member of the group role `ledger_service`, made here with only what the
 * code uses. Migrations run as the owner of the tables; the service cannot
 * alter, drop or disable a trigger, change a row of an append-only table, or
 * make a user an admin (no route changes a user's role).
 *
 *   append-only (money, reviews, reports, prices, audit log)   SELECT, INSERT
 *   sales, audit_flags (guarded by their triggers)               SELECT, INSERT, UPDATE
 *   imports                                                      SELECT, INSERT, UPDATE
 *   idempotency_keys                                             SELECT, INSERT, UPDATE (response_status, response_body)
 *   projects                                                     SELECT, INSERT, UPDATE (settings)
 *   users, units, parties, party_relations, import_errors        SELECT, INSERT
 *   audit_pending (emptied by the audit_log_seal trigger, run as the writer)  SELECT, INSERT, DELETE
 *   migrations                                                   SELECT (the service checks none is pending)
 *
 * No ALTER DEFAULT PRIVILEGES: a table added by a later migration grants to
 * ledger_service explicitly, the verbs its code uses and no more. The lists
 * are frozen here as they stand at this migration; src/database/append-only-tables.ts
 * is the living list the tests check the database against.
 *
 * Roles belong to the cluster, not to a database: the group role is made if
 * missing (several databases of one cluster may run this at once) and left
 * in place by down(), which only takes back this database's grants.
 */
const APPEND_ONLY = [
  'audit_log', 'price_lists', 'price_list_discounts', 'price_list_items', 'market_prices',
  'sale_buyers', 'payments', 'handovers', 'flag_reviews', 'liquidation_reports', 'refunds',
];
const INSERT_ONLY = ['users', 'units', 'parties', 'party_relations', 'import_errors'];
const UPDATED = ['sales', 'audit_flags', 'imports'];
const SEQUENCES = [
  'audit_pending_ord_seq', 'payments_seq_seq', 'handovers_seq_seq', 'flag_reviews_seq_seq',
  'liquidation_reports_seq_seq', 'refunds_seq_seq',
];
const ALL_TABLES = [...APPEND_ONLY, ...INSERT_ONLY, ...UPDATED, 'idempotency_keys', 'projects', 'audit_pending', 'migrations'];

export class ServiceRole1765700000000 implements MigrationInterface {
  name = 'ServiceRole1765700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // A concurrent CREATE ROLE of the same name waits for the first to commit, then fails with unique_violation.
    await queryRunner.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_service') THEN
          CREATE ROLE ledger_service NOLOGIN;
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL;
      END
      $$`);
    await queryRunner.query('GRANT USAGE ON SCHEMA public TO ledger_service');
    // Before PostgreSQL 15 every role may create in the public schema; from 15 on only its owner may.
    await queryRunner.query(`
      DO $$
      BEGIN
        IF current_setting('server_version_num')::int < 150000
           AND pg_has_role((SELECT nspowner FROM pg_namespace WHERE nspname = 'public'), 'USAGE') THEN
          REVOKE CREATE ON SCHEMA public FROM PUBLIC;
        END IF;
      END
      $$`);
    await queryRunner.query(`GRANT SELECT, INSERT ON ${[...APPEND_ONLY, ...INSERT_ONLY].join(', ')} TO ledger_service`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON ${UPDATED.join(', ')} TO ledger_service`);
    await queryRunner.query('GRANT SELECT, INSERT, UPDATE (response_status, response_body) ON idempotency_keys TO ledger_service');
    await queryRunner.query('GRANT SELECT, INSERT, UPDATE (settings) ON projects TO ledger_service');
    await queryRunner.query('GRANT SELECT, INSERT, DELETE ON audit_pending TO ledger_service');
    await queryRunner.query('GRANT SELECT ON migrations TO ledger_service');
    await queryRunner.query(`GRANT USAGE, SELECT ON SEQUENCE ${SEQUENCES.join(', ')} TO ledger_service`);
  }

  /** Leaves the role (other databases of the cluster may use it) and, before PostgreSQL 15, the public schema closed to PUBLIC. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE ALL ON ${ALL_TABLES.join(', ')} FROM ledger_service`);
    await queryRunner.query(`REVOKE ALL ON SEQUENCE ${SEQUENCES.join(', ')} FROM ledger_service`);
    await queryRunner.query('REVOKE ALL ON SCHEMA public FROM ledger_service');
  }
}
