import 'reflect-metadata';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { configureApp, createHttpAdapter } from '../../src/app.setup';
import { Role } from '../../src/common/auth/role';
import { Clock, FixedClock } from '../../src/common/time/clock';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { TestDatabase, createTestDatabase } from './test-database';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';
export const DEFAULT_NOW = '2026-06-30T09:00:00.000Z';

export interface TestApp {
  app: NestFastifyApplication;
  db: TestDatabase;
  clock: FixedClock;
  /** supertest against the app; `as(token)` adds the bearer header. */
  http(): ReturnType<typeof request>;
  as(token: string): AuthorisedAgent;
  admin: AuthorisedAgent;
  /** Creates a user of that role through the API and returns its token. */
  tokenFor(role: Role, name?: string): Promise<string>;
  close(): Promise<void>;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type AuthorisedAgent = Record<Method, (url: string) => request.Test>;

/** Sends a CSV file to a project's import route, as the import clients do. */
export function uploadCsv(agent: AuthorisedAgent, projectId: string, kind: string, csv: string | Buffer): request.Test {
  return agent.post(`/api/projects/${projectId}/imports?kind=${kind}`).set('Content-Type', 'text/csv').send(Buffer.from(csv));
}

function agent(server: Parameters<typeof request>[0], token: string): AuthorisedAgent {
  const make = (method: Method) => (url: string) => request(server)[method](url).set('Authorization', `Bearer ${token}`);
  return { get: make('get'), post: make('post'), put: make('put'), patch: make('patch'), delete: make('delete') };
}

/**
 * The real application on a fresh PostgreSQL database of its own, with a pinned clock;
 * or on `database`, made by the test (it migrates it to the end as it starts, and drops it on close).
 * It connects as the service's role (db.serviceUrl) and migrates as the owner (db.url), as deployed.
 */
export async function createTestApp(options: { now?: string; env?: Record<string, string>; database?: TestDatabase } = {}): Promise<TestApp> {
  const db = options.database ?? (await createTestDatabase());
  const clock = new FixedClock(new Date(options.now ?? DEFAULT_NOW));
  const config = loadConfig({
    DATABASE_URL: db.serviceUrl, MIGRATION_DATABASE_URL: db.url, ADMIN_TOKEN, LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '0', ...options.env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(), { bodyParser: false, logger: false });
  await configureApp(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const server = app.getHttpServer();
  const admin = agent(server, ADMIN_TOKEN);
  return {
    app,
    db,
    clock,
    http: () => request(server),
    as: (token) => agent(server, token),
    admin,
    async tokenFor(role, name = `${role} user`) {
      const response = await admin.post('/api/users').send({ name, role }).expect(201);
      return response.body.token as string;
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
