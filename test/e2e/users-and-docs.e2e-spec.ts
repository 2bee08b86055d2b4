import { createHash } from 'node:crypto';
import { AdminBootstrap } from '../../src/users/admin-bootstrap';
import { TestApp, createTestApp } from '../utils/test-app';

describe('users, tokens, health and API docs (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('shows a new user’s token once and stores only its hash', async () => {
    const created = await t.admin.post('/api/users').send({ name: 'Chen Jing', role: 'finance' }).expect(201);
    expect(created.body).toMatchObject({ name: 'Chen Jing', role: 'finance', token: expect.stringMatching(/^[\w-]{43}$/) });
    const { rows } = await t.db.sql.query('SELECT token_hash FROM users WHERE id = $1', [created.body.id]);
    expect(rows[0].token_hash).toBe(createHash('sha256').update(created.body.token).digest('hex'));
    const listed = await t.admin.get('/api/users').expect(200);
    const again = listed.body.items.find((u: { id: string }) => u.id === created.body.id);
    expect(again).toEqual({ id: created.body.id, name: 'Chen Jing', role: 'finance', createdAt: expect.any(String) });
    await t.as(created.body.token).get('/api/projects').expect(200);
  });

  it('makes the configured admin once, however often the service starts', async () => {
    await t.app.get(AdminBootstrap).onApplicationBootstrap();
    const { rows } = await t.db.sql.query(`SELECT count(*)::int AS n FROM users WHERE role = 'admin'`);
    expect(rows[0].n).toBe(1);
  });

  it('answers /health with the database status', async () => {
    const health = await t.http().get('/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('publishes the OpenAPI document with examples, and its UI', async () => {
    const document = await t.http().get('/api/docs-json').expect(200);
    expect(document.body.openapi).toMatch(/^3\./);
    expect(document.body.paths['/api/projects'].post).toBeDefined();
    expect(JSON.stringify(document.body.components.schemas.CreateUnitDto)).toContain('89.50');
    const ui = await t.http().get('/api/docs').redirects(1).expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('resolves every schema reference of the OpenAPI document', async () => {
    const document = (await t.http().get('/api/docs-json').expect(200)).body;
    const references = new Set<string>();
    JSON.stringify(document, (key, value) => {
      if (key === '$ref') references.add(value);
      return value;
    });
    expect(references.size).toBeGreaterThan(10);
    const dangling = [...references].filter((ref) => !document.components.schemas[ref.replace('#/components/schemas/', '')]);
    expect(dangling).toEqual([]);
  });
});
