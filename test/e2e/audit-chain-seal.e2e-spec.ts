import { AuditLogRepository } from '../../src/audit-log/audit-log.repository';
import { ChainSealer } from '../../src/audit-log/chain-sealer';
import { TestApp, createTestApp } from '../utils/test-app';

/**
 * The chain is sealed after the writes commit: entries wait in audit_pending,
 * committed, until the sealer links them; a write answers once its own are in
 * the chain, and no entry is lost when a stop falls between a commit and its seal.
 */
describe('audit chain sealed after commit (e2e)', () => {
  let t: TestApp;
  let auditor: string;

  beforeAll(async () => {
    t = await createTestApp();
    auditor = await t.tokenFor('auditor', 'Seal Auditor');
  });
  afterAll(() => t.close());

  async function chain(): Promise<{ pending: number; seqs: number[] }> {
    const pending = (await t.db.sql.query('SELECT count(*)::int AS n FROM audit_pending')).rows[0].n;
    const seqs = (await t.db.sql.query('SELECT seq::int AS seq FROM audit_log ORDER BY seq')).rows.map((row) => row.seq);
    return { pending, seqs };
  }

  it('answers a write once its entries are in the chain, none left pending', async () => {
    const project = (await t.admin.post('/api/projects').send({ code: 'SEAL-1', name: 'Sealed', currency: 'CNY' }).expect(201)).body;
    const { pending, seqs } = await chain();
    expect(pending).toBe(0);
    const { rows } = await t.db.sql.query(`SELECT seq::int AS seq FROM audit_log WHERE action = 'project.created' AND entity_id = $1`, [project.id]);
    expect(rows).toHaveLength(1);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('seals, in order, entries committed by a write that stopped before its seal, at the next read of the log', async () => {
    // As a write leaves them when the service stops between its commit and its seal.
    const entries = [1, 2, 3].map((n) => ({ action: 'test.stopped-write', entityType: 'test', entityId: `stopped-${n}`, data: { n } }));
    const statement = AuditLogRepository.appendStatement('stopped-writer', new Date('2026-06-30T08:00:00.000Z'), entries);
    await t.db.sql.query(statement.sql, statement.params);
    expect((await chain()).pending).toBe(3);

    const log = await t.as(auditor).get('/api/audit-log?entityType=test&order=asc').expect(200);
    expect(log.body.items.map((entry: { entityId: string }) => entry.entityId)).toEqual(['stopped-1', 'stopped-2', 'stopped-3']);
    const { pending, seqs } = await chain();
    expect(pending).toBe(0);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const verified = await t.as(auditor).get('/api/audit-log/verify').expect(200);
    expect(verified.body).toMatchObject({ ok: true, entries: seqs.length });
  });

  it('seals what a stop left pending when the service starts', async () => {
    const statement = AuditLogRepository.appendStatement('stopped-writer', new Date('2026-06-30T08:30:00.000Z'), [
      { action: 'test.stopped-write', entityType: 'test', entityId: 'stopped-at-start', data: {} },
    ]);
    await t.db.sql.query(statement.sql, statement.params);
    await t.app.get(ChainSealer).onApplicationBootstrap();
    expect((await chain()).pending).toBe(0);
    const { rows } = await t.db.sql.query(`SELECT seq::int AS seq FROM audit_log WHERE entity_id = 'stopped-at-start'`);
    expect(rows).toHaveLength(1);
  });

  it('keeps one unbroken chain when many writes finish at once, each answered sealed', async () => {
    const before = (await chain()).seqs.length;
    const responses = await Promise.all(
      Array.from({ length: 24 }, (_, i) => t.admin.post('/api/projects').send({ code: `SEAL-B-${i}`, name: `Burst ${i}`, currency: 'HKD' })),
    );
    expect(responses.every((response) => response.status === 201)).toBe(true);
    const { pending, seqs } = await chain();
    expect(pending).toBe(0);
    expect(seqs.length).toBe(before + 24);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect((await t.as(auditor).get('/api/audit-log/verify').expect(200)).body.ok).toBe(true);
  });

  it('has the calls that arrive while a seal runs share the next one: ten at once, two seals', async () => {
    const sealer = t.app.get(ChainSealer);
    const started = jest.spyOn(sealer as unknown as { start: () => Promise<void> }, 'start');
    try {
      await Promise.all(Array.from({ length: 10 }, () => sealer.seal()));
      expect(started).toHaveBeenCalledTimes(2);
    } finally {
      started.mockRestore();
    }
  });
});
