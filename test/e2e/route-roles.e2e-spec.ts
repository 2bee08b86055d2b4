import { buildOpenApiDocument } from '../../src/app.setup';
import { ROLES, Role } from '../../src/common/auth/role';
import { TestApp, createTestApp } from '../utils/test-app';

const ANY: readonly Role[] = ROLES;

/**
 * Every route of the service and the roles allowed on it. The test fails when
 * a route exists that is not listed here, so a new route cannot go unchecked.
 */
const ROUTES: Record<string, readonly Role[] | 'public'> = {
  'GET /health': 'public',
  'POST /api/users': ['admin'],
  'GET /api/users': ['admin'],
  'POST /api/projects': ['admin'],
  'GET /api/projects': ANY,
  'GET /api/projects/{id}': ANY,
  'PATCH /api/projects/{id}/settings': ['admin'],
  'POST /api/projects/{projectId}/units': ['admin'],
  'GET /api/projects/{projectId}/units': ANY,
  'POST /api/projects/{projectId}/price-lists': ['admin'],
  'GET /api/projects/{projectId}/price-lists': ANY,
  'GET /api/projects/{projectId}/price-lists/{priceListId}': ANY,
  'POST /api/projects/{projectId}/market-prices': ['admin', 'auditor'],
  'GET /api/projects/{projectId}/market-prices': ANY,
  'POST /api/parties': ['clerk', 'auditor', 'admin'],
  'GET /api/parties': ANY,
  'GET /api/parties/{id}': ANY,
  'POST /api/parties/{id}/relations': ['auditor', 'admin'],
  'GET /api/parties/{id}/relations': ANY,
  'POST /api/sales': ['clerk'],
  'GET /api/sales': ANY,
  'GET /api/sales/{id}': ANY,
  'POST /api/sales/{id}/handover': ['clerk'],
  'POST /api/sales/{id}/cancellation': ['clerk'],
  'POST /api/sales/{saleId}/payments': ['finance'],
  'POST /api/sales/{saleId}/payments/{paymentId}/reversal': ['finance'],
  'POST /api/sales/{saleId}/refunds': ['finance'],
  'POST /api/projects/{projectId}/audit-runs': ['auditor'],
  'GET /api/audit-flags': ANY,
  'GET /api/audit-flags/{id}': ANY,
  'POST /api/audit-flags/{id}/reviews': ['auditor'],
  'POST /api/projects/{projectId}/liquidation-reports': ['auditor'],
  'GET /api/projects/{projectId}/liquidation-reports': ANY,
  'GET /api/projects/{projectId}/liquidation-reports/{reportId}': ANY,
  'GET /api/portfolio/summary': ANY,
  'POST /api/projects/{projectId}/imports': ['admin', 'clerk', 'finance'],
  'GET /api/projects/{projectId}/imports': ANY,
  'GET /api/imports/{id}': ANY,
  'GET /api/audit-log': ['auditor', 'admin'],
  'GET /api/audit-log/verify': ['auditor', 'admin'],
};

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
