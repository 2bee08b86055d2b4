import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LedgerFactory } from '../factories/ledger';
import { TestApp, createTestApp, uploadCsv } from '../utils/test-app';

const SAMPLES = join(__dirname, '..', '..', 'samples');
const sample = (name: string) => readFileSync(join(SAMPLES, name));

/**
 * One write path: a sale or a payment is held to the same rules whether it
 * comes over the API or in a file, and every write leaves exactly its audit
 * entries — a refused one none.
 */
describe('the write path (e2e)', () => {
  let t: TestApp;
  let f: LedgerFactory;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-06-30T09:00:00.000Z' });
    f = await LedgerFactory.create(t);
  });
  afterAll(() => t.close());

  const upload = uploadCsv;

  /** A project with the sample units and price list, and the sample sales recorded. */
  async function projectWithSales(): Promise<{ id: string; units: Map<string, string> }> {
    const project = (await f.project()).id;
    await upload(f.as.admin, project, 'units', sample('units.csv')).expect(201);
    await upload(f.as.admin, project, 'price-list', sample('price-list.csv')).expect(201);
    await upload(f.as.clerk, project, 'sales', sample('sales.csv')).expect(201);
    const units = (await t.admin.get(`/api/projects/${project}/units?limit=100`).expect(200)).body.items as Array<{ id: string; unitNo: string }>;
    return { id: project, units: new Map(units.map((unit) => [unit.unitNo, unit.id])) };
  }

  async function auditEntries(): Promise<Array<{ action: string; entity_id: string; data: Record<string, unknown> }>> {
    return (await t.db.sql.query('SELECT action, entity_id, data FROM audit_log ORDER BY seq')).rows;
  }

  async function auditCount(): Promise<number> {
    return (await t.db.sql.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n;
  }

  const saleRow = (unitNo: string, contractDate: string, extra = '') =>
    `unitNo,contractDate,netPrice,buyer,discountCodes\n${unitNo},${contractDate},3000000.00,Wu Lei,${extra}\n`;

  it.each([
    ['a unit with an active sale', '2-1801', '2026-03-01', '', 'UNIT_ALREADY_SOLD', 'unitNo', /already/],
    ['a contract dated after today', '2-1901', '2026-07-01', '', 'BUSINESS_RULE_VIOLATED', 'contractDate', /^is after today$/],
    ['a discount the price list does not publish', '2-1901', '2026-06-01', 'VIP', 'BUSINESS_RULE_VIOLATED', 'discountCodes', /^is not published in batch B2$/],
  ])('refuses %s over the API and in an import alike, and logs nothing', async (_case, unitNo, contractDate, code, error, column, reason) => {
    const project = await projectWithSales();
    const buyer = await f.party({ name: 'Wu Lei' });
    const before = await auditCount();
    const overApi = await f.as.clerk
      .post('/api/sales')
      .send({ unitId: project.units.get(unitNo), contractDate, netPrice: '3000000.00', buyerPartyIds: [buyer.id], ...(code ? { discountCodes: [code] } : {}) });
    expect(overApi.status).toBeGreaterThanOrEqual(400);
    expect(overApi.body.error).toBe(error);
    expect(await auditCount()).toBe(before);

    const imported = await upload(f.as.clerk, project.id, 'sales', saleRow(unitNo, contractDate, code)).expect(422);
    expect(imported.body.errors).toEqual([expect.objectContaining({ line: 2, column })]);
    expect(imported.body.errors[0].reason).toMatch(reason);
    // The API's problem says the same as the import's row error.
    const apiProblem = overApi.body.details?.[0]?.problem ?? overApi.body.message;
    if (error !== 'UNIT_ALREADY_SOLD') expect(`${imported.body.errors[0].value} ${imported.body.errors[0].reason}`).toContain(apiProblem.replace(/^VIP /, ''));
    const entries = (await auditEntries()).slice(before);
    expect(entries.map((entry) => entry.action)).toEqual(['import.received', 'import.rejected']);
  });

  it('refuses a payment over the outstanding amount over the API and in an import alike', async () => {
    const project = await projectWithSales();
    const [sale] = (await t.admin.get(`/api/sales?projectId=${project.id}&limit=100`).expect(200)).body.items.filter(
      (item: { unitNo: string }) => item.unitNo === '2-1803',
    );
    const over = (Number(sale.outstanding) + 0.01).toFixed(2);
    const before = await auditCount();
    const overApi = await f.as.finance.post(`/api/sales/${sale.id}/payments`).send({ amount: over, receivedOn: '2026-03-01', kind: 'DEPOSIT' });
    expect(overApi.body).toMatchObject({ error: 'PAYMENT_EXCEEDS_OUTSTANDING', details: [{ field: 'amount', problem: `exceeds the outstanding ${sale.outstanding}` }] });
    expect(await auditCount()).toBe(before);

    const imported = await upload(f.as.finance, project.id, 'payments', `unitNo,receivedOn,amount\n2-1803,2026-03-01,${over}\n`).expect(422);
    expect(imported.body.errors).toEqual([
      { line: 2, column: 'amount', value: over, reason: `exceeds the outstanding ${sale.outstanding} of the sale of 2-1803` },
    ]);
    expect(imported.body.errors[0].reason).toContain(overApi.body.details[0].problem);

    const future = await f.as.finance.post(`/api/sales/${sale.id}/payments`).send({ amount: '1.00', receivedOn: '2026-07-01', kind: 'DEPOSIT' });
    expect(future.body.details).toEqual([{ field: 'receivedOn', problem: 'is after today' }]);
    const futureRow = await upload(f.as.finance, project.id, 'payments', 'unitNo,receivedOn,amount\n2-1803,2026-07-01,1.00\n').expect(422);
    expect(futureRow.body.errors).toEqual([{ line: 2, column: 'receivedOn', value: '2026-07-01', reason: 'is after today' }]);
  });

  it('leaves exactly the audit entries of each write: one per sale or payment over the API, one per batch in an import', async () => {
    const project = await projectWithSales();
    const buyer = await f.party({ name: 'Zhou Min' });
    let before = await auditCount();
    const sale = await f.sale({ unitId: project.units.get('2-1902')!, contractDate: '2026-03-01', netPrice: '3000000.00', buyerPartyIds: [buyer.id] });
    let entries = (await auditEntries()).slice(before);
    expect(entries.filter((entry) => entry.action === 'sale.recorded')).toEqual([
      expect.objectContaining({ entity_id: sale.id, data: expect.objectContaining({ id: sale.id, netPrice: '3000000.00' }) }),
    ]);
    expect(entries.filter((entry) => !/^(flags?\.|sale\.re-evaluated)/.test(entry.action)).map((entry) => entry.action)).toEqual(['sale.recorded']);

    before = await auditCount();
    const payment = await f.pay(sale.id, '300000.00', '2026-03-02');
    entries = (await auditEntries()).slice(before);
    expect(entries.filter((entry) => entry.action === 'payment.recorded')).toEqual([
      expect.objectContaining({ entity_id: sale.id, data: expect.objectContaining({ id: payment.id, paid: '300000.00', outstanding: '2700000.00' }) }),
    ]);
    expect(entries.filter((entry) => !/^(flags?\.|sale\.re-evaluated)/.test(entry.action)).map((entry) => entry.action)).toEqual(['payment.recorded']);

    before = await auditCount();
    const response = await upload(f.as.finance, project.id, 'payments', 'unitNo,receivedOn,amount\n2-1803,2026-03-03,100000.00\n2-1801,2026-03-03,1.00\n');
    expect(response.status).toBe(201);
    entries = (await auditEntries()).slice(before);
    const batches = entries.filter((entry) => entry.action === 'payments.imported');
    expect(batches).toHaveLength(1);
    expect((batches[0].data.payments as Array<{ line: number; unitNo: string }>).map((p) => [p.line, p.unitNo])).toEqual([[2, '2-1803'], [3, '2-1801']]);
    expect(entries.filter((entry) => entry.action === 'import.completed')).toHaveLength(1);
    expect(entries.filter((entry) => entry.action === 'payment.recorded')).toHaveLength(0);
    expect((await t.as(await t.tokenFor('auditor')).get('/api/audit-log/verify').expect(200)).body.ok).toBe(true);
  });
});
