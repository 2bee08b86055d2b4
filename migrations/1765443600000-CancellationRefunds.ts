import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the developer keeps and what it owes back when a sale is cancelled:
 * - `sales.forfeited_amount`, set once at cancellation (0 until then): the
 *   part of what was paid that the developer keeps. The sale guard now holds
 *   it with the rest of the cancellation: it may change only on the
 *   ACTIVE → CANCELLED transition, and a cancelled sale's is final; an active
 *   sale forfeits nothing.
 * - `refunds`: money returned to the buyer of a cancelled sale, append-only
 *   like payments (triggers refuse UPDATE, DELETE and TRUNCATE). What is still
 *   owed is paid − forfeited − refunded, checked by the service under the
 *   sale's row lock.
 */
export class CancellationRefunds1765443600000 implements MigrationInterface {
  name = 'CancellationRefunds1765443600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE sales
        ADD COLUMN forfeited_amount numeric(15, 2) NOT NULL DEFAULT 0 CONSTRAINT sales_forfeited_amount_check CHECK (forfeited_amount >= 0),
        ADD CONSTRAINT sales_forfeited_only_when_cancelled CHECK (status = 'CANCELLED' OR forfeited_amount = 0)`);

    await queryRunner.query(SALES_GUARD_WITH_FORFEIT);

    await queryRunner.query(`
      CREATE TABLE refunds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sale_id uuid NOT NULL REFERENCES sales (id),
        amount numeric(15, 2) NOT NULL CHECK (amount > 0),
        paid_on date NOT NULL,
        reference varchar(200),
        created_at timestamptz NOT NULL,
        created_by varchar(64) NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY
      )`);
    await queryRunner.query('CREATE INDEX refunds_sale_idx ON refunds (sale_id, paid_on, seq)');
    await queryRunner.query('CREATE TRIGGER refunds_append_only BEFORE UPDATE OR DELETE ON refunds FOR EACH ROW EXECUTE FUNCTION refuse_change()');
    await queryRunner.query('CREATE TRIGGER refunds_no_truncate BEFORE TRUNCATE ON refunds FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE refunds');
    await queryRunner.query(SALES_GUARD_BEFORE);
    await queryRunner.query('ALTER TABLE sales DROP CONSTRAINT sales_forfeited_only_when_cancelled, DROP COLUMN forfeited_amount');
  }
}

const SALES_GUARD_WITH_FORFEIT = `
  CREATE OR REPLACE FUNCTION sales_guard() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'DELETE' THEN
      RAISE EXCEPTION 'sales are never deleted' USING ERRCODE = 'restrict_violation';
    END IF;
    IF (NEW.id, NEW.project_id, NEW.unit_id, NEW.unit_type, NEW.saleable_area, NEW.contract_date, NEW.list_price,
        NEW.net_price, NEW.price_list_id, NEW.discount_codes, NEW.referrer_party_id, NEW.note, NEW.created_at, NEW.created_by)
       IS DISTINCT FROM
       (OLD.id, OLD.project_id, OLD.unit_id, OLD.unit_type, OLD.saleable_area, OLD.contract_date, OLD.list_price,
        OLD.net_price, OLD.price_list_id, OLD.discount_codes, OLD.referrer_party_id, OLD.note, OLD.created_at, OLD.created_by)
    THEN
      RAISE EXCEPTION 'the facts of a sale are append-only' USING ERRCODE = 'restrict_violation';
    END IF;
    IF OLD.status = 'CANCELLED' AND (NEW.status, NEW.cancelled_on, NEW.cancel_reason, NEW.forfeited_amount)
         IS DISTINCT FROM (OLD.status, OLD.cancelled_on, OLD.cancel_reason, OLD.forfeited_amount) THEN
      RAISE EXCEPTION 'a cancellation is final' USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
  END
  $$`;

const SALES_GUARD_BEFORE = `
  CREATE OR REPLACE FUNCTION sales_guard() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'DELETE' THEN
      RAISE EXCEPTION 'sales are never deleted' USING ERRCODE = 'restrict_violation';
    END IF;
    IF (NEW.id, NEW.project_id, NEW.unit_id, NEW.unit_type, NEW.saleable_area, NEW.contract_date, NEW.list_price,
        NEW.net_price, NEW.price_list_id, NEW.discount_codes, NEW.referrer_party_id, NEW.note, NEW.created_at, NEW.created_by)
       IS DISTINCT FROM
       (OLD.id, OLD.project_id, OLD.unit_id, OLD.unit_type, OLD.saleable_area, OLD.contract_date, OLD.list_price,
        OLD.net_price, OLD.price_list_id, OLD.discount_codes, OLD.referrer_party_id, OLD.note, OLD.created_at, OLD.created_by)
    THEN
      RAISE EXCEPTION 'the facts of a sale are append-only' USING ERRCODE = 'restrict_violation';
    END IF;
    IF OLD.status = 'CANCELLED' AND (NEW.status, NEW.cancelled_on, NEW.cancel_reason)
         IS DISTINCT FROM (OLD.status, OLD.cancelled_on, OLD.cancel_reason) THEN
      RAISE EXCEPTION 'a cancellation is final' USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
  END
  $$`;
