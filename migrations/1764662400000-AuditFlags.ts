import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit flags (one per subject and type) and their review history. A flag is
 * never deleted: its row holds the current state (status, severity, latest
 * evidence) and may only move forward; every decision and every system entry
 * is appended to flag_reviews, which nothing can change.
 */
export class AuditFlags1764662400000 implements MigrationInterface {
  name = 'AuditFlags1764662400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_flags (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects (id),
        sale_id uuid REFERENCES sales (id),
        price_list_id uuid REFERENCES price_lists (id),
        unit_type varchar(40),
        type varchar(40) NOT NULL CHECK (type IN ('RELATED_PARTY_SALE', 'BELOW_MARKET', 'AT_OR_BELOW_COST', 'EXCESS_DISCOUNT',
          'MISSING_DEPOSIT', 'UNPAID_POSSESSION', 'PRICE_BELOW_EARLIER_BATCH')),
        severity varchar(8) NOT NULL CHECK (severity IN ('LOW', 'MEDIUM', 'HIGH')),
        status varchar(12) NOT NULL CHECK (status IN ('OPEN', 'CONFIRMED', 'DISMISSED', 'CLEARED')),
        pending_dismissal boolean NOT NULL DEFAULT false,
        rule_version integer NOT NULL CHECK (rule_version > 0),
        evidence jsonb NOT NULL,
        raised_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK ((sale_id IS NULL) <> (price_list_id IS NULL)),
        CHECK ((price_list_id IS NULL) = (unit_type IS NULL))
      )`);
    // One flag per (subject, type): a sale, or a price list and unit type.
    await queryRunner.query('CREATE UNIQUE INDEX audit_flags_sale_type_key ON audit_flags (sale_id, type) WHERE sale_id IS NOT NULL');
    await queryRunner.query(
      'CREATE UNIQUE INDEX audit_flags_price_list_type_key ON audit_flags (price_list_id, unit_type, type) WHERE price_list_id IS NOT NULL',
    );
    await queryRunner.query('CREATE INDEX audit_flags_project_idx ON audit_flags (project_id, status, type, severity)');
    await queryRunner.query(`CREATE INDEX audit_flags_open_sale_idx ON audit_flags (sale_id) WHERE status = 'OPEN'`);

    await queryRunner.query(`
      CREATE FUNCTION audit_flags_guard() RETURNS trigger LANGUAGE plpgsql AS $$
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
    await queryRunner.query('CREATE TRIGGER audit_flags_guard BEFORE UPDATE OR DELETE ON audit_flags FOR EACH ROW EXECUTE FUNCTION audit_flags_guard()');
    await queryRunner.query('CREATE TRIGGER audit_flags_no_truncate BEFORE TRUNCATE ON audit_flags FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()');

    await queryRunner.query(`
      CREATE TABLE flag_reviews (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        flag_id uuid NOT NULL REFERENCES audit_flags (id),
        decision varchar(24) NOT NULL CHECK (decision IN ('COMMENT', 'CONFIRM', 'DISMISS', 'CONDITION_CLEARED', 'CONDITION_RETURNED')),
        note text NOT NULL CHECK (btrim(note) <> ''),
        reviewer_id varchar(64) NOT NULL,
        reviewer_name varchar(200) NOT NULL,
        at timestamptz NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY
      )`);
    await queryRunner.query('CREATE INDEX flag_reviews_flag_idx ON flag_reviews (flag_id, seq)');
    await queryRunner.query('CREATE TRIGGER flag_reviews_append_only BEFORE UPDATE OR DELETE ON flag_reviews FOR EACH ROW EXECUTE FUNCTION refuse_change()');
    await queryRunner.query('CREATE TRIGGER flag_reviews_no_truncate BEFORE TRUNCATE ON flag_reviews FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE flag_reviews');
    await queryRunner.query('DROP TABLE audit_flags');
    await queryRunner.query('DROP FUNCTION audit_flags_guard()');
  }
}
