import { Server, Socket, createConnection, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { isDatabaseUnavailable } from '../../src/common/edge/outage';
import { TestApp, createTestApp } from '../utils/test-app';
import { TestDatabase, createTestDatabase } from '../utils/test-database';

/** A TCP relay to PostgreSQL that the test can cut (refusing connections), blackhole (accepting, never answering) or restore. */
class DatabaseRelay {
  private server: Server = createServer();
  private readonly sockets = new Set<Socket>();
  mode: 'up' | 'blackhole' = 'up';
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<void> {
    this.server = createServer((client) => {
      this.sockets.add(client);
      client.once('close', () => this.sockets.delete(client));
      client.on('error', () => undefined);
      if (this.mode === 'blackhole') return;
      const upstream = createConnection(this.target);
      this.sockets.add(upstream);
      upstream.once('close', () => this.sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Nothing listens any more and every open connection is cut: the database looks down. */
  async cut(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}

describe('database outages (e2e)', () => {
  let db: TestDatabase;
  let relay: DatabaseRelay;
  let t: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    const url = new URL(db.url);
    relay = new DatabaseRelay({ host: url.hostname, port: Number(url.port || 5432) });
    await relay.start();
    url.port = String(relay.port);
    t = await createTestApp({ database: db, env: { DATABASE_URL: url.toString() } });
  });
  afterAll(async () => {
    await relay.cut().catch(() => undefined);
    await t.close();
  });

  const project = (code: string) => ({ code, name: `Project ${code}`, currency: 'CNY' });

  it('answers reads and writes with 503 and Retry-After while the database is down, and recovers without a restart', async () => {
    await t.admin.post('/api/projects').send(project('UP-1')).expect(201);
    await relay.cut();

    const read = await t.admin.get('/api/projects').expect(503);
    expect(read.headers['retry-after']).toBe('5');
    expect(read.body).toMatchObject({ statusCode: 503, error: 'SERVICE_UNAVAILABLE', requestId: expect.any(String) });
    const write = await t.admin.post('/api/projects').send(project('DOWN-1')).expect(503);
    expect(write.headers['retry-after']).toBe('5');
    expect(write.body.error).toBe('SERVICE_UNAVAILABLE');
    await t.http().get('/health/live').expect(200);
    const ready = await t.http().get('/health/ready').expect(503);
    expect(ready.body.error).toBe('SERVICE_UNAVAILABLE');

    await relay.start();
    await t.http().get('/health/ready').expect(200);
    await t.admin.post('/api/projects').send(project('UP-2')).expect(201);
    const codes = (await t.admin.get('/api/projects').expect(200)).body.items.map((p: { code: string }) => p.code);
    expect(codes).toEqual(expect.arrayContaining(['UP-1', 'UP-2']));
    expect(codes).not.toContain('DOWN-1');
  }, 30_000);

  it('answers 503 within the connection timeout when the database accepts connections but never answers', async () => {
    await relay.cut();
    relay.mode = 'blackhole';
    await relay.start();
    const started = Date.now();
    const response = await t.admin.get('/api/projects');
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(Date.now() - started).toBeLessThan(9_000);
    await relay.cut();
    relay.mode = 'up';
    await relay.start();
    await t.admin.get('/api/projects').expect(200);
  }, 30_000);

  it('answers 200/201 or 503, never 500, while the app’s connections are terminated under load, then recovers', async () => {
    const statuses: number[] = [];
    let running = true;
    let n = 0;
    const worker = async () => {
      while (running) {
        const i = n++;
        const response = i % 2 === 0
          ? await t.admin.get('/api/projects')
          : await t.admin.post('/api/projects').send(project(`LOAD-${i}`));
        statuses.push(response.status);
      }
    };
    const workers = Array.from({ length: 4 }, worker);
    const name = new URL(db.url).pathname.slice(1);
    for (let round = 0; round < 5; round++) {
      await new Promise((r) => setTimeout(r, 150));
      // Waiting for each backend to end (up to 5 s): its connection's end has reached the app before the checks below, as after a real restart.
      await db.sql.query('SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
    }
    running = false;
    await Promise.all(workers);
    expect(statuses.length).toBeGreaterThan(10);
    expect(statuses.filter((s) => ![200, 201, 503].includes(s))).toEqual([]);
    for (let i = 0; i < 5; i++) await t.admin.get('/api/projects').expect(200);
    await t.admin.post('/api/projects').send(project('AFTER-1')).expect(201);
  }, 60_000);
});

describe('isDatabaseUnavailable', () => {
  const withName = (name: string) => Object.assign(new Error('x'), { name });
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })],
    ['a reset', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['EPIPE', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })],
    ['ETIMEDOUT', Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' })],
    ['SQLSTATE 08006', Object.assign(new Error('connection failure'), { code: '08006' })],
    ['admin shutdown 57P01', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['crash shutdown 57P02', Object.assign(new Error('crash'), { code: '57P02' })],
    ['cannot connect now 57P03', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ['Connection terminated', new Error('Connection terminated')],
    ['Connection terminated unexpectedly', new Error('Connection terminated unexpectedly')],
    ['a pool timeout', new Error('timeout exceeded when trying to connect')],
    ['a broken client', new Error('Client has encountered a connection error and is not queryable')],
    ['a released query runner', withName('QueryRunnerAlreadyReleasedError')],
    ['a released provider', withName('QueryRunnerProviderAlreadyReleasedError')],
    ['a wrapped driver error', Object.assign(new Error('Query failed'), { name: 'QueryFailedError', driverError: Object.assign(new Error('x'), { code: '57P01' }) })],
    ['a cause', new Error('outer', { cause: Object.assign(new Error('inner'), { code: 'ECONNREFUSED' }) })],
    ['an AggregateError', new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' })])],
  ])('recognises %s', (_, error) => expect(isDatabaseUnavailable(error)).toBe(true));

  it.each([
    ['a unique violation', Object.assign(new Error('duplicate key'), { code: '23505' })],
    ['a plain error', new Error('boom')],
    ['a string', 'ECONNREFUSED'],
    ['null', null],
  ])('does not take %s for an outage', (_, error) => expect(isDatabaseUnavailable(error)).toBe(false));
});
