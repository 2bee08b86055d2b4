import { LedgerFactory } from '../factories/ledger';
import { TestApp, createTestApp } from '../utils/test-app';

/** Simultaneous requests against one PostgreSQL: the database keeps the invariants. */
describe('sales under concurrency (e2e)', () => {
  let t: TestApp;
  let f: LedgerFactory;
  let projectId: string;

  beforeAll(async () => {
    t = await createTestApp();
    f = await LedgerFactory.create(t);
    projectId = (await f.project()).id;
  });
  afterAll(() => t.close());

  it('leaves exactly one sale when 50 requests sell one unit at once', async () => {
    const unit = await f.unit(projectId, { unitNo: 'RACE-1' });
    const buyers = await Promise.all(Array.from({ length: 50 }, (_, i) => f.party({ name: `Racer ${i}` })));
    const responses = await Promise.all(
      buyers.map((buyer) =>
        f.as.clerk.post('/api/sales').send({ unitId: unit.id, buyerPartyIds: [buyer.id], contractDate: '2026-05-01', netPrice: '1000000.00' }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(responses.filter((r) => r.status === 409).every((r) => r.body.error === 'UNIT_ALREADY_SOLD')).toBe(true);
    const { rows } = await t.db.sql.query('SELECT count(*)::int AS n FROM sales WHERE unit_id = $1', [unit.id]);
    expect(rows[0].n).toBe(1);
    expect((await t.as(await t.tokenFor('auditor')).get('/api/audit-log/verify').expect(200)).body.ok).toBe(true);
  });

  it('makes one sale from 20 simultaneous retries with one Idempotency-Key, each answered with it', async () => {
    const unit = await f.unit(projectId, { unitNo: 'RETRY-SALE-1' });
    const buyer = await f.party({ name: 'Retrying buyer' });
    const body = { unitId: unit.id, buyerPartyIds: [buyer.id], contractDate: '2026-05-01', netPrice: '1000000.00' };
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => f.as.clerk.post('/api/sales').set('Idempotency-Key', 'contract-2026-0501').send(body)),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    const { rows } = await t.db.sql.query(
      `SELECT (SELECT count(*)::int FROM sales WHERE unit_id = $1) AS sales,
              (SELECT count(*)::int FROM audit_log WHERE action = 'sale.recorded' AND entity_id = $2) AS entries`,
      [unit.id, responses[0].body.id],
    );
    expect(rows[0]).toEqual({ sales: 1, entries: 1 });
    // The same key with another body is refused, and writes nothing.
    const other = await f.as.clerk.post('/api/sales').set('Idempotency-Key', 'contract-2026-0501').send({ ...body, netPrice: '999999.00' });
    expect(other.status).toBe(409);
    expect(other.body.error).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('makes one payment from 20 simultaneous retries with one Idempotency-Key', async () => {
    const unit = await f.unit(projectId, { unitNo: 'RETRY-1' });
    const sale = await f.sale({ unitId: unit.id, contractDate: '2026-05-01', netPrice: '1000000.00' });
    const body = { amount: '100000.00', receivedOn: '2026-05-02', kind: 'DEPOSIT', reference: 'bank slip 17' };
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => f.as.finance.post(`/api/sales/${sale.id}/payments`).set('Idempotency-Key', 'deposit-slip-17').send(body)),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    const view = (await t.admin.get(`/api/sales/${sale.id}`).expect(200)).body;
    expect(view.payments).toHaveLength(1);
    expect(view.paid).toBe('100000.00');
  });

  it('takes a retry that writes the sale id in upper case as the same request: one payment, the first answer', async () => {
    const unit = await f.unit(projectId, { unitNo: 'RETRY-CASE-1' });
    const sale = await f.sale({ unitId: unit.id, contractDate: '2026-05-01', netPrice: '1000000.00' });
    const body = { amount: '100000.00', receivedOn: '2026-05-02', kind: 'DEPOSIT', reference: 'bank slip 18' };
    const first = await f.as.finance.post(`/api/sales/${sale.id}/payments`).set('Idempotency-Key', 'deposit-slip-18').send(body).expect(201);
    const upper = await f.as.finance.post(`/api/sales/${sale.id.toUpperCase()}/payments`).set('Idempotency-Key', 'deposit-slip-18').send(body).expect(201);
    expect(upper.body).toEqual(first.body);
    const view = (await t.admin.get(`/api/sales/${sale.id.toUpperCase()}`).expect(200)).body;
    expect(view).toMatchObject({ id: sale.id, paid: '100000.00' });
    expect(view.payments).toHaveLength(1);
  });

  it('never overpays when simultaneous payments together exceed the price', async () => {
    const unit = await f.unit(projectId, { unitNo: 'OVERPAY-1' });
    const sale = await f.sale({ unitId: unit.id, contractDate: '2026-05-01', netPrice: '1000000.00' });
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        f.as.finance.post(`/api/sales/${sale.id}/payments`).send({ amount: '100000.00', receivedOn: '2026-05-02', kind: 'INSTALLMENT', reference: `r${i}` }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 422)).toHaveLength(2);
    const view = (await t.admin.get(`/api/sales/${sale.id}`).expect(200)).body;
    expect(view).toMatchObject({ paid: '1000000.00', outstanding: '0.00' });
  });

  it('reverses a payment once when two reversals race', async () => {
    const unit = await f.unit(projectId, { unitNo: 'REV-RACE-1' });
    const sale = await f.sale({ unitId: unit.id, contractDate: '2026-05-01', netPrice: '1000000.00' });
    const payment = await f.pay(sale.id, '50000.00', '2026-05-02');
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        f.as.finance.post(`/api/sales/${sale.id}/payments/${payment.id}/reversal`).send({ reversedOn: '2026-05-03', reason: 'bounced' }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect((await t.admin.get(`/api/sales/${sale.id}`).expect(200)).body.paid).toBe('0.00');
  });
});
