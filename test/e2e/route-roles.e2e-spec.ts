import { buildOpenApiDocument } from '../../src/common/openapi/openapi-document';
import { ROLES, Role } from '../../src/common/auth/role';
import { ROUTES } from '../utils/route-table';
import { TestApp, createTestApp } from '../utils/test-app';

const SOME_ID = '00000000-0000-4000-8000-000000000000';

describe('every route × every role (e2e)', () => {
  let t: TestApp;
  const tokens = {} as Record<Role, string>;
  let documented: string[];

  beforeAll(async () => {
    t = await createTestApp();
    for (const role of ROLES) tokens[role] = await t.tokenFor(role);
    const document = buildOpenApiDocument(t.app);
    documented = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m)).map((m) => `${m.toUpperCase()} ${path}`),
    );
  });
  afterAll(() => t.close());

  it('lists exactly the routes the service has', () => {
    expect([...documented].sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it.each(Object.entries(ROUTES))('%s admits exactly its roles', async (route, allowed) => {
    const [method, template] = route.split(' ');
    const url = template.replace(/\{[^}]+\}/g, SOME_ID);
    const call = (token?: string) => {
      const request = t.http()[method.toLowerCase() as 'get' | 'post' | 'patch'](url);
      if (token) request.set('Authorization', `Bearer ${token}`);
      return method === 'POST' || method === 'PATCH' ? request.send({}) : request;
    };
    const before = (await t.db.sql.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n;
    if (allowed === 'public') {
      expect((await call()).status).toBe(200);
      return;
    }
    expect((await call()).status).toBe(401);
    const outcomes: Record<string, string> = {};
    for (const role of ROLES) {
      const status = (await call(tokens[role])).status;
      outcomes[role] = status === 403 ? 'refused' : status === 401 ? 'unauthenticated' : 'admitted';
    }
    const expected = Object.fromEntries(ROLES.map((role) => [role, allowed.includes(role) ? 'admitted' : 'refused']));
    expect(outcomes).toEqual(expected);
    expect((await t.db.sql.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n).toBe(before);
  });
});
