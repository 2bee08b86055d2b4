import { setTimeout as delay } from 'node:timers/promises';
import { ServiceProcess } from '../../scripts/child-process';
import { Answer, Api, FaultDatabase, Ledger, countBy, figure, median, newDatabase, party, pool, seedLedger, startLedger, unit } from './harness';

const SECONDS = Number(process.env.MIXED_LOAD_SECONDS ?? 60);
/** Requests per minute a token may make while the load runs. */
const LIMIT_PER_TOKEN = 300;
/** Paced lanes stay under the limit: one step (at most two requests) per this many milliseconds at most. */
const PACE_MS = Math.ceil(60_000 / (LIMIT_PER_TOKEN * 0.7)) * 2;

interface Outcome {
  lane: string;
  route: string;
  status: number;
  ms: number;
  retryAfter: string | null;
}

/**
 * A minute of mixed work by every role at once — sales, payments, reviews,
 * reports, reads — with a rate limit in force: no 5xx, the invariants hold,
 * and a token that goes past its limit is answered 429 with Retry-After.
 */
describe('mixed load with rate limits', () => {
  let db: FaultDatabase;
  let service: ServiceProcess | undefined;
  const outcomes: Outcome[] = [];
  let unitIds: string[] = [];
  let buyers: string[] = [];
  let laneTokens: Record<'clerk' | 'finance' | 'auditor', string[]>;
  let greedyToken: string;
  let projectId: string;

  beforeAll(async () => {
    db = await newDatabase('mixed');
    const seeding = await startLedger(db);
    try {
      const l: Ledger = await seedLedger(seeding.baseUrl);
      projectId = l.projectId;
      unitIds = await pool(Array.from({ length: 1200 }, (_, i) => i), 8, (i) => unit(l, `MIX-${i}`));
      buyers = await pool(Array.from({ length: 60 }, (_, i) => i), 8, (i) => party(l, `Mixed buyer ${i}`));
      const token = async (role: string, n: number) => (await l.admin.create('/api/users', { name: `${role} lane ${n}`, role })).token as string;
      laneTokens = {
        clerk: await Promise.all([0, 1, 2, 3].map((n) => token('clerk', n))),
        finance: await Promise.all([0, 1, 2].map((n) => token('finance', n))),
        auditor: await Promise.all([0, 1, 2].map((n) => token('auditor', n))),
      };
      greedyToken = await token('clerk', 99);
    } finally {
      await seeding.stop();
    }
    service = await startLedger(db, { RATE_LIMIT_PER_MINUTE: String(LIMIT_PER_TOKEN), RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '0' });
  }, 300_000);
  afterAll(async () => {
    await service?.stop();
  });

  it(`${SECONDS} s of mixed load: 0 × 5xx, invariants kept, 429 past a token's limit`, async () => {
    const api = new Api(service!.baseUrl);
    const until = Date.now() + SECONDS * 1000;
    const saleIds: string[] = [];
    let nextUnit = 0;
    const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)];

    const timed = async (lane: string, route: string, call: () => Promise<Answer>): Promise<Answer> => {
      const started = Date.now();
      const answer = await call();
      outcomes.push({ lane, route, status: answer.status, ms: Date.now() - started, retryAfter: answer.headers.get('retry-after') });
      return answer;
    };
    const paced = async (step: () => Promise<void>) => {
      while (Date.now() < until) {
        const started = Date.now();
        await step();
        await delay(Math.max(0, PACE_MS - (Date.now() - started)));
      }
    };

    const clerkLane = (token: string) => paced(async () => {
      const clerk = api.as(token);
      const unitId = unitIds[nextUnit++ % unitIds.length];
      const price = (800_000 + Math.floor(Math.random() * 400_000)).toFixed(2);
      const answer = await timed('clerk', 'POST /api/sales', () =>
        clerk.post('/api/sales', { unitId, buyerPartyIds: [pick(buyers)], contractDate: '2026-05-01', netPrice: price }),
      );
      if (answer.status === 201) saleIds.push(answer.body.id);
      else await timed('clerk', 'GET /api/sales', () => clerk.get(`/api/sales?projectId=${projectId}&limit=20`));
    });
    const financeLane = (token: string) => paced(async () => {
      if (saleIds.length === 0) return;
      const finance = api.as(token);
      const amount = (1_000 + Math.floor(Math.random() * 200_000)).toFixed(2);
      await timed('finance', 'POST /api/sales/{id}/payments', () =>
        finance.post(`/api/sales/${pick(saleIds)}/payments`, { amount, receivedOn: '2026-05-10', kind: 'INSTALLMENT', reference: `load ${Date.now()}` }),
      );
    });
    let iteration = 0;
    const auditorLane = (token: string) => paced(async () => {
      const auditor = api.as(token);
      iteration += 1;
      if (iteration % 25 === 0) {
        await timed('auditor', 'POST /api/projects/{id}/liquidation-reports', () => auditor.post(`/api/projects/${projectId}/liquidation-reports`, { asOf: '2026-12-01' }));
        return;
      }
      if (iteration % 10 === 0) {
        await timed('auditor', 'GET /api/audit-log/head', () => auditor.get('/api/audit-log/head'));
        return;
      }
      const flags = await timed('auditor', 'GET /api/audit-flags', () => auditor.get(`/api/audit-flags?projectId=${projectId}&status=OPEN&limit=20`));
      const flag = flags.status === 200 && flags.body.items?.length ? pick(flags.body.items as Array<{ id: string }>) : undefined;
      if (flag) {
        await timed('auditor', 'POST /api/audit-flags/{id}/reviews', () =>
          auditor.post(`/api/audit-flags/${flag.id}/reviews`, { decision: pick(['COMMENT', 'CONFIRM']), note: 'looked at under load' }),
        );
      }
    });
    const greedyLane = async () => {
      const greedy = api.as(greedyToken);
      while (Date.now() < until) await timed('greedy', 'GET /api/sales', () => greedy.get(`/api/sales?projectId=${projectId}&limit=1`));
    };

    await Promise.all([
      ...laneTokens.clerk.map(clerkLane),
      ...laneTokens.finance.map(financeLane),
      ...laneTokens.auditor.map(auditorLane),
      greedyLane(),
    ]);

    const byLane = (lane: string) => outcomes.filter((o) => o.lane === lane);
    for (const lane of ['clerk', 'finance', 'auditor', 'greedy']) figure(`${SECONDS} s mixed load`, `${lane} statuses`, JSON.stringify(countBy(byLane(lane), (o) => o.status)));
    figure(`${SECONDS} s mixed load`, 'requests', outcomes.length);
    figure(`${SECONDS} s mixed load`, 'median sale (ms)', median(outcomes.filter((o) => o.route === 'POST /api/sales').map((o) => o.ms)));

    const serverErrors = outcomes.filter((o) => o.status >= 500);
    if (serverErrors.length > 0) process.stdout.write(`service log:\n${service!.output().split('\n').filter((line) => line.includes('"level":50')).slice(0, 5).join('\n')}\n`);
    expect(serverErrors).toEqual([]);
    const paced429 = outcomes.filter((o) => o.lane !== 'greedy' && o.status === 429);
    expect(paced429).toEqual([]);
    const limited = byLane('greedy').filter((o) => o.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited.every((o) => o.retryAfter !== null && Number(o.retryAfter) > 0)).toBe(true);
    expect(byLane('greedy').filter((o) => o.status === 200).length).toBeGreaterThan(0);
    expect(saleIds.length).toBeGreaterThan(50);

    const [sold] = await db.query<{ units: number; sales: number }>(
      `SELECT count(DISTINCT unit_id)::int AS units, count(*)::int AS sales FROM sales WHERE unit_id = ANY($1)`, [unitIds],
    );
    expect(sold.sales).toBe(sold.units);
    expect(sold.sales).toBe(saleIds.length);
    const overpaid = await db.query(
      `SELECT s.id FROM sales s JOIN payments p ON p.sale_id = s.id GROUP BY s.id, s.net_price HAVING sum(p.amount) > s.net_price`,
    );
    expect(overpaid).toEqual([]);
    const verify = await api.as(laneTokens.auditor[0]).get('/api/audit-log/verify');
    expect(verify.body.ok).toBe(true);
  }, (SECONDS + 240) * 1000);
});
