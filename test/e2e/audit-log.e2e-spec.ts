import { TestApp, createTestApp } from '../utils/test-app';

describe('audit log (e2e)', () => {
  let t: TestApp;
  let auditor: string;

  beforeAll(async () => {
    t = await createTestApp();
    auditor = await t.tokenFor('auditor', 'Wang Audit');
  });
  afterAll(() => t.close());

  async function entryCount(): Promise<number> {
    const { rows } = await t.db.sql.query('SELECT count(*)::int AS n FROM audit_log');
    return rows[0].n;
  }

  it('records every accepted write with its actor, in the same transaction', async () => {
    const project = (await t.admin.post('/api/projects').send({ code: 'AL-1', name: 'Audit', currency: 'CNY' }).expect(201)).body;
    const log = await t.as(auditor).get(`/api/audit-log?entityType=project&entityId=${project.id}`).expect(200);
    expect(log.body.total).toBe(1);
    expect(log.body.items[0]).toMatchObject({
      action: 'project.created',
      entityType: 'project',
      entityId: project.id,
      data: { code: 'AL-1', currency: 'CNY' },
    });
    expect(log.body.items[0].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('writes nothing, not even a log entry, for a refused write', async () => {
    const before = await entryCount();
    await t.admin.post('/api/projects').send({ code: 'AL-1', name: 'Again', currency: 'CNY' }).expect(409);
    expect(await entryCount()).toBe(before);
  });

  it('keeps one unbroken chain under concurrent writers', async () => {
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => t.admin.post('/api/projects').send({ code: `CC-${i}`, name: `Concurrent ${i}`, currency: 'HKD' })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(30).fill(201));
    const { rows } = await t.db.sql.query('SELECT seq::int AS seq FROM audit_log ORDER BY seq');
    expect(rows.map((r: { seq: number }) => r.seq)).toEqual(rows.map((_: unknown, i: number) => i + 1));
    const verify = await t.as(auditor).get('/api/audit-log/verify').expect(200);
    expect(verify.body).toEqual({ ok: true, entries: rows.length });
  });

  it.each([
    ['UPDATE', "UPDATE audit_log SET actor = 'intruder' WHERE seq = 1"],
    ['DELETE', 'DELETE FROM audit_log WHERE seq = 1'],
    ['TRUNCATE', 'TRUNCATE audit_log'],
  ])('is refused %s by the database itself', async (_, statement) => {
    await expect(t.db.sql.query(statement)).rejects.toThrow(/append-only/);
  });

  it('is readable by auditors and admins only', async () => {
    for (const role of ['clerk', 'finance'] as const) {
      const token = await t.tokenFor(role);
      await t.as(token).get('/api/audit-log').expect(403);
      await t.as(token).get('/api/audit-log/verify').expect(403);
    }
    await t.admin.get('/api/audit-log/verify').expect(200);
  });

  it('names the entry that was tampered with behind the triggers’ back', async () => {
    const client = await t.db.sql.connect();
    try {
      // A superuser can switch triggers off; the chain still gives the tampering away.
      await client.query('SET session_replication_role = replica');
      await client.query(`UPDATE audit_log SET data = jsonb_set(data, '{name}', '"Forged"') WHERE seq = 3`);
      await client.query('SET session_replication_role = DEFAULT');
    } finally {
      client.release();
    }
    const verify = await t.as(auditor).get('/api/audit-log/verify').expect(200);
    expect(verify.body).toMatchObject({ ok: false, firstBadSeq: 3 });
  });
});
