import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Appending to the audit chain in one statement. The writer computes each
 * entry's canonical JSON up to its `seq` (the last key in canonical order);
 * this function takes the chain lock, reads the chain's end, numbers and
 * hashes the entries and inserts them, so the lock is held from here to the
 * commit and no longer.
 */
export class AuditChainAppend1764925200000 implements MigrationInterface {
  name = 'AuditChainAppend1764925200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION audit_log_append(
        p_lock_key bigint, p_at timestamptz, p_actor varchar, p_actions varchar[], p_entity_types varchar[],
        p_entity_ids varchar[], p_data jsonb[], p_heads text[]
      ) RETURNS bigint
      LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        last_seq bigint;
        last_hash text;
        seqs bigint[] := '{}';
        prev_hashes text[] := '{}';
        hashes text[] := '{}';
      BEGIN
        PERFORM pg_advisory_xact_lock(p_lock_key);
        -- A statement of its own, with a snapshot taken after the lock is held: it sees the entries of whoever held it before.
        SELECT a.seq, a.hash INTO last_seq, last_hash FROM audit_log a ORDER BY a.seq DESC LIMIT 1;
        IF NOT FOUND THEN
          last_seq := 0;
          last_hash := repeat('0', 64);
        END IF;
        FOR i IN 1 .. coalesce(array_length(p_heads, 1), 0) LOOP
          last_seq := last_seq + 1;
          seqs[i] := last_seq;
          prev_hashes[i] := last_hash;
          -- sha256(prevHash + canonical JSON), the canonical JSON ending in "seq":<n>}
          last_hash := encode(sha256(convert_to(last_hash || p_heads[i] || last_seq::text || '}', 'UTF8')), 'hex');
          hashes[i] := last_hash;
        END LOOP;
        INSERT INTO audit_log (seq, at, actor, action, entity_type, entity_id, data, prev_hash, hash)
        SELECT e.seq, p_at, p_actor, e.action, e.entity_type, e.entity_id, e.data, e.prev_hash, e.hash
        FROM unnest(seqs, p_actions, p_entity_types, p_entity_ids, p_data, prev_hashes, hashes)
          AS e (seq, action, entity_type, entity_id, data, prev_hash, hash);
        RETURN last_seq;
      END
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION audit_log_append(bigint, timestamptz, varchar, varchar[], varchar[], varchar[], jsonb[], text[])');
  }
}
