import 'reflect-metadata';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { configureApp, createHttpAdapter } from '../../src/app.setup';
import { ROLES, Role } from '../../src/common/auth/role';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { ROUTES } from '../utils/route-table';
import { ADMIN_TOKEN, FaultDatabase, countBy, figure, newDatabase, serviceEnv } from './harness';

const SOME_ID = '00000000-0000-4000-8000-000000000000';

/** Every method and path given to the router from now on, as `GET /api/x/{id}` (read by routerRoutes). */
function recordRoutes(app: NestFastifyApplication): string[] {
  const routes: string[] = [];
  app.getHttpAdapter().getInstance().addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push(`${method} ${route.url.replace(/:(\w+)/g, '{$1}')}`);
  });
  return routes;
}

/** What the router itself serves: every method and path of the Fastify router, as `GET /api/x/{id}`. */
let recorded: string[] = [];
function routerRoutes(_app: NestFastifyApplication): string[] {
  return recorded
    // Fastify answers HEAD on every GET route by a route of its own; the docs and the console's files are not API routes.
    .filter((route) => !route.startsWith('HEAD ') && !route.includes('/api/docs') && !route.includes(' /console'));
}

type TokenState = 'none' | 'empty bearer' | 'basic scheme' | 'unknown token' | 'altered token' | Role;

/** Every route of the router × every role and token state: 401 without a valid token, 403 for a role not allowed, and nothing written either way. */
describe('route × role × token state, from the router', () => {
  let db: FaultDatabase;
  let app: NestFastifyApplication;
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    db = await newDatabase('routes');
    const config = loadConfig({ ...serviceEnv(db), LOG_LEVEL: 'silent' });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).overrideProvider(AppConfig).useValue(config).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(), { bodyParser: false, logger: false });
    recorded = recordRoutes(app);
    await configureApp(app);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    for (const role of ROLES) {
      tokens[role] = role === 'admin' ? ADMIN_TOKEN
        : (await request(app.getHttpServer()).post('/api/users').set('Authorization', `Bearer ${ADMIN_TOKEN}`).send({ name: `${role} user`, role }).expect(201)).body.token;
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  it('lists in the route table exactly the routes the router serves', () => {
    expect([...new Set(routerRoutes(app))].sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it('admits each route only with a valid token of an allowed role, and writes nothing when it refuses', async () => {
    const states: TokenState[] = ['none', 'empty bearer', 'basic scheme', 'unknown token', 'altered token', ...ROLES];
    const header = (state: TokenState): string | undefined => {
      switch (state) {
        case 'none': return undefined;
        case 'empty bearer': return 'Bearer ';
        case 'basic scheme': return `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}`;
        case 'unknown token': return 'Bearer 0123456789abcdef0123456789abcdef';
        case 'altered token': return `Bearer ${tokens.clerk.slice(0, -1)}${tokens.clerk.endsWith('a') ? 'b' : 'a'}`;
        default: return `Bearer ${tokens[state]}`;
      }
    };
    const wrong: string[] = [];
    const outcomes: string[] = [];
    const before = await db.count('audit_log');
    for (const route of routerRoutes(app)) {
      const allowed = ROUTES[route];
      const [method, template] = route.split(' ');
      const url = template.replace(/\{[^}]+\}/g, SOME_ID);
      for (const state of states) {
        const call = request(app.getHttpServer())[method.toLowerCase() as 'get' | 'post' | 'patch'](url);
        const value = header(state);
        if (value !== undefined) call.set('Authorization', value);
        let status: number;
        try {
          ({ status } = method === 'GET' ? await call : await call.send({}));
        } catch (error) {
          wrong.push(`${route} with ${state}: ${String(error)}`);
          continue;
        }
        const expected = allowed === 'public' ? 'admitted'
          : !(ROLES as readonly string[]).includes(state) ? 'unauthenticated'
          : allowed?.includes(state as Role) ? 'admitted' : 'refused';
        const got = status === 401 ? 'unauthenticated' : status === 403 ? 'refused' : status >= 500 ? `server error ${status}` : 'admitted';
        outcomes.push(got);
        if (got !== expected) wrong.push(`${route} with ${state}: expected ${expected}, got ${status}`);
      }
    }
    const after = await db.count('audit_log');
    figure('route × role × token state', 'routes × states', `${routerRoutes(app).length} × ${states.length} = ${outcomes.length} requests`);
    figure('route × role × token state', 'outcomes', JSON.stringify(countBy(outcomes, (o) => o)));
    figure('route × role × token state', 'wrong outcomes / audit-log entries written', `${wrong.length} / ${after - before}`);
    expect(wrong).toEqual([]);
    expect(after).toBe(before);
  });
});
