import fc from 'fast-check';
import { BodyCase, WriteContext, WriteRoute, hostileBody, mutatedBody, prepareWriteContext, writeRoutes } from './hostile-bodies';
import { ROUTES } from './route-table';
import { TestApp, createTestApp } from './test-app';
import { TestDatabase } from './test-database';

const WRITE_ROUTES = Object.keys(ROUTES).filter((r) => /^(POST|PUT|PATCH) /.test(r)).sort();

export interface HostileTally {
  sent: number;
  serverErrors: number;
  validAccepted: number;
  routes: number;
}

/**
 * Property-based hostile bodies on every write route of the route table, `runs`
 * of each kind (hostile, mutated) per route: never a 5xx; an invalid body is a
 * 4xx naming a problem and changes no table's row count. The quick suite runs
 * it briefly, the fault suite at length on its own cluster.
 */
export function describeHostileInput(
  title: string,
  options: { runs: number; database?: () => Promise<TestDatabase>; done?: (tally: HostileTally) => void },
): void {
  const RUNS = options.runs;
  describe(title, () => {
    let t: TestApp;
    let context: WriteContext;
    let routes: WriteRoute[];
    let tables: string[];
    const tally: HostileTally = { sent: 0, serverErrors: 0, validAccepted: 0, routes: WRITE_ROUTES.length };

    beforeAll(async () => {
      t = await createTestApp({ database: options.database ? await options.database() : undefined });
      context = await prepareWriteContext(t);
      routes = writeRoutes(context);
      tables = (await t.db.sql.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).rows.map((r) => r.tablename);
    }, 60_000);
    afterAll(async () => {
      process.stdout.write(`hostile input: ${JSON.stringify(tally)}\n`);
      options.done?.(tally);
      await t.close();
    });

    async function rowCounts(): Promise<Record<string, number>> {
      const sql = tables.map((name) => `SELECT '${name}' AS name, count(*)::int AS n FROM "${name}"`).join(' UNION ALL ');
      return Object.fromEntries((await t.db.sql.query(sql)).rows.map((r) => [r.name, r.n]));
    }

    function send(route: WriteRoute, body: BodyCase) {
      tally.sent++;
      return t.as(route.token)[route.method](route.path).set('Content-Type', 'application/json').send(body.text);
    }

    it('covers every write route of the route table', () => {
      expect(routes.map((r) => r.route).sort()).toEqual(WRITE_ROUTES);
    });

    it.each(['POST /api/users', 'POST /api/projects', 'POST /api/sales/{saleId}/payments', 'POST /api/parties', 'POST /api/audit-flags/{id}/reviews'])(
      'takes the example body of %s (so refusals below are about the hostile part)',
      async (name) => {
        const route = routes.find((r) => r.route === name)!;
        const response = await send(route, { text: JSON.stringify(route.example()), what: 'example', valid: true });
        expect([200, 201]).toContain(response.status);
      },
    );

    describe.each(['hostile', 'mutated'] as const)('%s bodies', (kind) => {
      it.each(WRITE_ROUTES)('%s: never a 5xx; an invalid body is a 4xx naming a problem and writes nothing', async (name) => {
        const route = routes.find((r) => r.route === name);
        if (!route) throw new Error(`no example for ${name}`);
        const arbitrary = kind === 'hostile' ? hostileBody(route) : mutatedBody(route);
        // Valid mutations write: they are checked one by one; the row counts are compared over the invalid ones.
        let before = await rowCounts();
        await fc.assert(
          fc.asyncProperty(arbitrary, async (body) => {
            const response = await send(route, body);
            const where = `${route.route} with ${body.what}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`;
            if (response.status >= 500) tally.serverErrors++;
            expect({ where, serverError: response.status >= 500 }).toEqual({ where, serverError: false });
            if (body.valid) {
              expect({ where, status: [200, 201].includes(response.status) }).toEqual({ where, status: true });
              tally.validAccepted++;
              before = await rowCounts();
              return;
            }
            expect({ where, clientError: response.status >= 400 && response.status < 500 }).toEqual({ where, clientError: true });
            expect({ where, error: response.body?.error }).toEqual({ where, error: expect.stringMatching(/^(?!ROUTE_NOT_FOUND|UNAUTHENTICATED|FORBIDDEN)[A-Z_]+$/) });
            expect(response.body.message).toEqual(expect.any(String));
          }),
          { numRuns: RUNS, endOnFailure: true },
        );
        expect(await rowCounts()).toEqual(before);
      }, Math.max(120_000, RUNS * 600));
    });
  });
}
