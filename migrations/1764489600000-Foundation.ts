import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users and tokens, the hash-chained audit log, projects, units, price lists,
 * market evidence, parties and their relations. Published price lists,
 * market evidence and the audit log are append-only at the database level.
 */
export class Foundation1764489600000 implements MigrationInterface {
  name = 'Foundation1764489600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
      END
      $$`);

    await queryRunner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL CHECK (btrim(name) <> ''),
        role varchar(16) NOT NULL CHECK (role IN ('admin', 'clerk', 'finance', 'auditor')),
        token_hash char(64) NOT NULL UNIQUE,
        created_at timestamptz NOT NULL
      )`);

    await queryRunner.query(`
      CREATE TABLE audit_log (
        seq bigint PRIMARY KEY CHECK (seq > 0),
        at timestamptz NOT NULL,
        actor varchar(64) NOT NULL,
        action varchar(100) NOT NULL,
        entity_type varchar(50) NOT NULL,
        entity_id varchar(100) NOT NULL,
        data jsonb NOT NULL,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL UNIQUE
      )`);
    await queryRunner.query('CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, seq)');

    await queryRunner.query(`
      CREATE TABLE projects (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(40) NOT NULL,
        name varchar(200) NOT NULL CHECK (btrim(name) <> ''),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        city varchar(100),
        settings jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL,
        CONSTRAINT projects_code_key UNIQUE (code)
      )`);

    await queryRunner.query(`
      CREATE TABLE units (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects (id),
        unit_no varchar(40) NOT NULL,
        building varchar(40),
        floor integer,
        unit_type varchar(40) NOT NULL,
        saleable_area numeric(10, 2) NOT NULL CHECK (saleable_area > 0),
        cost_price numeric(15, 2) CHECK (cost_price > 0),
        created_at timestamptz NOT NULL,
        CONSTRAINT units_project_unit_no_key UNIQUE (project_id, unit_no)
      )`);
    await queryRunner.query('CREATE INDEX units_project_type_idx ON units (project_id, unit_type)');

    await queryRunner.query(`
      CREATE TABLE price_lists (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects (id),
        batch_no varchar(40) NOT NULL,
        issued_on date NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT price_lists_project_batch_key UNIQUE (project_id, batch_no)
      )`);
    await queryRunner.query('CREATE INDEX price_lists_project_issued_idx ON price_lists (project_id, issued_on)');
    await queryRunner.query(`
      CREATE TABLE price_list_discounts (
        price_list_id uuid NOT NULL REFERENCES price_lists (id),
        code varchar(40) NOT NULL,
        description varchar(500) NOT NULL,
        percent numeric(5, 2) NOT NULL CHECK (percent >= 0 AND percent < 100),
        PRIMARY KEY (price_list_id, code)
      )`);
    await queryRunner.query(`
      CREATE TABLE price_list_items (
        price_list_id uuid NOT NULL REFERENCES price_lists (id),
        unit_id uuid NOT NULL REFERENCES units (id),
        list_price numeric(15, 2) NOT NULL CHECK (list_price > 0),
        PRIMARY KEY (price_list_id, unit_id)
      )`);
    await queryRunner.query('CREATE INDEX price_list_items_unit_idx ON price_list_items (unit_id)');

    await queryRunner.query(`
      CREATE TABLE market_prices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects (id),
        as_of date NOT NULL,
        price_per_sqm numeric(15, 2) NOT NULL CHECK (price_per_sqm > 0),
        source varchar(16) NOT NULL CHECK (source IN ('APPRAISAL', 'INDEX', 'MANUAL')),
        unit_id uuid REFERENCES units (id),
        unit_type varchar(40),
        reference varchar(500),
        created_at timestamptz NOT NULL,
        CHECK (unit_id IS NULL OR unit_type IS NULL)
      )`);
    await queryRunner.query('CREATE INDEX market_prices_unit_idx ON market_prices (unit_id, as_of) WHERE unit_id IS NOT NULL');
    await queryRunner.query(
      'CREATE INDEX market_prices_scope_idx ON market_prices (project_id, unit_type, as_of) WHERE unit_id IS NULL',
    );

    await queryRunner.query(`
      CREATE TABLE parties (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(16) NOT NULL CHECK (kind IN ('PERSON', 'COMPANY')),
        name varchar(200) NOT NULL CHECK (btrim(name) <> ''),
        id_number varchar(64),
        id_number_norm varchar(64),
        phone varchar(40),
        phone_norm varchar(40),
        address varchar(500),
        bank_account varchar(64),
        bank_account_norm varchar(64),
        insider_role varchar(40),
        created_at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX parties_id_number_idx ON parties (id_number_norm) WHERE id_number_norm IS NOT NULL');
    await queryRunner.query('CREATE INDEX parties_phone_idx ON parties (phone_norm) WHERE phone_norm IS NOT NULL');
    await queryRunner.query('CREATE INDEX parties_bank_account_idx ON parties (bank_account_norm) WHERE bank_account_norm IS NOT NULL');
    await queryRunner.query('CREATE INDEX parties_insider_idx ON parties (id) WHERE insider_role IS NOT NULL');

    await queryRunner.query(`
      CREATE TABLE party_relations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        party_id uuid NOT NULL REFERENCES parties (id),
        related_party_id uuid NOT NULL REFERENCES parties (id),
        relationship varchar(32) NOT NULL CHECK (relationship IN
          ('SPOUSE', 'FAMILY', 'PERSONAL_STAFF', 'EMPLOYEE', 'BUSINESS_ASSOCIATE', 'CONTROLS', 'NOMINEE', 'OTHER')),
        note varchar(1000),
        created_at timestamptz NOT NULL,
        CHECK (party_id <> related_party_id),
        CONSTRAINT party_relations_pair_key UNIQUE (party_id, related_party_id, relationship)
      )`);
    await queryRunner.query('CREATE INDEX party_relations_related_idx ON party_relations (related_party_id)');

    for (const table of ['audit_log', 'price_lists', 'price_list_discounts', 'price_list_items', 'market_prices']) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'party_relations', 'parties', 'market_prices', 'price_list_items', 'price_list_discounts',
      'price_lists', 'units', 'projects', 'audit_log', 'users',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query('DROP FUNCTION refuse_change()');
  }
}
