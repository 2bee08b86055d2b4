import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sales, their buyers, payments and reversals, handovers, and idempotency keys.
 * A sale's facts never change: only its status may go ACTIVE → CANCELLED (once)
 * and its derived evaluation (market price, related-party finding) may be
 * refreshed by the rules. One active sale per unit is a partial unique index.
 */
export class SalesLedger1764576000000 implements MigrationInterface {
  name = 'SalesLedger1764576000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE sales (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects (id),
        unit_id uuid NOT NULL REFERENCES units (id),
        unit_type varchar(40) NOT NULL,
        saleable_area numeric(10, 2) NOT NULL CHECK (saleable_area > 0),
        contract_date date NOT NULL,
        list_price numeric(15, 2) CHECK (list_price > 0),
        net_price numeric(15, 2) NOT NULL CHECK (net_price > 0),
        price_list_id uuid REFERENCES price_lists (id),
        discount_codes varchar(40)[] NOT NULL DEFAULT '{}',
        referrer_party_id uuid REFERENCES parties (id),
        note varchar(1000),
        created_at timestamptz NOT NULL,
        created_by varchar(64) NOT NULL,
        status varchar(12) NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'CANCELLED')),
        cancelled_on date,
        cancel_reason varchar(1000),
        related_party boolean NOT NULL DEFAULT false,
        related_paths jsonb NOT NULL DEFAULT '[]'::jsonb,
        market_price numeric(15, 2),
        market_price_per_sqm numeric(15, 2),
        market_method varchar(20) CHECK (market_method IN ('UNIT_APPRAISAL', 'COMPARABLE_SALES', 'PROJECT_EVIDENCE')),
        market_basis jsonb,
        evaluated_at timestamptz NOT NULL,
        CHECK ((status = 'CANCELLED') = (cancelled_on IS NOT NULL)),
        CHECK (cancelled_on IS NULL OR cancelled_on >= contract_date),
        CHECK ((market_price IS NULL) = (market_method IS NULL))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX sales_one_active_per_unit ON sales (unit_id) WHERE status = 'ACTIVE'`);
    await queryRunner.query('CREATE INDEX sales_unit_idx ON sales (unit_id)');
    await queryRunner.query('CREATE INDEX sales_project_date_idx ON sales (project_id, contract_date, id)');
    // Comparable sales: same project and type, a contract-date window, active and arm's length.
    await queryRunner.query(`
      CREATE INDEX sales_comparables_idx ON sales (project_id, unit_type, contract_date)
        INCLUDE (net_price, saleable_area) WHERE status = 'ACTIVE' AND NOT related_party`);
    await queryRunner.query('CREATE INDEX sales_referrer_idx ON sales (referrer_party_id) WHERE referrer_party_id IS NOT NULL');

    await queryRunner.query(`
      CREATE FUNCTION sales_guard() RETURNS trigger LANGUAGE plpgsql AS $$
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
      $$`);
    await queryRunner.query('CREATE TRIGGER sales_guard BEFORE UPDATE OR DELETE ON sales FOR EACH ROW EXECUTE FUNCTION sales_guard()');
    await queryRunner.query('CREATE TRIGGER sales_no_truncate BEFORE TRUNCATE ON sales FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()');

    await queryRunner.query(`
      CREATE TABLE sale_buyers (
        sale_id uuid NOT NULL REFERENCES sales (id),
        party_id uuid NOT NULL REFERENCES parties (id),
        position smallint NOT NULL CHECK (position >= 0),
        PRIMARY KEY (sale_id, party_id),
        UNIQUE (sale_id, position)
      )`);
    await queryRunner.query('CREATE INDEX sale_buyers_party_idx ON sale_buyers (party_id)');

    await queryRunner.query(`
      CREATE TABLE payments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sale_id uuid NOT NULL REFERENCES sales (id),
        amount numeric(15, 2) NOT NULL CHECK (amount <> 0),
        received_on date NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('DEPOSIT', 'INSTALLMENT', 'MORTGAGE', 'BALANCE')),
        reference varchar(200),
        reversal_of uuid UNIQUE REFERENCES payments (id),
        reason varchar(1000),
        created_at timestamptz NOT NULL,
        created_by varchar(64) NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        CHECK ((reversal_of IS NULL) = (amount > 0)),
        CHECK ((reversal_of IS NULL) = (reason IS NULL))
      )`);
    await queryRunner.query('CREATE INDEX payments_sale_idx ON payments (sale_id, received_on, seq)');

    await queryRunner.query(`
      CREATE TABLE handovers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sale_id uuid NOT NULL REFERENCES sales (id),
        handed_over_on date NOT NULL,
        occupied boolean NOT NULL,
        created_at timestamptz NOT NULL,
        created_by varchar(64) NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY
      )`);
    await queryRunner.query('CREATE INDEX handovers_sale_idx ON handovers (sale_id, handed_over_on, seq)');

    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        scope varchar(300) NOT NULL,
        key varchar(200) NOT NULL,
        request_hash char(64) NOT NULL,
        response_status smallint,
        response_body jsonb,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (scope, key)
      )`);

    for (const table of ['sale_buyers', 'payments', 'handovers']) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['idempotency_keys', 'handovers', 'payments', 'sale_buyers', 'sales']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query('DROP FUNCTION sales_guard()');
  }
}
