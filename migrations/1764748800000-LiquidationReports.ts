import { MigrationInterface, QueryRunner } from 'typeorm';

/** Frozen liquidation reports: the canonical content, its SHA-256, who froze it and when. Append-only. */
export class LiquidationReports1764748800000 implements MigrationInterface {
  name = 'LiquidationReports1764748800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE liquidation_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects (id),
        as_of date NOT NULL,
        generated_at timestamptz NOT NULL,
        generated_by_id varchar(64) NOT NULL,
        generated_by_name varchar(200) NOT NULL,
        previous_report_id uuid REFERENCES liquidation_reports (id),
        -- json, not jsonb: the frozen text keeps its key order and bytes exactly as generated.
        content json NOT NULL,
        sha256 char(64) NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY
      )`);
    await queryRunner.query('CREATE INDEX liquidation_reports_project_idx ON liquidation_reports (project_id, seq)');
    await queryRunner.query(
      'CREATE TRIGGER liquidation_reports_append_only BEFORE UPDATE OR DELETE ON liquidation_reports FOR EACH ROW EXECUTE FUNCTION refuse_change()',
    );
    await queryRunner.query(
      'CREATE TRIGGER liquidation_reports_no_truncate BEFORE TRUNCATE ON liquidation_reports FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE liquidation_reports');
  }
}
