import { generateKeyPairSync, verify as verifySignature } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Response } from 'superagent';
import { GENESIS_HASH, hashEntry } from '../../src/audit-log/audit-chain';
import { loadConfig } from '../../src/config/app-config';
import { LedgerFactory } from '../factories/ledger';
import { pdfText } from '../utils/pdf-text';
import { TestApp, createTestApp } from '../utils/test-app';

/** Collects a binary body (supertest only buffers text by default). */
const binaryParser = (res: Response, callback: (error: Error | null, body: unknown) => void): void => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
};

const HEX64 = /^[0-9a-f]{64}$/;

function signedMessage(seq: number, hash: string): Buffer {
  return Buffer.from(`ledger-audit-head:v1:${seq}:${hash}`, 'utf8');
}

/** Runs statements as the superuser with the append-only triggers switched off, as an intruder with database access would. */
async function tamper(t: TestApp, work: (query: (text: string, params?: unknown[]) => Promise<{ rows: any[] }>) => Promise<void>): Promise<void> {
  const client = await t.db.sql.connect();
  try {
    await client.query('SET session_replication_role = replica');
    await work((text, params) => client.query(text, params));
  } finally {
    await client.query('SET session_replication_role = DEFAULT');
    client.release();
  }
}

async function writeProjects(t: TestApp, count: number, prefix: string): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    await t.admin.post('/api/projects').send({ code: `${prefix}-${i}`, name: `Chain ${prefix} ${i}`, currency: 'CNY' }).expect(201);
  }
}

describe('audit chain head (e2e)', () => {
  describe('unsigned', () => {
    let t: TestApp;
    let auditor: string;

    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t.close());

    it('stands at seq 0 with the genesis hash while the log is empty, and verifies there', async () => {
      // The app records its start; the log is emptied to see the chain before its first entry.
      await tamper(t, async (query) => {
        await query('DELETE FROM audit_log');
      });
      const head = await t.admin.get('/api/audit-log/head').expect(200);
      expect(head.body).toEqual({ seq: 0, hash: GENESIS_HASH, at: null });
      const verify = await t.admin.get(`/api/audit-log/verify?seq=0&hash=${GENESIS_HASH}`).expect(200);
      expect(verify.body).toEqual({ ok: true, entries: 0, head: { seq: 0, hash: GENESIS_HASH }, given: { seq: 0, hash: GENESIS_HASH, found: true } });
    });

    it('gives the last entry of the chain, unsigned without a signing key', async () => {
      auditor = await t.tokenFor('auditor', 'Chain Auditor');
      await writeProjects(t, 3, 'HU');
      const { rows } = await t.db.sql.query('SELECT seq::int AS seq, hash, at FROM audit_log ORDER BY seq DESC LIMIT 1');
      const head = await t.as(auditor).get('/api/audit-log/head').expect(200);
      expect(head.body).toEqual({ seq: rows[0].seq, hash: rows[0].hash, at: rows[0].at.toISOString() });
    });

    it('proves a head given earlier still in the chain after later writes', async () => {
      const earlier = (await t.as(auditor).get('/api/audit-log/head').expect(200)).body;
      await writeProjects(t, 2, 'HL');
      const now = (await t.as(auditor).get('/api/audit-log/head').expect(200)).body;
      const verify = await t.as(auditor).get(`/api/audit-log/verify?seq=${earlier.seq}&hash=${earlier.hash}`).expect(200);
      expect(verify.body).toEqual({
        ok: true,
        entries: now.seq,
        head: { seq: now.seq, hash: now.hash },
        given: { seq: earlier.seq, hash: earlier.hash, found: true },
      });
    });

    it('answers as before without a given head', async () => {
      const { rows } = await t.db.sql.query('SELECT count(*)::int AS n FROM audit_log');
      expect((await t.as(auditor).get('/api/audit-log/verify').expect(200)).body).toEqual({ ok: true, entries: rows[0].n });
    });

    it('does not find a head the chain never had', async () => {
      const now = (await t.as(auditor).get('/api/audit-log/head').expect(200)).body;
      const beyond = await t.as(auditor).get(`/api/audit-log/verify?seq=${now.seq + 1}&hash=${'a'.repeat(64)}`).expect(200);
      expect(beyond.body).toMatchObject({ ok: false, given: { found: false, problem: 'cut' } });
      const other = await t.as(auditor).get(`/api/audit-log/verify?seq=${now.seq}&hash=${'a'.repeat(64)}`).expect(200);
      expect(other.body).toMatchObject({ ok: false, given: { found: false, problem: 'rehashed' } });
    });

    it.each([
      ['seq without hash', 'seq=1'],
      ['hash without seq', `hash=${'a'.repeat(64)}`],
      ['a negative seq', `seq=-1&hash=${'a'.repeat(64)}`],
      ['a fractional seq', `seq=1.5&hash=${'a'.repeat(64)}`],
      ['a seq in words', `seq=one&hash=${'a'.repeat(64)}`],
      ['a seq in exponent form', `seq=1e3&hash=${'a'.repeat(64)}`],
      ['an empty seq', `seq=&hash=${'a'.repeat(64)}`],
      ['an upper-case hash', `seq=1&hash=${'A'.repeat(64)}`],
      ['a short hash', `seq=1&hash=${'a'.repeat(63)}`],
      ['a repeated seq', `seq=1&seq=2&hash=${'a'.repeat(64)}`],
      ['an unknown parameter', `seq=1&hash=${'a'.repeat(64)}&from=1`],
      ['an unknown parameter alone', 'limit=10'],
    ])('refuses %s with 400', async (_, query) => {
      await t.as(auditor).get(`/api/audit-log/verify?${query}`).expect(400);
    });

    it('is readable by auditors and admins only', async () => {
      for (const role of ['clerk', 'finance'] as const) {
        const token = await t.tokenFor(role);
        await t.as(token).get('/api/audit-log/head').expect(403);
        await t.as(token).get(`/api/audit-log/verify?seq=0&hash=${GENESIS_HASH}`).expect(403);
      }
      await t.http().get('/api/audit-log/head').expect(401);
    });

    it('freezes a report with the head its facts are sealed at, which verify then proves', async () => {
      const f = await LedgerFactory.create(t);
      const project = await f.project();
      const [unit] = await f.units(project.id, 1);
      await f.sale({ unitId: unit.id, contractDate: '2026-03-01', netPrice: '1000000.00' });
      const report = await f.report(project.id, '2026-06-30');

      const head = report.auditChainHead;
      expect(head).toEqual({ seq: expect.any(Number), hash: expect.stringMatching(HEX64), at: expect.any(String) });
      const { rows } = await t.db.sql.query(
        "SELECT seq::int AS seq FROM audit_log WHERE action = 'liquidation-report.generated' AND entity_id = $1",
        [report.id],
      );
      // The report's own entry is sealed at its commit, right after the head it cites.
      expect(rows[0].seq).toBe(head.seq + 1);
      const stored = await t.db.sql.query('SELECT hash, at FROM audit_log WHERE seq = $1', [head.seq]);
      expect(head).toEqual({ seq: head.seq, hash: stored.rows[0].hash, at: stored.rows[0].at.toISOString() });

      const url = `/api/projects/${project.id}/liquidation-reports/${report.id}`;
      expect((await t.admin.get(url).expect(200)).body.auditChainHead).toEqual(head);

      const verify = await t.as(auditor).get(`/api/audit-log/verify?seq=${head.seq}&hash=${head.hash}`).expect(200);
      expect(verify.body).toMatchObject({ ok: true, given: { seq: head.seq, hash: head.hash, found: true } });

      const pdf = await t.admin.get(`${url}?format=pdf`).buffer(true).parse(binaryParser).expect(200);
      const { text } = await pdfText(pdf.body);
      expect(text).toMatch(/-- 1 of \d+ --/);
      const firstPage = text.split(/-- 1 of \d+ --/)[0].replace(/\s+/g, '');
      expect(firstPage).toContain(head.hash);

      const xlsx = await t.admin.get(`${url}?format=xlsx`).buffer(true).parse(binaryParser).expect(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.body);
      const summary: string[] = [];
      workbook.getWorksheet('Summary')!.eachRow((row) => row.eachCell((cell) => summary.push(String(cell.value))));
      expect(summary).toEqual(expect.arrayContaining([head.hash, String(head.seq)]));
    });
  });

  describe('signed', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({ env: { AUDIT_SIGNING_KEY: pem } });
      await writeProjects(t, 2, 'HS');
    });
    afterAll(() => t.close());

    it('signs `ledger-audit-head:v1:<seq>:<hash>` with Ed25519, checkable with the public key it gives', async () => {
      const head = (await t.admin.get('/api/audit-log/head').expect(200)).body;
      const { rows } = await t.db.sql.query('SELECT max(seq)::int AS seq FROM audit_log');
      expect(head).toEqual({
        seq: rows[0].seq,
        hash: expect.stringMatching(HEX64),
        at: expect.any(String),
        signature: expect.any(String),
        publicKey: expect.stringContaining('-----BEGIN PUBLIC KEY-----'),
        algorithm: 'Ed25519',
      });
      const signature = Buffer.from(head.signature, 'base64');
      expect(verifySignature(null, signedMessage(head.seq, head.hash), head.publicKey, signature)).toBe(true);
      expect(verifySignature(null, signedMessage(head.seq + 1, head.hash), head.publicKey, signature)).toBe(false);
    });

    it('signs the head a report is frozen at', async () => {
      const f = await LedgerFactory.create(t);
      const project = await f.project();
      const report = await f.report(project.id, '2026-06-30');
      const { seq, hash, signature } = report.auditChainHead;
      const { publicKey } = (await t.admin.get('/api/audit-log/head').expect(200)).body;
      expect(verifySignature(null, signedMessage(seq, hash), publicKey, Buffer.from(signature, 'base64'))).toBe(true);
    });

    it('fails to start on a signing key that is not an Ed25519 private key, naming the variable', () => {
      const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const publicPem = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
      for (const bad of ['not a key', rsa, publicPem]) {
        expect(() => loadConfig({ AUDIT_SIGNING_KEY: bad })).toThrow(/AUDIT_SIGNING_KEY/);
      }
      expect(loadConfig({ AUDIT_SIGNING_KEY: pem.replace(/\n/g, '\\n') }).AUDIT_SIGNING_KEY).toBeDefined();
    });
  });

  describe('after tampering behind the triggers’ back', () => {
    let t: TestApp;

    beforeEach(async () => {
      t = await createTestApp();
      await writeProjects(t, 8, 'HT');
    });
    afterEach(() => t.close());

    async function givenHead(): Promise<{ seq: number; hash: string }> {
      const { seq, hash } = (await t.admin.get('/api/audit-log/head').expect(200)).body;
      return { seq, hash };
    }

    it('names a changed middle entry, and the given head as standing on a broken chain', async () => {
      const earlier = await givenHead();
      await tamper(t, async (query) => {
        await query(`UPDATE audit_log SET data = jsonb_set(data, '{name}', '"Forged"') WHERE seq = 4`);
      });
      const verify = await t.admin.get(`/api/audit-log/verify?seq=${earlier.seq}&hash=${earlier.hash}`).expect(200);
      expect(verify.body).toEqual({
        ok: false,
        entries: 4,
        firstBadSeq: 4,
        head: earlier,
        given: { ...earlier, found: true, problem: 'broken' },
      });
    });

    it('does not find the given head once the tail is cut, though the rest still recomputes', async () => {
      const earlier = await givenHead();
      await tamper(t, async (query) => {
        await query('DELETE FROM audit_log WHERE seq > $1', [earlier.seq - 3]);
      });
      const verify = await t.admin.get(`/api/audit-log/verify?seq=${earlier.seq}&hash=${earlier.hash}`).expect(200);
      expect(verify.body).toEqual({
        ok: false,
        entries: earlier.seq - 3,
        head: { seq: earlier.seq - 3, hash: expect.stringMatching(HEX64) },
        given: { ...earlier, found: false, problem: 'cut' },
      });
      expect((await t.admin.get('/api/audit-log/verify').expect(200)).body).toEqual({ ok: true, entries: earlier.seq - 3 });
    });

    it('sees a re-hashed last entry by the given head, though the chain itself recomputes', async () => {
      const earlier = await givenHead();
      await tamper(t, async (query) => {
        const { rows } = await query('SELECT at, actor, action, entity_type, entity_id, data, prev_hash FROM audit_log WHERE seq = $1', [earlier.seq]);
        const [row] = rows;
        const data = { ...row.data, name: 'Forged' };
        const hash = hashEntry(row.prev_hash, {
          seq: earlier.seq, at: row.at.toISOString(), actor: row.actor, action: row.action, entityType: row.entity_type, entityId: row.entity_id, data,
        });
        await query('UPDATE audit_log SET data = $1, hash = $2 WHERE seq = $3', [JSON.stringify(data), hash, earlier.seq]);
      });
      expect((await t.admin.get('/api/audit-log/verify').expect(200)).body).toEqual({ ok: true, entries: earlier.seq });
      const verify = await t.admin.get(`/api/audit-log/verify?seq=${earlier.seq}&hash=${earlier.hash}`).expect(200);
      expect(verify.body).toEqual({
        ok: false,
        entries: earlier.seq,
        head: { seq: earlier.seq, hash: expect.not.stringMatching(earlier.hash) },
        given: { ...earlier, found: false, problem: 'rehashed' },
      });
    });
  });
});
