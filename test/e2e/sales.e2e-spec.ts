import { LedgerFactory } from '../factories/ledger';
import { TestApp, createTestApp } from '../utils/test-app';

describe('sales ledger (e2e)', () => {
  let t: TestApp;
  let f: LedgerFactory;
  let projectId: string;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-06-30T09:00:00.000Z' });
    f = await LedgerFactory.create(t);
    projectId = (await f.project()).id;
  });
  afterAll(() => t.close());

  it('records a sale with the list price of the batch in force on the contract date', async () => {
    const unit = await f.unit(projectId, { unitNo: 'LP-1', saleableArea: '89.50' });
    await f.priceList(projectId, { batchNo: 'LP-B1', issuedOn: '2026-01-01', items: [{ unitNo: 'LP-1', listPrice: '4000000.00' }] });
    await f.priceList(projectId, {
      batchNo: 'LP-B2', issuedOn: '2026-04-01',
      discounts: [{ code: 'FULL', description: 'full payment', percent: '3.00' }],
      items: [{ unitNo: 'LP-1', listPrice: '4200000.00' }],
    });
    await f.priceList(projectId, { batchNo: 'LP-B3', issuedOn: '2026-06-01', items: [{ unitNo: 'LP-1', listPrice: '4500000.00' }] });
    const buyer = await f.party({ name: 'Liu Yang' });
    const sale = await f.sale({ unitId: unit.id, buyerPartyIds: [buyer.id], contractDate: '2026-05-18', netPrice: '4074000.00', discountCodes: ['FULL'] });
    expect(sale).toMatchObject({
      projectId, unitId: unit.id, unitNo: 'LP-1', buyers: [{ id: buyer.id, name: 'Liu Yang' }], contractDate: '2026-05-18',
      status: 'ACTIVE', listPrice: '4200000.00', netPrice: '4074000.00', discountPct: '3.00', discountCodes: ['FULL'],
      paid: '0.00', outstanding: '4074000.00', handedOverOn: null, occupied: false, payments: [],
      relatedParty: { isRelated: false, paths: [] }, market: null, variance: null,
    });
    expect(await t.admin.get(`/api/sales/${sale.id}`).expect(200).then((r) => r.body)).toEqual(sale);
    const units = await t.admin.get(`/api/projects/${projectId}/units?status=SOLD`).expect(200);
    expect(units.body.items.map((u: { unitNo: string; status: string }) => [u.unitNo, u.status])).toEqual([['LP-1', 'SOLD']]);
  });

  it('answers a new sale with the view a later read gives: buyers, referrer, market, related paths and flags', async () => {
    const units = await f.units(projectId, 4, { unitType: '2BR', saleableArea: '80.00', costPrice: '2400000.00' }, 'VIEW');
    await f.priceList(projectId, {
      batchNo: 'VIEW-B1', issuedOn: '2026-01-01',
      discounts: [{ code: 'STAFF', description: 'staff', percent: '2.00' }],
      items: units.map((unit) => ({ unitNo: unit.unitNo, listPrice: '3200000.00' })),
    });
    for (const unit of units.slice(0, 3)) await f.sale({ unitId: unit.id, contractDate: '2026-03-01', netPrice: '3000000.00' });
    const director = await f.party({ name: 'Director Sun', insiderRole: 'DIRECTOR' });
    const nephew = await f.party({ name: 'Sun Ming' });
    await f.relate(nephew.id, director.id, 'FAMILY');
    const spouse = await f.party({ name: 'Qian Li' });
    const agent = await f.party({ name: 'Agent Zhou' });
    const recorded = await f.sale({
      unitId: units[3].id, buyerPartyIds: [nephew.id, spouse.id], referrerPartyId: agent.id, contractDate: '2026-03-10',
      netPrice: '2300000.00', discountCodes: ['STAFF'], note: '  family price  ',
    });
    expect(recorded).toMatchObject({
      buyers: [{ id: nephew.id, name: 'Sun Ming' }, { id: spouse.id, name: 'Qian Li' }], referrerPartyId: agent.id, note: 'family price',
      relatedParty: { isRelated: true }, market: { method: 'COMPARABLE_SALES', price: '3000000.00' },
    });
    expect(recorded.flags.length).toBeGreaterThan(1);
    expect(await t.admin.get(`/api/sales/${recorded.id}`).expect(200).then((r) => r.body)).toEqual(recorded);
  });

  it('refuses a discount code the batch did not publish', async () => {
    const unit = await f.unit(projectId, { unitNo: 'DC-1' });
    await f.priceList(projectId, { batchNo: 'DC-B1', issuedOn: '2026-01-01', items: [{ unitNo: 'DC-1', listPrice: '1000000.00' }] });
    const before = await f.count('sales');
    const response = await f.as.clerk.post('/api/sales')
      .send({ unitId: unit.id, buyerPartyIds: [(await f.party()).id], contractDate: '2026-02-01', netPrice: '900000.00', discountCodes: ['VIP'] })
      .expect(422);
    expect(response.body.details).toEqual([{ field: 'discountCodes[0]', problem: 'VIP is not published in batch DC-B1' }]);
    expect(await f.count('sales')).toBe(before);
  });

  it('records payments and reversals as entries; paid and outstanding are derived from them', async () => {
    const unit = await f.unit(projectId, { unitNo: 'PAY-1' });
    const sale = await f.sale({ unitId: unit.id, contractDate: '2026-05-01', netPrice: '1000000.00' });
    const deposit = await f.pay(sale.id, '100000.00', '2026-05-02');
    expect(deposit).toMatchObject({ amount: '100000.00', kind: 'DEPOSIT', paid: '100000.00', outstanding: '900000.00', reversalOf: null });
    const second = await f.pay(sale.id, '0.01', '2026-05-03', 'INSTALLMENT');
    const reversal = await f.as.finance.post(`/api/sales/${sale.id}/payments/${second.id}/reversal`)
      .send({ reversedOn: '2026-05-04', reason: 'cheque bounced' }).expect(201);
    expect(reversal.body).toMatchObject({ amount: '-0.01', reversalOf: second.id, receivedOn: '2026-05-04', paid: '100000.00' });
    const again = await f.as.finance.post(`/api/sales/${sale.id}/payments/${second.id}/reversal`)
      .send({ reversedOn: '2026-05-04', reason: 'again' }).expect(409);
    expect(again.body.error).toBe('PAYMENT_ALREADY_REVERSED');
    await f.as.finance.post(`/api/sales/${sale.id}/payments/${reversal.body.id}/reversal`)
      .send({ reversedOn: '2026-05-05', reason: 'reverse the reversal' }).expect(422);
    const view = (await t.admin.get(`/api/sales/${sale.id}`).expect(200)).body;
    expect(view.payments.map((p: { amount: string }) => p.amount)).toEqual(['100000.00', '0.01', '-0.01']);
    expect(view).toMatchObject({ paid: '100000.00', outstanding: '900000.00' });
  });

  it('refuses a payment over the outstanding amount, to the cent', async () => {
    const unit = await f.unit(projectId, { unitNo: 'OVER-1' });
    const sale = await f.sale({ unitId: unit.id, contractDate: '2026-05-01', netPrice: '500000.00' });
    await f.pay(sale.id, '499999.99', '2026-05-02', 'BALANCE');
    const over = await f.as.finance.post(`/api/sales/${sale.id}/payments`).send({ amount: '0.02', receivedOn: '2026-05-03', kind: 'BALANCE' }).expect(422);
    expect(over.body).toMatchObject({ error: 'PAYMENT_EXCEEDS_OUTSTANDING', details: [{ field: 'amount', problem: 'exceeds the outstanding 0.01' }] });
    const exact = await f.pay(sale.id, '0.01', '2026-05-03', 'BALANCE');
    expect(exact).toMatchObject({ paid: '500000.00', outstanding: '0.00' });
  });

  it('cancels a sale, keeps it and its payments, and frees the unit for a new sale', async () => {
    const unit = await f.unit(projectId, { unitNo: 'CAN-1' });
    const first = await f.sale({ unitId: unit.id, contractDate: '2026-03-01', netPrice: '800000.00' });
    await f.pay(first.id, '80000.00', '2026-03-02');
    await f.as.clerk.post('/api/sales').send({ unitId: unit.id, buyerPartyIds: [(await f.party()).id], contractDate: '2026-03-05', netPrice: '1.00' }).expect(409);
    const cancelled = await f.as.clerk.post(`/api/sales/${first.id}/cancellation`).send({ cancelledOn: '2026-04-01', reason: 'buyer withdrew' }).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED', cancelledOn: '2026-04-01', cancelReason: 'buyer withdrew', paid: '80000.00' });
    await f.as.clerk.post(`/api/sales/${first.id}/cancellation`).send({ cancelledOn: '2026-04-02', reason: 'twice' }).expect(409);
    await f.as.finance.post(`/api/sales/${first.id}/payments`).send({ amount: '1.00', receivedOn: '2026-04-02', kind: 'BALANCE' }).expect(422);
    const refund = await f.as.finance.post(`/api/sales/${first.id}/payments/${cancelled.body.payments[0].id}/reversal`)
      .send({ reversedOn: '2026-04-03', reason: 'deposit refunded on cancellation' }).expect(201);
    expect(refund.body.paid).toBe('0.00');
    const second = await f.sale({ unitId: unit.id, contractDate: '2026-04-10', netPrice: '820000.00' });
    expect(second.status).toBe('ACTIVE');
    const history = await t.admin.get(`/api/sales?projectId=${projectId}&status=CANCELLED`).expect(200);
    expect(history.body.items.map((s: { id: string }) => s.id)).toContain(first.id);
  });

  it('records handover and occupancy; the latest record says whether the buyer lives there', async () => {
    const unit = await f.unit(projectId, { unitNo: 'HO-1' });
    const sale = await f.sale({ unitId: unit.id, contractDate: '2026-03-01', netPrice: '800000.00' });
    await f.as.clerk.post(`/api/sales/${sale.id}/handover`).send({ handedOverOn: '2026-02-28' }).expect(422);
    const keys = await f.as.clerk.post(`/api/sales/${sale.id}/handover`).send({ handedOverOn: '2026-04-01' }).expect(200);
    expect(keys.body).toMatchObject({ handedOverOn: '2026-04-01', occupied: false });
    const movedIn = await f.as.clerk.post(`/api/sales/${sale.id}/handover`).send({ handedOverOn: '2026-05-01', occupied: true }).expect(200);
    expect(movedIn.body).toMatchObject({ handedOverOn: '2026-04-01', occupied: true });
  });

  it('refuses dates in the future by the service clock', async () => {
    const unit = await f.unit(projectId, { unitNo: 'FUT-1' });
    const response = await f.as.clerk.post('/api/sales')
      .send({ unitId: unit.id, buyerPartyIds: [(await f.party()).id], contractDate: '2026-07-01', netPrice: '1.00' }).expect(422);
    expect(response.body.details).toEqual([{ field: 'contractDate', problem: 'is after today' }]);
  });

  it('lists sales by project and buyer', async () => {
    const other = (await f.project()).id;
    const unit = await f.unit(other, { unitNo: 'L-1' });
    const buyer = await f.party({ name: 'Listed Buyer' });
    const sale = await f.sale({ unitId: unit.id, buyerPartyIds: [buyer.id], contractDate: '2026-01-10', netPrice: '100.00' });
    const byProject = await t.admin.get(`/api/sales?projectId=${other}`).expect(200);
    expect(byProject.body).toMatchObject({ total: 1, items: [{ id: sale.id }] });
    const byBuyer = await t.admin.get(`/api/sales?buyerPartyId=${buyer.id}`).expect(200);
    expect(byBuyer.body.items.map((s: { id: string }) => s.id)).toEqual([sale.id]);
  });

  describe('Idempotency-Key', () => {
    it('replays the first answer for the same body, and refuses another body with 409', async () => {
      const unit = await f.unit(projectId, { unitNo: 'IK-1' });
      const body = { unitId: unit.id, buyerPartyIds: [(await f.party()).id], contractDate: '2026-02-01', netPrice: '700000.00' };
      const first = await f.as.clerk.post('/api/sales').set('Idempotency-Key', 'sale-ik-1').send(body).expect(201);
      const replay = await f.as.clerk.post('/api/sales').set('Idempotency-Key', 'sale-ik-1').send(body).expect(201);
      expect(replay.body).toEqual(first.body);
      const before = await f.count('audit_log');
      const other = await f.as.clerk.post('/api/sales').set('Idempotency-Key', 'sale-ik-1').send({ ...body, netPrice: '700000.01' }).expect(409);
      expect(other.body.error).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await f.count('audit_log')).toBe(before);
      const { rows } = await t.db.sql.query('SELECT count(*)::int AS n FROM sales WHERE unit_id = $1', [unit.id]);
      expect(rows[0].n).toBe(1);
    });

    it('refuses a malformed key', async () => {
      await f.as.clerk.post('/api/sales').set('Idempotency-Key', 'x'.repeat(201)).send({}).expect(400);
    });
  });
});
