import { LedgerFactory } from '../factories/ledger';
import { TestApp, createTestApp } from '../utils/test-app';

/** Bad input to the sales ledger routes: a 4xx naming the problem, and nothing written. */
describe('sales ledger input validation (e2e)', () => {
  let t: TestApp;
  let f: LedgerFactory;
  let unitId: string;
  let buyerId: string;
  let saleId: string;
  let paymentId: string;
  const missing = '00000000-0000-4000-8000-000000000000';

  beforeAll(async () => {
    t = await createTestApp();
    f = await LedgerFactory.create(t);
    const projectId = (await f.project()).id;
    unitId = (await f.unit(projectId, { unitNo: 'V-1' })).id;
    buyerId = (await f.party()).id;
    const soldUnit = await f.unit(projectId, { unitNo: 'V-2' });
    saleId = (await f.sale({ unitId: soldUnit.id, contractDate: '2026-05-01', netPrice: '1000000.00' })).id;
    paymentId = (await f.pay(saleId, '1000.00', '2026-05-02')).id;
  });
  afterAll(() => t.close());

  async function counts(): Promise<number[]> {
    return Promise.all(['sales', 'sale_buyers', 'payments', 'handovers', 'audit_log', 'idempotency_keys'].map((table) => f.count(table)));
  }

  const sale = () => ({ unitId, buyerPartyIds: [buyerId], contractDate: '2026-05-01', netPrice: '1000000.00' });
  type Case = [string, 'clerk' | 'finance', () => string, () => unknown, number, string];
  const cases: Case[] = [
    ['a number for netPrice', 'clerk', () => '/api/sales', () => ({ ...sale(), netPrice: 1000000 }), 400, 'netPrice'],
    ['netPrice with 3 decimals', 'clerk', () => '/api/sales', () => ({ ...sale(), netPrice: '1.001' }), 400, 'netPrice'],
    ['a zero netPrice', 'clerk', () => '/api/sales', () => ({ ...sale(), netPrice: '0.00' }), 400, 'netPrice'],
    ['a number for listPrice', 'clerk', () => '/api/sales', () => ({ ...sale(), listPrice: 5 }), 400, 'listPrice'],
    ['an impossible contract date', 'clerk', () => '/api/sales', () => ({ ...sale(), contractDate: '2026-02-30' }), 400, 'contractDate'],
    ['no buyers', 'clerk', () => '/api/sales', () => ({ ...sale(), buyerPartyIds: [] }), 400, 'buyerPartyIds'],
    ['a repeated buyer', 'clerk', () => '/api/sales', () => ({ ...sale(), buyerPartyIds: [buyerId, buyerId] }), 400, 'buyerPartyIds'],
    ['a buyer id that is not a UUID', 'clerk', () => '/api/sales', () => ({ ...sale(), buyerPartyIds: ['driver'] }), 400, 'buyerPartyIds'],
    ['an unknown buyer', 'clerk', () => '/api/sales', () => ({ ...sale(), buyerPartyIds: [buyerId, missing] }), 422, 'buyerPartyIds[1]'],
    ['an unknown referrer', 'clerk', () => '/api/sales', () => ({ ...sale(), referrerPartyId: missing }), 422, 'referrerPartyId'],
    ['an unknown unit', 'clerk', () => '/api/sales', () => ({ ...sale(), unitId: missing }), 422, 'unitId'],
    ['an unknown field', 'clerk', () => '/api/sales', () => ({ ...sale(), paid: '0.00' }), 400, 'paid'],
    ['a huge note', 'clerk', () => '/api/sales', () => ({ ...sale(), note: 'n'.repeat(5000) }), 400, 'note'],
    ['discount codes that are not strings', 'clerk', () => '/api/sales', () => ({ ...sale(), discountCodes: [1] }), 400, 'discountCodes'],
    ['a number for amount', 'finance', () => `/api/sales/${saleId}/payments`, () => ({ amount: 100, receivedOn: '2026-05-03', kind: 'DEPOSIT' }), 400, 'amount'],
    ['a negative amount', 'finance', () => `/api/sales/${saleId}/payments`, () => ({ amount: '-100.00', receivedOn: '2026-05-03', kind: 'DEPOSIT' }), 400, 'amount'],
    ['an unknown payment kind', 'finance', () => `/api/sales/${saleId}/payments`, () => ({ amount: '1.00', receivedOn: '2026-05-03', kind: 'GIFT' }), 400, 'kind'],
    ['a payment dated tomorrow', 'finance', () => `/api/sales/${saleId}/payments`, () => ({ amount: '1.00', receivedOn: '2026-07-01', kind: 'DEPOSIT' }), 422, 'receivedOn'],
    ['a payment to an unknown sale', 'finance', () => `/api/sales/${missing}/payments`, () => ({ amount: '1.00', receivedOn: '2026-05-03', kind: 'DEPOSIT' }), 404, 'sale'],
    ['a payment to a malformed sale id', 'finance', () => '/api/sales/nope/payments', () => ({ amount: '1.00', receivedOn: '2026-05-03', kind: 'DEPOSIT' }), 400, 'saleId'],
    ['a reversal without a reason', 'finance', () => `/api/sales/${saleId}/payments/${paymentId}/reversal`, () => ({ reversedOn: '2026-05-03' }), 400, 'reason'],
    ['a reversal dated before the payment', 'finance', () => `/api/sales/${saleId}/payments/${paymentId}/reversal`, () => ({ reversedOn: '2026-05-01', reason: 'x' }), 422, 'reversedOn'],
    ['a reversal of an unknown payment', 'finance', () => `/api/sales/${saleId}/payments/${missing}/reversal`, () => ({ reversedOn: '2026-05-03', reason: 'x' }), 404, 'payment'],
    ['a handover with a string for occupied', 'clerk', () => `/api/sales/${saleId}/handover`, () => ({ handedOverOn: '2026-05-03', occupied: 'yes' }), 400, 'occupied'],
    ['a handover of an unknown sale', 'clerk', () => `/api/sales/${missing}/handover`, () => ({ handedOverOn: '2026-05-03' }), 404, 'sale'],
    ['a cancellation without a date', 'clerk', () => `/api/sales/${saleId}/cancellation`, () => ({ reason: 'x' }), 400, 'cancelledOn'],
    ['a cancellation before the contract', 'clerk', () => `/api/sales/${saleId}/cancellation`, () => ({ cancelledOn: '2026-04-30', reason: 'x' }), 422, 'cancelledOn'],
  ];

  it.each(cases)('answers %s with the status and field named, writing nothing', async (_, role, url, body, status, named) => {
    const before = await counts();
    const response = await f.as[role].post(url()).send(body() as object).expect(status);
    expect(JSON.stringify(response.body)).toContain(named);
    expect(await counts()).toEqual(before);
  });

  it('refuses query filters of the wrong shape', async () => {
    await t.admin.get('/api/sales?projectId=abc').expect(400);
    await t.admin.get('/api/sales?flagged=maybe').expect(400);
    await t.admin.get('/api/sales?status=SOLD').expect(400);
  });
});
