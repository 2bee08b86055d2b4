import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When an audit run last judged every sale of a project, kept once on the
 * project instead of on each sale: a run no longer rewrites every row of
 * `sales` (a new version of each, with its indexes and WAL) only to stamp the
 * time. A sale reads as evaluated at the later of its own stamp (its last
 * single re-evaluation) and its project's. The service may update this column
 * of `projects` and `settings`, nothing else of it.
 */
export class ProjectSalesEvaluatedAt1766000000000 implements MigrationInterface {
  name = 'ProjectSalesEvaluatedAt1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE projects ADD COLUMN sales_evaluated_at timestamptz');
    await queryRunner.query('GRANT UPDATE (sales_evaluated_at) ON projects TO ledger_service');
  }

  /** Each sale takes its project's stamp back where it is the later, so no sale reads as judged earlier than it was. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE sales s SET evaluated_at = p.sales_evaluated_at
        FROM projects p
       WHERE p.id = s.project_id AND p.sales_evaluated_at > s.evaluated_at`);
    await queryRunner.query('REVOKE UPDATE (sales_evaluated_at) ON projects FROM ledger_service');
    await queryRunner.query('ALTER TABLE projects DROP COLUMN sales_evaluated_at');
  }
}
