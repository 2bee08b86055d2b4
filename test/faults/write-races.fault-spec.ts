import { ServiceProcess } from '../../scripts/child-process';
import { FaultDatabase, Ledger, countBy, figure, newDatabase, party, pool, seedLedger, startLedger, unit } from './harness';

/** Simultaneous writes against the service process: the database keeps the invariants. */
describe('write races', () => {
  let db: FaultDatabase;
  let service: ServiceProcess;
  let l: Ledger;

  beforeAll(async () => {
    db = await newDatabase('races');
    service = await startLedger(db);
    l = await seedLedger(service.baseUrl);
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('200 simultaneous sales of one unit: one 201, 199 × 409, one row', async () => {
    const unitId = await unit(l, 'RACE-200');
    const buyers = await pool(Array.from({ length: 200 }, (_, i) => i), 8, (i) => party(l, `Racer ${i}`));
    const started = Date.now();
    const answers = await Promise.all(
      buyers.map((buyer) => l.clerk.post('/api/sales', { unitId, buyerPartyIds: [buyer], contractDate: '2026-05-01', netPrice: '1000000.00' })),
    );
    const statuses = countBy(answers, (a) => a.status);
    figure('200 simultaneous sales of one unit', 'statuses', JSON.stringify(statuses));
    figure('200 simultaneous sales of one unit', 'sales rows for the unit', await db.count('sales', 'unit_id = $1', [unitId]));
    figure('200 simultaneous sales of one unit', 'wall time (ms)', Date.now() - started);
    expect(statuses).toEqual({ 201: 1, 409: 199 });
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.error === 'UNIT_ALREADY_SOLD')).toBe(true);
    expect(await db.count('sales', 'unit_id = $1', [unitId])).toBe(1);
  });

  it('idempotent replays, in any case of the sale id, make one payment', async () => {
    const unitId = await unit(l, 'REPLAY-1');
    const buyer = await party(l, 'Replay buyer');
    const sale = await l.clerk.create('/api/sales', { unitId, buyerPartyIds: [buyer], contractDate: '2026-05-01', netPrice: '1000000.00' });
    const body = { amount: '100000.00', receivedOn: '2026-05-02', kind: 'DEPOSIT', reference: 'slip 1' };
    const ids = [sale.id, sale.id.toUpperCase(), sale.id.replace(/[a-f]/g, (c: string) => c.toUpperCase())];
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => l.finance.post(`/api/sales/${ids[i % ids.length]}/payments`, body, { 'Idempotency-Key': 'deposit-slip-1' })),
    );
    const statuses = countBy(answers, (a) => a.status);
    const paymentIds = new Set(answers.map((a) => a.body.id));
    const rows = await db.count('payments', 'sale_id = $1', [sale.id]);
    figure('60 replays of one payment (3 spellings of the sale id)', 'statuses', JSON.stringify(statuses));
    figure('60 replays of one payment (3 spellings of the sale id)', 'payment rows', rows);
    expect(statuses).toEqual({ 201: 60 });
    expect(paymentIds.size).toBe(1);
    expect(rows).toBe(1);

    const changed = await l.finance.post(`/api/sales/${sale.id}/payments`, { ...body, amount: '1.00' }, { 'Idempotency-Key': 'deposit-slip-1' });
    expect(changed.status).toBe(409);
    expect(await db.count('payments', 'sale_id = $1', [sale.id])).toBe(1);
  });

  it('simultaneous payments never take a sale over its price', async () => {
    const unitId = await unit(l, 'OVERPAY-1');
    const buyer = await party(l, 'Overpay buyer');
    const sale = await l.clerk.create('/api/sales', { unitId, buyerPartyIds: [buyer], contractDate: '2026-05-01', netPrice: '1000000.00' });
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => l.finance.post(`/api/sales/${sale.id}/payments`, { amount: '30000.00', receivedOn: '2026-05-02', kind: 'INSTALLMENT', reference: `p${i}` })),
    );
    const statuses = countBy(answers, (a) => a.status);
    const [{ paid }] = await db.query<{ paid: string }>('SELECT coalesce(sum(amount), 0)::text AS paid FROM payments WHERE sale_id = $1', [sale.id]);
    figure('50 simultaneous payments of 30,000 on a 1,000,000 sale', 'statuses / paid', `${JSON.stringify(statuses)} / ${paid}`);
    expect(statuses).toEqual({ 201: 33, 422: 17 });
    expect(paid).toBe('990000.00');
  });
});
