import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Imports are owned through a lease: the process running an import renews it;
 * one whose lease has run out is failed by any process, so a second process
 * starting never fails the import of one still alive. The temporary copy of the
 * upload is named so that whoever fails the import can remove it. A refusal that
 * stopped reading at its error limit says so.
 */
export class ImportLeases1765600000000 implements MigrationInterface {
  name = 'ImportLeases1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE imports
        ADD COLUMN owner_id varchar(64),
        ADD COLUMN owner_host varchar(255),
        ADD COLUMN lease_expires_at timestamptz,
        ADD COLUMN temp_path varchar(1000),
        ADD COLUMN errors_truncated boolean NOT NULL DEFAULT false`);
    // The sweep looks for unfinished imports whose lease has run out.
    await queryRunner.query(
      `CREATE INDEX imports_unfinished_lease_idx ON imports (lease_expires_at) WHERE state IN ('QUEUED', 'RUNNING')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX imports_unfinished_lease_idx');
    await queryRunner.query(`
      ALTER TABLE imports
        DROP COLUMN errors_truncated,
        DROP COLUMN temp_path,
        DROP COLUMN lease_expires_at,
        DROP COLUMN owner_host,
        DROP COLUMN owner_id`);
  }
}
