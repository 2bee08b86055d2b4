import { createReadStream, createWriteStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { PoolClient } from 'pg';
import { ImportLeases } from '../../src/imports/import-leases';
import { ImportsService } from '../../src/imports/imports.service';
import { LedgerFactory } from '../factories/ledger';
import { createTestDatabase, TestDatabase } from '../utils/test-database';
import { startService } from '../utils/service-process';
import { ADMIN_TOKEN, TestApp, createTestApp, uploadCsv } from '../utils/test-app';

const SAMPLES = join(__dirname, '..', '..', 'samples');
const NOW = '2026-06-30T09:00:00.000Z';
/** Short leases: an import held longer than one lives only while its process renews it. */
const ENV = { IMPORT_LEASE_SECONDS: '2', IMPORT_LEASE_RENEW_SECONDS: '1' };

/** Imports owned through a lease: two processes on one database, a stopped owner, malformed and hopeless files. */
describe('import leases and CSV reading (e2e)', () => {
  let db: TestDatabase;
  let a: TestApp;
  let f: LedgerFactory;

  beforeAll(async () => {
    db = await createTestDatabase();
    a = await createTestApp({ now: NOW, database: db, env: ENV });
    f = await LedgerFactory.create(a);
  });
  afterAll(() => a.close());

  const upload = uploadCsv;

  const importRow = async (id: string) =>
    (await db.sql.query('SELECT state, owner_id, lease_expires_at > now() AS live, temp_path FROM imports WHERE id = $1', [id])).rows[0];

  /** Holds the queue of a project's imports, so that one stays RUNNING until released. */
  async function holdImportsOf(projectId: string): Promise<() => Promise<void>> {
    const client: PoolClient = await db.sql.connect();
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`import:${projectId}`]);
    return async () => {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`import:${projectId}`]);
      client.release();
    };
  }

  it('a second process starting leaves a running import running, answers 409 to the same file, and the import succeeds', async () => {
    const project = (await f.project()).id;
    const units = readFileSync(join(SAMPLES, 'units.csv'));
    const release = await holdImportsOf(project);
    let b: TestApp | undefined;
    try {
      const started = await upload(f.as.admin, project, 'units', units).expect(202);
      expect(started.body.state).toBe('RUNNING');
      const id = started.body.id as string;
      expect(await importRow(id)).toMatchObject({ state: 'RUNNING', owner_id: a.app.get(ImportLeases).ownerId, live: true });

      // Held past its 2 s lease, renewed by its process meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await importRow(id)).toMatchObject({ state: 'RUNNING', live: true });

      // A second process on the same database: its boot sweeps, and leaves a live owner's import alone.
      b = await createTestApp({ now: NOW, database: db, env: ENV });
      expect(b.app.get(ImportLeases).ownerId).not.toBe(a.app.get(ImportLeases).ownerId);
      expect(await b.app.get(ImportLeases).sweep()).toEqual([]);
      expect(await importRow(id)).toMatchObject({ state: 'RUNNING', live: true });

      // The same file again, to either process: 409 naming the import under way.
      for (const agent of [b.admin, f.as.admin]) {
        const again = await upload(agent, project, 'units', units).expect(409);
        expect(again.body).toEqual({ statusCode: 409, error: 'CONFLICT', message: `this file is being imported by import ${id}`, importId: id });
        expect(again.headers.location).toBe(`/api/imports/${id}`);
      }
    } finally {
      await release();
      await b?.app.close();
    }
    const [only] = (await db.sql.query('SELECT id FROM imports WHERE project_id = $1', [project])).rows;
    const done = await a.app.get(ImportsService).settle(only.id, 30_000);
    expect(done).toMatchObject({ state: 'SUCCEEDED', result: { unitsCreated: 5 } });
    expect((await importRow(only.id)).temp_path).toBeNull();
  });

  it('fails the import of a stopped owner once its lease ran out, logs it, removes its upload, and takes the file again', async () => {
    const project = (await f.project()).id;
    const csv = 'unitNo,unitType,saleableArea\nS-1,2BR,80.00\n';
    const sha = createHash('sha256').update(csv).digest('hex');
    // What a process that stopped mid-import leaves: its row, its lease, its upload.
    await mkdir(join(tmpdir(), 'ledger-imports'), { recursive: true });
    const tempPath = join(tmpdir(), 'ledger-imports', `${randomUUID()}.csv`);
    writeFileSync(tempPath, csv);
    const { rows } = await db.sql.query(
      `INSERT INTO imports (project_id, kind, content_sha256, filename, state, created_by, created_at, owner_id, owner_host, lease_expires_at, temp_path)
       VALUES ($1, 'units', $2, 'units.csv', 'RUNNING', 'admin', now(), $3, 'gone-host', now() + interval '30 seconds', $4) RETURNING id`,
      [project, sha, randomUUID(), tempPath],
    );
    const id = rows[0].id as string;
    const leases = a.app.get(ImportLeases);
    expect(await leases.sweep()).toEqual([]);

    await db.sql.query(`UPDATE imports SET lease_expires_at = now() - interval '1 second' WHERE id = $1`, [id]);
    // This sweep, or the periodic one of the process, fails it: once.
    await leases.sweep();
    expect((await a.admin.get(`/api/imports/${id}`).expect(200)).body).toMatchObject({ state: 'FAILED', failure: expect.stringContaining('owner stopped') });
    expect(existsSync(tempPath)).toBe(false);
    const log = await db.sql.query(`SELECT action, data FROM audit_log WHERE entity_type = 'import' AND entity_id = $1`, [id]);
    expect(log.rows).toEqual([{ action: 'import.failed', data: expect.objectContaining({ reason: 'owner stopped', ownerHost: 'gone-host' }) }]);
    expect(await leases.sweep()).toEqual([]);

    // Identical to a failed import: a new import.
    const retried = await upload(f.as.admin, project, 'units', csv).expect(201);
    expect(retried.body).toMatchObject({ state: 'SUCCEEDED', replayed: false });
    expect(retried.body.id).not.toBe(id);
  });

  it('an import failed by another process while its owner still ran it writes nothing when its owner comes to finish', async () => {
    const project = (await f.project()).id;
    const release = await holdImportsOf(project);
    let id: string;
    try {
      const started = await upload(f.as.admin, project, 'units', 'unitNo,unitType,saleableArea\nL-1,2BR,80.00\n').expect(202);
      id = started.body.id;
      // As if its owner had stalled past its lease and another process had swept it.
      await db.sql.query(`UPDATE imports SET owner_id = $2, lease_expires_at = now() - interval '1 second' WHERE id = $1`, [id, randomUUID()]);
      await a.app.get(ImportLeases).sweep();
    } finally {
      await release();
    }
    const after = await a.app.get(ImportsService).settle(id, 30_000);
    expect(after).toMatchObject({ state: 'FAILED', failure: expect.stringContaining('owner stopped') });
    expect((await a.admin.get(`/api/projects/${project}/units`).expect(200)).body.total).toBe(0);
  });

  it('takes a file whose earlier import lost its owner before any sweep came by', async () => {
    const project = (await f.project()).id;
    const csv = 'unitNo,unitType,saleableArea\nT-1,2BR,80.00\n';
    const sha = createHash('sha256').update(csv).digest('hex');
    const { rows } = await db.sql.query(
      `INSERT INTO imports (project_id, kind, content_sha256, state, created_by, created_at, owner_id, lease_expires_at)
       VALUES ($1, 'units', $2, 'QUEUED', 'admin', now(), $3, now() - interval '1 minute') RETURNING id`,
      [project, sha, randomUUID()],
    );
    const taken = await upload(f.as.admin, project, 'units', csv).expect(201);
    expect(taken.body.id).not.toBe(rows[0].id);
    expect((await importRow(rows[0].id)).state).toBe('FAILED');
  });

  it('names a malformed quoted cell by line and column, and still checks the other rows', async () => {
    const project = (await f.project()).id;
    const csv = [
      'unitNo,unitType,saleableArea',
      'A-1,2BR,80.00',
      'A-2,2B"R,80.00',
      'A-3,"3BR"x,90.00',
      'A-4,3BR,-1',
      'A-5,"3BR,90.00',
      'A-6,3BR,95.00',
    ].join('\n');
    const refused = await upload(f.as.admin, project, 'units', csv).expect(422);
    expect(refused.body.errors).toEqual([
      { line: 3, column: 'unitType', value: null, reason: expect.stringMatching(/^not valid CSV: a quote inside an unquoted cell.*\(column 2\)$/) },
      { line: 4, column: 'unitType', value: null, reason: expect.stringMatching(/^not valid CSV: text follows the closing quote.*\(column 2\)$/) },
      { line: 5, column: 'saleableArea', value: '-1', reason: expect.stringContaining('must be an area') },
      { line: 6, column: 'unitType', value: null, reason: expect.stringMatching(/^not valid CSV: a quoted cell is never closed.*\(column 2\)$/) },
    ]);
    expect(refused.body).toMatchObject({ errorCount: 4, errorsTruncated: false });
    expect((await a.admin.get(`/api/projects/${project}/units`).expect(200)).body.total).toBe(0);
  });

  it('stops reading a file at 1,000 problems and answers them, the rest unread', async () => {
    const project = (await f.project()).id;
    const rows = 150_000; // about 3 MiB, one problem a row
    const csv = `unitNo,unitType,saleableArea\n${Array.from({ length: rows }, (_, i) => `B-${i},2BR,x`).join('\n')}\n`;
    const refused = await upload(f.as.admin, project, 'units', csv).expect(422);
    expect(refused.body).toMatchObject({ state: 'REJECTED', errorCount: 1000, errorsTruncated: true });
    expect(refused.body.errors).toHaveLength(1000);
    expect(refused.body.errors[999]).toMatchObject({ line: 1001, column: 'saleableArea', value: 'x' });
    expect(refused.body.rowsTotal).toBeLessThan(rows);
  });

  it('answers 400 to an upload without a file', async () => {
    const project = (await f.project()).id;
    const url = `/api/projects/${project}/imports?kind=units`;
    const noBoundary = await f.as.admin.post(url).set('Content-Type', 'multipart/form-data').send('--x\r\n\r\n').expect(400);
    expect(noBoundary.body.message).toContain('without a boundary');
    const noField = await f.as.admin.post(url).field('other', 'value').expect(400);
    expect(noField.body.message).toContain('file is missing');
    const emptyPart = await f.as.admin.post(url).attach('file', Buffer.alloc(0), 'units.csv').expect(400);
    expect(emptyPart.body.message).toContain('file is empty');
    const empty = await upload(f.as.admin, project, 'units', '').expect(400);
    expect(empty.body.message).toContain('file is empty');
  });

  /**
   * The figures of a hopeless 100 MiB file sent to the service in a process of
   * its own: time to the 422 and the process's peak RSS (IMPORT_FIGURES=1).
   */
  (process.env.IMPORT_FIGURES === '1' ? it : it.skip)('figures: a 100 MiB file of bad rows is refused at its 1,000th problem', async () => {
    const figuresDb = await createTestDatabase();
    const service = await startService({ DATABASE_URL: figuresDb.url, ADMIN_TOKEN });
    const path = join(tmpdir(), `bad-rows-${process.pid}.csv`);
    try {
      const file = createWriteStream(path);
      file.write('unitNo,unitType,saleableArea\n');
      let written = 0;
      for (let i = 0; written < 100 * 1024 * 1024; i += 1) {
        const line = `BAD-${i},2BR,not-an-area\n`;
        written += line.length;
        if (!file.write(line)) await once(file, 'drain');
      }
      file.end();
      await once(file, 'finish');
      const headers = { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' };
      const project = await (await fetch(`${service.baseUrl}/api/projects`, {
        method: 'POST', headers, body: JSON.stringify({ code: 'FIG-1', name: 'Figures', currency: 'CNY' }),
      })).json() as { id: string };
      const rssBefore = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${service.pid}/status`, 'utf8'))![1]);
      const started = Date.now();
      const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const url = new URL(`${service.baseUrl}/api/projects/${project.id}/imports?kind=units`);
        const req = httpRequest(url, { method: 'POST', headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'text/csv' } }, (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        });
        req.on('error', reject);
        createReadStream(path).pipe(req);
      });
      const seconds = (Date.now() - started) / 1000;
      const peakKiB = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${service.pid}/status`, 'utf8'))![1]);
      const answer = JSON.parse(body) as { errorCount: number; errorsTruncated: boolean; rowsTotal: number };
      const figures = {
        fileMiB: +(statSync(path).size / 1024 / 1024).toFixed(1), status, seconds, errorCount: answer.errorCount, errorsTruncated: answer.errorsTruncated,
        rowsRead: answer.rowsTotal, peakRssMiBBefore: +(rssBefore / 1024).toFixed(1), peakRssMiB: +(peakKiB / 1024).toFixed(1),
      };
      writeFileSync(join(tmpdir(), 'import-figures.json'), JSON.stringify(figures, null, 2));
      console.log('import figures', figures);
      expect(figures).toMatchObject({ status: 422, errorCount: 1000, errorsTruncated: true });
    } finally {
      await service.stop();
      await figuresDb.drop();
      await import('node:fs/promises').then((fs) => fs.rm(path, { force: true }));
    }
  }, 300_000);
});
