import { MigrationInterface, QueryRunner } from 'typeorm';
import { SEAL_AT_COMMIT_FUNCTION, SEAL_AT_COMMIT_TRIGGER } from './1764925200000-AuditChainSeal';

/**
 * The audit chain sealed after the write has committed, so writers no longer
 * queue on the chain lock. A write still inserts its entries into
 * audit_pending in its own transaction (each with its canonical JSON up to
 * `seq`), and they commit with it; audit_pending is now logged, since it
 * holds committed entries until they are sealed. `audit_log_seal_pending()`,
 * run in a transaction of its own after the write (the service coalesces the
 * calls of concurrent writes into one), takes the chain lock, numbers and
 * hashes every committed pending entry in `ord` order, and moves them into
 * audit_log in one statement. The lock is held for that append and the sealer's commit only:
 * one lock and one commit for all the writes that finished meanwhile.
 */
export class AuditChainSealAfterCommit1765900000000 implements MigrationInterface {
  name = 'AuditChainSealAfterCommit1765900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER audit_pending_seal ON audit_pending');
    await queryRunner.query('DROP FUNCTION audit_log_seal()');
    // Entries pending now belong to transactions that were sealed at their commit: the table is empty.
    await queryRunner.query('ALTER TABLE audit_pending SET LOGGED');
    await queryRunner.query(`
      CREATE FUNCTION audit_log_seal_pending() RETURNS integer
      LANGUAGE plpgsql AS $$
      DECLARE
        last_seq bigint;
        last_hash text;
        ords bigint[];
        heads text[];
        prevs text[] := '{}';
        hashes text[] := '{}';
      BEGIN
        PERFORM pg_advisory_xact_lock(7301000001);
        -- Statements of their own, with snapshots taken after the lock is held: they see what every earlier sealer committed.
        SELECT a.seq, a.hash INTO last_seq, last_hash FROM audit_log a ORDER BY a.seq DESC LIMIT 1;
        IF NOT FOUND THEN
          last_seq := 0;
          last_hash := repeat('0', 64);
        END IF;
        SELECT array_agg(p.ord ORDER BY p.ord), array_agg(p.head ORDER BY p.ord) INTO ords, heads FROM audit_pending p;
        IF ords IS NULL THEN
          RETURN 0;
        END IF;
        FOR i IN 1 .. cardinality(ords) LOOP
          prevs[i] := last_hash;
          -- sha256(prevHash + canonical JSON), the canonical JSON ending in "seq":<n>}
          last_hash := encode(sha256(convert_to(last_hash || heads[i] || (last_seq + i)::text || '}', 'UTF8')), 'hex');
          hashes[i] := last_hash;
        END LOOP;
        -- Only the entries hashed above: one committed since is left to the next seal.
        WITH sealed AS (DELETE FROM audit_pending p WHERE p.ord = ANY (ords) RETURNING p.*)
        INSERT INTO audit_log (seq, at, actor, action, entity_type, entity_id, data, prev_hash, hash)
        SELECT last_seq + n.position, s.at, s.actor, s.action, s.entity_type, s.entity_id, s.data, n.prev_hash, n.hash
        FROM unnest(ords, prevs, hashes) WITH ORDINALITY AS n (ord, prev_hash, hash, position)
        JOIN sealed s ON s.ord = n.ord
        ORDER BY n.position;
        RETURN cardinality(ords);
      END
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('SELECT audit_log_seal_pending()');
    await queryRunner.query('DROP FUNCTION audit_log_seal_pending()');
    await queryRunner.query('ALTER TABLE audit_pending SET UNLOGGED');
    await queryRunner.query(SEAL_AT_COMMIT_FUNCTION);
    await queryRunner.query(SEAL_AT_COMMIT_TRIGGER);
  }
}
