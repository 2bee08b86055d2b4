import { MigrationInterface, QueryRunner } from 'typeorm';

/** The large JSON the ledger writes on every sale, flag, audit entry and report. */
const COLUMNS: Array<[table: string, column: string]> = [
  ['sales', 'market_basis'],
  ['sales', 'evaluation'],
  ['sales', 'related_paths'],
  ['audit_flags', 'evidence'],
  ['audit_pending', 'data'],
  ['audit_pending', 'head'],
  ['audit_log', 'data'],
  ['idempotency_keys', 'response_body'],
  ['liquidation_reports', 'content'],
  ['liquidation_reports', 'comparison_basis'],
];

function setCompression(method: 'lz4' | 'pglz'): string {
  return COLUMNS.map(([table, column]) => `ALTER TABLE ${table} ALTER COLUMN ${column} SET COMPRESSION ${method};`).join('\n    ');
}

/**
 * The large JSON columns compressed with lz4 where the server has it: a
 * sale's market basis (kilobytes, the comparables it rests on), a flag's
 * evidence, an audit entry (compressed again when the seal moves it into
 * audit_log) and a frozen report (megabytes). PostgreSQL's default, pglz,
 * cost about 40 % of writing a sale row. Values written before keep the
 * method they were written with; reading does not change. A server built
 * without lz4 (the embedded PGlite) keeps pglz: nothing else differs.
 */
export class JsonCompressionLz41766100000000 implements MigrationInterface {
  name = 'JsonCompressionLz41766100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DO $$ BEGIN
    ${setCompression('lz4')}
      EXCEPTION WHEN feature_not_supported THEN
        RAISE NOTICE 'this server has no lz4: the JSON columns keep pglz';
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DO $$ BEGIN
    ${setCompression('pglz')}
      END $$`);
  }
}
