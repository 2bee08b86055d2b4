import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The related-party sales of each project, a small share of all sales: the
 * portfolio summary reads what each of them still owes without scanning every
 * sale of the ledger.
 */
export class RelatedPartySalesIndex1765011600000 implements MigrationInterface {
  name = 'RelatedPartySalesIndex1765011600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX sales_related_party_idx ON sales (project_id) WHERE related_party');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX sales_related_party_idx');
  }
}
