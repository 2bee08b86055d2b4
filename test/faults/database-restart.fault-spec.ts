import { ServiceProcess } from '../../scripts/child-process';
import { Answer, FaultDatabase, Ledger, cluster, countBy, figure, newDatabase, party, pool, seedLedger, startLedger, unit } from './harness';

type Phase = 'before' | 'outage' | 'after';

interface Outcome {
  phase: Phase;
  kind: 'payment' | 'read';
  status: number;
  retryAfter: string | null;
  paymentId?: string;
  transportError?: string;
}

/**
 * PostgreSQL restarted under load: while it is down the service answers 503
 * with Retry-After (never another 5xx), no write it acknowledged is lost, and
 * it serves again by itself once the database is back.
 */
describe('PostgreSQL restarted under load', () => {
  let db: FaultDatabase;
  let service: ServiceProcess;
  let l: Ledger;
  const sales: string[] = [];

  beforeAll(async () => {
    db = await newDatabase('restart');
    service = await startLedger(db);
    l = await seedLedger(service.baseUrl);
    await pool(Array.from({ length: 20 }, (_, i) => i), 4, async (i) => {
      const unitId = await unit(l, `LOAD-${i}`);
      const buyer = await party(l, `Load buyer ${i}`);
      sales.push((await l.clerk.create('/api/sales', { unitId, buyerPartyIds: [buyer], contractDate: '2026-05-01', netPrice: '100000000.00' })).id);
    });
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('answers only 503 while the database is down, loses no acknowledged write, and recovers without a restart', async () => {
    const outcomes: Outcome[] = [];
    let phase: Phase = 'before';
    let stopped = false;
    let sequence = 0;
    const counts = () => countBy(outcomes.filter((o) => o.phase === phase), (o) => o.status);

    const lane = async (laneNo: number) => {
      while (!stopped) {
        // An answer counts in the phase it arrives in: a request cut by the stop is an outage answer.
        const isWrite = (sequence += 1) % 3 !== 0;
        const saleId = sales[(laneNo + sequence) % sales.length];
        let answer: Answer;
        try {
          answer = isWrite
            ? await l.finance.post(`/api/sales/${saleId}/payments`, { amount: '1.00', receivedOn: '2026-05-02', kind: 'INSTALLMENT', reference: `load ${sequence}` })
            : await l.finance.get(`/api/sales/${saleId}`);
        } catch (error) {
          outcomes.push({ phase, kind: isWrite ? 'payment' : 'read', status: 0, retryAfter: null, transportError: String(error) });
          continue;
        }
        outcomes.push({
          phase, kind: isWrite ? 'payment' : 'read', status: answer.status, retryAfter: answer.headers.get('retry-after'),
          paymentId: isWrite && answer.status === 201 ? answer.body.id : undefined,
        });
      }
    };
    const until = async (condition: () => boolean) => {
      while (!condition()) await new Promise((resolve) => setImmediate(resolve));
    };

    const lanes = Array.from({ length: 16 }, (_, i) => lane(i));
    await until(() => (counts()[201] ?? 0) >= 200);
    phase = 'outage';
    const down = Date.now();
    await cluster().stop('fast');
    // Down until the service has answered 300 requests without its database.
    await until(() => outcomes.filter((o) => o.phase === 'outage').length >= 300);
    await cluster().start();
    const upAgain = Date.now();
    phase = 'after';
    await until(() => (counts()[201] ?? 0) >= 200);
    const recovered = Date.now();
    stopped = true;
    await Promise.all(lanes);

    const byPhase = (p: Phase) => countBy(outcomes.filter((o) => o.phase === p), (o) => o.status);
    const acknowledged = outcomes.filter((o) => o.paymentId).map((o) => o.paymentId!);
    const [{ found }] = await db.query<{ found: number }>('SELECT count(*)::int AS found FROM payments WHERE id = ANY($1::uuid[])', [acknowledged]);
    const serverErrors = outcomes.filter((o) => o.status >= 500 && o.status !== 503);
    const transportErrors = outcomes.filter((o) => o.status === 0);
    const without = outcomes.filter((o) => o.status === 503 && !o.retryAfter);

    figure('PostgreSQL restarted under load (16 lanes)', 'before: statuses', JSON.stringify(byPhase('before')));
    figure('PostgreSQL restarted under load (16 lanes)', `outage (${upAgain - down} ms): statuses`, JSON.stringify(byPhase('outage')));
    figure('PostgreSQL restarted under load (16 lanes)', 'after: statuses', JSON.stringify(byPhase('after')));
    figure('PostgreSQL restarted under load (16 lanes)', 'acknowledged writes / found after', `${acknowledged.length} / ${found}`);
    figure('PostgreSQL restarted under load (16 lanes)', 'from database back to 200 writes served (ms)', recovered - upAgain);
    figure('PostgreSQL restarted under load (16 lanes)', '5xx other than 503 / transport errors / 503 without Retry-After', `${serverErrors.length} / ${transportErrors.length} / ${without.length}`);

    expect(serverErrors.map((o) => `${o.phase} ${o.kind} ${o.status}`)).toEqual([]);
    expect(transportErrors.map((o) => o.transportError)).toEqual([]);
    expect(without).toHaveLength(0);
    expect(byPhase('outage')[503] ?? 0).toBeGreaterThan(0);
    expect(found).toBe(acknowledged.length);
    const ready = await l.api.get('/health/ready');
    expect(ready.status).toBe(200);
  });
});
