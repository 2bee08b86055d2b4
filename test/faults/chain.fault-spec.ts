import { Client } from 'pg';
import { ServiceProcess } from '../../scripts/child-process';
import { hashEntry } from '../../src/audit-log/audit-chain';
import { FaultDatabase, Ledger, figure, newDatabase, party, seedLedger, startLedger, unit } from './harness';

interface AuditRow {
  seq: number;
  at: Date;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  data: unknown;
  prev_hash: string;
  hash: string;
}

/** Changes the chain as someone with the owner's credentials and no scruples would: around the append-only triggers. */
async function tamper(db: FaultDatabase, statements: Array<[string, unknown[]]>): Promise<void> {
  const client = new Client({ connectionString: db.ownerUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    for (const [sql, params] of statements) await client.query(sql, params);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

async function rows(db: FaultDatabase, where = 'true', params: unknown[] = []): Promise<AuditRow[]> {
  return db.query<AuditRow>(`SELECT seq::int AS seq, at, actor, action, entity_type, entity_id, data, prev_hash, hash FROM audit_log WHERE ${where} ORDER BY seq`, params);
}

async function restore(db: FaultDatabase, saved: AuditRow[]): Promise<void> {
  await tamper(db, [
    ['DELETE FROM audit_log WHERE seq = ANY($1)', [saved.map((r) => r.seq)]],
    ...saved.map((r): [string, unknown[]] => [
      `INSERT INTO audit_log (seq, at, actor, action, entity_type, entity_id, data, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [r.seq, r.at, r.actor, r.action, r.entity_type, r.entity_id, JSON.stringify(r.data), r.prev_hash, r.hash],
    ]),
  ]);
}

/** An outsider keeps a head the service gave them; whatever is done to the log later, verify says so. */
describe('audit chain against tampering', () => {
  let db: FaultDatabase;
  let service: ServiceProcess;
  let l: Ledger;
  let kept: { seq: number; hash: string };

  beforeAll(async () => {
    db = await newDatabase('chain');
    service = await startLedger(db);
    l = await seedLedger(service.baseUrl);
    for (let i = 0; i < 5; i += 1) {
      const unitId = await unit(l, `CHAIN-${i}`);
      const buyer = await party(l, `Chain buyer ${i}`);
      await l.clerk.create('/api/sales', { unitId, buyerPartyIds: [buyer], contractDate: '2026-05-01', netPrice: '1000000.00' });
    }
    const head = await l.auditor.get('/api/audit-log/head');
    expect(head.status).toBe(200);
    kept = { seq: head.body.seq, hash: head.body.hash };
    expect(kept.seq).toBeGreaterThan(10);
  });
  afterAll(async () => {
    await service?.stop();
  });

  const verify = async () => (await l.auditor.get(`/api/audit-log/verify?seq=${kept.seq}&hash=${kept.hash}`)).body;

  it('the untouched chain verifies, with the kept head in it', async () => {
    const answer = await verify();
    expect(answer.ok).toBe(true);
    expect(answer.given).toMatchObject({ seq: kept.seq, hash: kept.hash, found: true });
  });

  it('a tampered middle entry is found at its seq', async () => {
    const middle = Math.floor(kept.seq / 2);
    const saved = await rows(db, 'seq = $1', [middle]);
    await tamper(db, [[`UPDATE audit_log SET data = jsonb_set(data, '{tampered}', 'true') WHERE seq = $1`, [middle]]]);
    const answer = await verify();
    figure('audit chain', 'tampered middle entry', `ok=${answer.ok}, firstBadSeq=${answer.firstBadSeq} (changed ${middle})`);
    expect(answer.ok).toBe(false);
    expect(answer.firstBadSeq).toBe(middle);
    await restore(db, saved);
    expect((await verify()).ok).toBe(true);
  });

  it('a cut tail is found: the kept head is no longer in the chain', async () => {
    const saved = await rows(db, 'seq > $1', [kept.seq - 3]);
    expect(saved).toHaveLength(3);
    await tamper(db, [['DELETE FROM audit_log WHERE seq > $1', [kept.seq - 3]]]);
    const answer = await verify();
    figure('audit chain', 'cut tail (last 3 entries deleted)', `ok=${answer.ok}, given=${JSON.stringify(answer.given)}`);
    expect(answer.ok).toBe(false);
    expect(answer.given).toMatchObject({ found: false, problem: 'cut' });
    await restore(db, saved);
    expect((await verify()).ok).toBe(true);
  });

  it('a re-hashed last entry is found, though the chain itself recomputes', async () => {
    const [last] = await rows(db, 'seq = $1', [kept.seq]);
    const data = { ...(last.data as object), netPrice: '1.00' };
    const hash = hashEntry(last.prev_hash, {
      seq: last.seq, at: last.at.toISOString(), actor: last.actor, action: last.action, entityType: last.entity_type, entityId: last.entity_id, data,
    });
    await tamper(db, [['UPDATE audit_log SET data = $2, hash = $3 WHERE seq = $1', [last.seq, JSON.stringify(data), hash]]]);
    const plain = (await l.auditor.get('/api/audit-log/verify')).body;
    expect(plain.ok).toBe(true);
    const answer = await verify();
    figure('audit chain', 're-hashed last entry', `without the kept head ok=${plain.ok}; with it ok=${answer.ok}, given=${JSON.stringify(answer.given)}`);
    expect(answer.ok).toBe(false);
    expect(answer.given).toMatchObject({ found: false, problem: 'rehashed' });
    await restore(db, [last]);
    expect((await verify()).ok).toBe(true);
  });
});
