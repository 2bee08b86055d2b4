import { Writable } from 'node:stream';
import { setLogDestination } from '../../src/common/edge/logging';
import { rawRequest } from '../utils/raw-http';
import { ADMIN_TOKEN, TestApp, createTestApp } from '../utils/test-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('edge protection (e2e)', () => {
  describe('headers, request ids and slow bodies', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ env: { BODY_TIMEOUT_MS: '300' } });
    });
    afterAll(() => t.close());

    it('sends security headers and no-store on API answers, the token-bearing ones included', async () => {
      const response = await t.admin.post('/api/users').send({ name: 'Head Clerk', role: 'clerk' }).expect(201);
      expect(response.body.token).toEqual(expect.any(String));
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBeDefined();
      expect(response.headers['strict-transport-security']).toBeDefined();
      expect(response.headers['x-powered-by']).toBeUndefined();
      expect((await t.admin.get('/api/projects').expect(200)).headers['cache-control']).toBe('no-store');
    });

    it('echoes a sane X-Request-Id, in the header and in the error body', async () => {
      const response = await t.http().get('/api/projects').set('X-Request-Id', 'client-42.a:b_c').expect(401);
      expect(response.headers['x-request-id']).toBe('client-42.a:b_c');
      expect(response.body).toMatchObject({ error: 'UNAUTHENTICATED', requestId: 'client-42.a:b_c' });
    });

    it.each([['with spaces'], ['x'.repeat(129)], ['<script>'], ['']])('replaces an X-Request-Id %j by a UUID', async (given) => {
      const response = await t.http().get('/api/nothing').set('X-Request-Id', given).expect(404);
      expect(response.headers['x-request-id']).toMatch(UUID);
      expect(response.body.requestId).toBe(response.headers['x-request-id']);
    });

    it('gives a request without an id a fresh UUID', async () => {
      const first = await t.admin.get('/api/projects').expect(200);
      const second = await t.admin.get('/api/projects').expect(200);
      expect(first.headers['x-request-id']).toMatch(UUID);
      expect(second.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
    });

    it('answers a body that trickles in slower than BODY_TIMEOUT_MS with a 408 and closes the connection', async () => {
      const before = (await t.db.sql.query('SELECT count(*)::int AS n FROM projects')).rows[0].n;
      const body = JSON.stringify({ code: 'SLOW-1', name: 'Slow', currency: 'CNY' });
      const started = Date.now();
      const response = await rawRequest(t.app, {
        path: '/api/projects',
        headers: { 'Content-Type': 'application/json', 'Content-Length': String(body.length), Authorization: `Bearer ${ADMIN_TOKEN}` },
        chunks: body.split(''),
        delayMs: 100,
      });
      expect(response.status).toBe(408);
      expect(response.body).toMatchObject({ statusCode: 408, error: 'REQUEST_TIMEOUT', requestId: expect.any(String) });
      expect(Date.now() - started).toBeLessThan(3000);
      await response.socketClosed;
      expect((await t.db.sql.query('SELECT count(*)::int AS n FROM projects')).rows[0].n).toBe(before);
    });

    it('answers a CSV upload that stalls for BODY_TIMEOUT_MS with a 408, closes the connection and imports nothing', async () => {
      const project = (await t.admin.post('/api/projects').send({ code: 'STALL-1', name: 'Stalled upload', currency: 'CNY' }).expect(201)).body;
      const csv = 'unitNo,unitType,saleableArea\nS-1,2BR,80.00\nS-2,2BR,81.00\n';
      const started = Date.now();
      const response = await rawRequest(t.app, {
        path: `/api/projects/${project.id}/imports?kind=units`,
        headers: { 'Content-Type': 'text/csv', 'Content-Length': String(csv.length), Authorization: `Bearer ${ADMIN_TOKEN}` },
        chunks: [csv.slice(0, 20), csv.slice(20)],
        delayMs: 1500,
      });
      expect(response.status).toBe(408);
      expect(response.body).toMatchObject({ error: 'REQUEST_TIMEOUT', message: expect.stringContaining('stalled') });
      expect(Date.now() - started).toBeLessThan(1400);
      await response.socketClosed;
      expect((await t.db.sql.query('SELECT count(*)::int AS n FROM imports WHERE project_id = $1', [project.id])).rows[0].n).toBe(0);
    });

    it('takes a CSV upload that arrives in pieces, each sooner than BODY_TIMEOUT_MS after the last, however long it takes in all', async () => {
      const project = (await t.admin.post('/api/projects').send({ code: 'TRICKLE-1', name: 'Trickled upload', currency: 'CNY' }).expect(201)).body;
      const csv = 'unitNo,unitType,saleableArea\nT-1,2BR,80.00\nT-2,2BR,81.00\n';
      const response = await rawRequest(t.app, {
        path: `/api/projects/${project.id}/imports?kind=units`,
        headers: { 'Content-Type': 'text/csv', 'Content-Length': String(csv.length), Authorization: `Bearer ${ADMIN_TOKEN}` },
        chunks: csv.match(/.{1,6}/gs)!,
        delayMs: 100,
      });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ state: 'SUCCEEDED', rowsDone: 2 });
    });

    it('still takes a body sent in a few quick pieces', async () => {
      const body = JSON.stringify({ code: 'QUICK-1', name: 'Quick', currency: 'CNY' });
      const response = await rawRequest(t.app, {
        path: '/api/projects',
        headers: { 'Content-Type': 'application/json', 'Content-Length': String(body.length), Authorization: `Bearer ${ADMIN_TOKEN}` },
        chunks: [body.slice(0, 10), body.slice(10, 20), body.slice(20)],
        delayMs: 20,
      });
      expect(response.status).toBe(201);
    });

    it('serves /health/live and /health/ready without a token', async () => {
      expect((await t.http().get('/health/live').expect(200)).body).toEqual({ status: 'ok' });
      expect((await t.http().get('/health/ready').expect(200)).body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
    });
  });

  describe('rate limits', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '5', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '12' } });
    });
    afterAll(() => t.close());

    it('answers a token over its limit with a 429, Retry-After and the usual error body; another token is not held back', async () => {
      const clerk = await t.tokenFor('clerk');
      for (let i = 0; i < 5; i++) await t.as(clerk).get('/api/projects').expect(200);
      const refused = await t.as(clerk).get('/api/projects').expect(429);
      expect(refused.body).toMatchObject({ statusCode: 429, error: 'RATE_LIMITED', message: expect.stringContaining('per token'), requestId: expect.any(String) });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      const auditor = await t.tokenFor('auditor');
      await t.as(auditor).get('/api/projects').expect(200);
    });

    it('answers an address over its limit with a 429, whatever token it uses; health stays open', async () => {
      let status = 0;
      for (let i = 0; i < 20 && status !== 429; i++) status = (await t.http().get('/api/projects')).status;
      expect(status).toBe(429);
      const refused = await t.http().get('/api/projects').expect(429);
      expect(refused.body.message).toContain('per client address');
      expect(refused.headers['retry-after']).toBeDefined();
      await t.http().get('/health/live').expect(200);
    });
  });

  describe('log safety', () => {
    let t: TestApp;
    const lines: string[] = [];
    beforeAll(async () => {
      setLogDestination(
        new Writable({
          write(chunk: Buffer, _encoding, done) {
            lines.push(...chunk.toString().split('\n').filter(Boolean));
            done();
          },
        }),
      );
      t = await createTestApp({ env: { LOG_LEVEL: 'info' } });
    });
    afterAll(async () => {
      setLogDestination(undefined);
      await t.close();
    });

    it('logs a forced 500 without the id number, phone, bank account or token it was sent', async () => {
      await t.db.sql.query(`
        CREATE FUNCTION refuse_party() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'forced failure'; END $$;
        CREATE TRIGGER refuse_party BEFORE INSERT ON parties FOR EACH ROW EXECUTE FUNCTION refuse_party();`);
      const secrets = { idNumber: '440301199001011234', phone: '+8613800138000', bankAccount: '6222020200112233445' };
      const response = await t.admin
        .post('/api/parties')
        .set('X-Request-Id', 'forced-500')
        .send({ kind: 'PERSON', name: 'Buyer Chen', ...secrets })
        .expect(500);
      expect(response.body).toMatchObject({ error: 'INTERNAL_ERROR', requestId: 'forced-500', correlationId: expect.any(String) });
      await new Promise((r) => setTimeout(r, 50));
      const logged = lines.join('\n');
      expect(logged).toContain(response.body.correlationId);
      expect(logged).toContain('forced-500');
      for (const secret of [...Object.values(secrets), ADMIN_TOKEN, '13800138000']) expect(logged).not.toContain(secret);
      await t.db.sql.query('DROP TRIGGER refuse_party ON parties; DROP FUNCTION refuse_party()');
    });
  });
});
