import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * CSV imports: one row per uploaded file (identified by its content hash, so a
 * re-import is recognised), and every bad row of a refused file.
 */
export class Imports1764835200000 implements MigrationInterface {
  name = 'Imports1764835200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects (id),
        kind varchar(16) NOT NULL CHECK (kind IN ('units', 'price-list', 'sales', 'payments')),
        content_sha256 char(64) NOT NULL,
        filename varchar(300),
        state varchar(12) NOT NULL CHECK (state IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'REJECTED', 'FAILED')),
        rows_total integer,
        rows_done integer NOT NULL DEFAULT 0,
        error_count integer NOT NULL DEFAULT 0,
        result jsonb,
        failure varchar(2000),
        created_by varchar(64) NOT NULL,
        created_at timestamptz NOT NULL,
        finished_at timestamptz
      )`);
    // A file is imported once per project and kind; a failed (interrupted) import may be tried again.
    await queryRunner.query(
      `CREATE UNIQUE INDEX imports_once_per_content ON imports (project_id, kind, content_sha256) WHERE state <> 'FAILED'`,
    );
    await queryRunner.query(`
      CREATE TABLE import_errors (
        import_id uuid NOT NULL REFERENCES imports (id),
        line integer NOT NULL,
        "column" varchar(100) NOT NULL,
        value varchar(300),
        reason varchar(500) NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX import_errors_import_idx ON import_errors (import_id, line)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE import_errors');
    await queryRunner.query('DROP TABLE imports');
  }
}
