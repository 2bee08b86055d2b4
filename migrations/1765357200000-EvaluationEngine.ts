import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the one evaluation engine keeps and the rules need:
 * - a sale's whole latest evaluation (the names on its related-party paths,
 *   its referrer, the discounts its buyers could get, its deposit position)
 *   beside the market price and related-party finding already stored, and a
 *   hash of it, so an unchanged evaluation is neither read back nor rewritten;
 * - comparables are now every sale of the type in the window (related,
 *   cancelled, confirmed-abnormal and outlier sales are left out by the
 *   engine, which lists them), so the index covers all of them;
 * - discounts that stack, and discounts for staff only;
 * - the RELATED_REFERRER flag;
 * - a review decision records the severity of the flag and the hash of the
 *   evidence it was taken on; a dismissed flag whose condition returns at a
 *   higher severity is reopened (REOPENED_ON_ESCALATION), so DISMISSED may go
 *   back to OPEN; CONFIRMED stays final.
 */
export class EvaluationEngine1765357200000 implements MigrationInterface {
  name = 'EvaluationEngine1765357200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE sales ADD COLUMN evaluation jsonb, ADD COLUMN evaluation_hash char(64) CHECK (evaluation_hash ~ '^[0-9a-f]{64}$')`);
    await queryRunner.query('CREATE INDEX sales_type_date_idx ON sales (project_id, unit_type, contract_date)');
    await queryRunner.query('DROP INDEX sales_comparables_idx');

    await queryRunner.query(`
      ALTER TABLE price_list_discounts
        ADD COLUMN stackable boolean NOT NULL DEFAULT false,
        ADD COLUMN eligibility varchar(8) NOT NULL DEFAULT 'ALL' CHECK (eligibility IN ('ALL', 'STAFF'))`);

    await queryRunner.query('ALTER TABLE audit_flags DROP CONSTRAINT audit_flags_type_check');
    await queryRunner.query(`
      ALTER TABLE audit_flags ADD CONSTRAINT audit_flags_type_check CHECK (type IN ('RELATED_PARTY_SALE', 'BELOW_MARKET',
        'AT_OR_BELOW_COST', 'EXCESS_DISCOUNT', 'RELATED_REFERRER', 'MISSING_DEPOSIT', 'UNPAID_POSSESSION', 'PRICE_BELOW_EARLIER_BATCH'))`);

    await queryRunner.query('ALTER TABLE flag_reviews DROP CONSTRAINT flag_reviews_decision_check');
    await queryRunner.query(`
      ALTER TABLE flag_reviews
        ADD CONSTRAINT flag_reviews_decision_check CHECK (decision IN ('COMMENT', 'CONFIRM', 'DISMISS', 'CONDITION_CLEARED',
          'CONDITION_RETURNED', 'REOPENED_ON_ESCALATION')),
        ADD COLUMN severity varchar(8) CHECK (severity IN ('LOW', 'MEDIUM', 'HIGH')),
        ADD COLUMN evidence_hash char(64) CHECK (evidence_hash ~ '^[0-9a-f]{64}$')`);

    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION audit_flags_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'audit flags are never deleted' USING ERRCODE = 'restrict_violation';
        END IF;
        IF (NEW.id, NEW.project_id, NEW.sale_id, NEW.price_list_id, NEW.unit_type, NEW.type, NEW.raised_at)
           IS DISTINCT FROM (OLD.id, OLD.project_id, OLD.sale_id, OLD.price_list_id, OLD.unit_type, OLD.type, OLD.raised_at) THEN
          RAISE EXCEPTION 'what a flag is about never changes' USING ERRCODE = 'restrict_violation';
        END IF;
        IF OLD.status = 'CONFIRMED' AND NEW.status <> 'CONFIRMED' THEN
          RAISE EXCEPTION 'a confirmed flag keeps its decision' USING ERRCODE = 'restrict_violation';
        END IF;
        IF OLD.status = 'DISMISSED' AND NEW.status NOT IN ('DISMISSED', 'OPEN') THEN
          RAISE EXCEPTION 'a dismissed flag keeps its decision unless it is reopened' USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
      END
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION audit_flags_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'audit flags are never deleted' USING ERRCODE = 'restrict_violation';
        END IF;
        IF (NEW.id, NEW.project_id, NEW.sale_id, NEW.price_list_id, NEW.unit_type, NEW.type, NEW.raised_at)
           IS DISTINCT FROM (OLD.id, OLD.project_id, OLD.sale_id, OLD.price_list_id, OLD.unit_type, OLD.type, OLD.raised_at) THEN
          RAISE EXCEPTION 'what a flag is about never changes' USING ERRCODE = 'restrict_violation';
        END IF;
        IF OLD.status IN ('CONFIRMED', 'DISMISSED') AND NEW.status <> OLD.status THEN
          RAISE EXCEPTION 'a reviewed flag keeps its decision' USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
      END
      $$`);
    await queryRunner.query('ALTER TABLE flag_reviews DROP COLUMN evidence_hash, DROP COLUMN severity');
    await queryRunner.query('ALTER TABLE flag_reviews DROP CONSTRAINT flag_reviews_decision_check');
    await queryRunner.query(`
      ALTER TABLE flag_reviews ADD CONSTRAINT flag_reviews_decision_check
        CHECK (decision IN ('COMMENT', 'CONFIRM', 'DISMISS', 'CONDITION_CLEARED', 'CONDITION_RETURNED'))`);
    await queryRunner.query('ALTER TABLE audit_flags DROP CONSTRAINT audit_flags_type_check');
    await queryRunner.query(`
      ALTER TABLE audit_flags ADD CONSTRAINT audit_flags_type_check CHECK (type IN ('RELATED_PARTY_SALE', 'BELOW_MARKET',
        'AT_OR_BELOW_COST', 'EXCESS_DISCOUNT', 'MISSING_DEPOSIT', 'UNPAID_POSSESSION', 'PRICE_BELOW_EARLIER_BATCH'))`);
    await queryRunner.query('ALTER TABLE price_list_discounts DROP COLUMN eligibility, DROP COLUMN stackable');
    await queryRunner.query(`
      CREATE INDEX sales_comparables_idx ON sales (project_id, unit_type, contract_date)
        INCLUDE (net_price, saleable_area) WHERE status = 'ACTIVE' AND NOT related_party`);
    await queryRunner.query('DROP INDEX sales_type_date_idx');
    await queryRunner.query('ALTER TABLE sales DROP COLUMN evaluation_hash, DROP COLUMN evaluation');
  }
}
