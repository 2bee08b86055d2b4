import { MigrationInterface, QueryRunner } from 'typeorm';

/** The seal at commit, as this migration makes it (AuditChainSealAfterCommit's down() makes it again). */
export const SEAL_AT_COMMIT_FUNCTION = `
      CREATE FUNCTION audit_log_seal() RETURNS trigger
      LANGUAGE plpgsql AS $$
      DECLARE
        last_seq bigint;
        last_hash text;
        next_hash text;
        entry record;
      BEGIN
        -- The first firing in a transaction seals all its entries (no other transaction's are visible); the rest find theirs gone.
        IF NOT EXISTS (SELECT 1 FROM audit_pending WHERE ord = NEW.ord) THEN
          RETURN NULL;
        END IF;
        PERFORM pg_advisory_xact_lock(7301000001);
        -- A statement of its own, with a snapshot taken after the lock is held: it sees the entries of whoever held it before.
        SELECT a.seq, a.hash INTO last_seq, last_hash FROM audit_log a ORDER BY a.seq DESC LIMIT 1;
        IF NOT FOUND THEN
          last_seq := 0;
          last_hash := repeat('0', 64);
        END IF;
        FOR entry IN WITH sealed AS (DELETE FROM audit_pending RETURNING *) SELECT * FROM sealed ORDER BY ord LOOP
          last_seq := last_seq + 1;
          -- sha256(prevHash + canonical JSON), the canonical JSON ending in "seq":<n>}
          next_hash := encode(sha256(convert_to(last_hash || entry.head || last_seq::text || '}', 'UTF8')), 'hex');
          INSERT INTO audit_log (seq, at, actor, action, entity_type, entity_id, data, prev_hash, hash)
          VALUES (last_seq, entry.at, entry.actor, entry.action, entry.entity_type, entry.entity_id, entry.data, last_hash, next_hash);
          last_hash := next_hash;
        END LOOP;
        RETURN NULL;
      END
      $$`;

export const SEAL_AT_COMMIT_TRIGGER = `
      CREATE CONSTRAINT TRIGGER audit_pending_seal AFTER INSERT ON audit_pending
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_log_seal()`;

/**
 * The audit chain sealed at commit. A write inserts its entries into
 * audit_pending, with each entry's canonical JSON up to its `seq` (the last
 * key in canonical order); a deferred trigger, run by the COMMIT itself, takes
 * the chain lock, reads the chain's end, numbers and hashes the entries and
 * moves them into audit_log. The lock is held from there to the end of the
 * commit and never across a round trip to the application.
 */
export class AuditChainSeal1764925200000 implements MigrationInterface {
  name = 'AuditChainSeal1764925200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Rows live only inside the transaction that wrote them, which is why it need not be logged.
    await queryRunner.query(`
      CREATE UNLOGGED TABLE audit_pending (
        ord bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        actor varchar(64) NOT NULL,
        action varchar(100) NOT NULL,
        entity_type varchar(50) NOT NULL,
        entity_id varchar(100) NOT NULL,
        data jsonb NOT NULL,
        head text NOT NULL
      )`);
    await queryRunner.query(SEAL_AT_COMMIT_FUNCTION);
    await queryRunner.query(SEAL_AT_COMMIT_TRIGGER);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE audit_pending');
    await queryRunner.query('DROP FUNCTION audit_log_seal()');
  }
}
