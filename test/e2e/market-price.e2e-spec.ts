import { LedgerFactory } from '../factories/ledger';
import { TestApp, createTestApp } from '../utils/test-app';

/** The market price (docs/api-guide.md, The rules) through the API: which evidence a sale is measured against, at its contract date. */
describe('market price of a sale (e2e)', () => {
  let t: TestApp;
  let f: LedgerFactory;
  let projectId: string;
  let unitSeq = 0;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-12-31T09:00:00.000Z' });
    f = await LedgerFactory.create(t);
    projectId = (await f.project({ minComparables: 3, comparableWindowDays: 90 })).id;
    await f.marketPrice(projectId, { asOf: '2026-01-01', pricePerSqm: '30000.00', source: 'INDEX' });
  });
  afterAll(() => t.close());

  async function sell(unitType: string, contractDate: string, netPrice: string, area = '100.00', extra: Record<string, unknown> = {}) {
    unitSeq += 1;
    const unit = await f.unit(projectId, { unitNo: `M-${unitSeq}`, unitType, saleableArea: area });
    return f.sale({ unitId: unit.id, contractDate, netPrice, ...extra });
  }

  it('averages exactly minComparables arm’s-length sales by area within the window', async () => {
    await sell('A', '2026-03-01', '4000000.00', '80.00');
    await sell('A', '2026-05-30', '6000000.00', '120.00'); // 90 days after 2026-03-01: inside, inclusive
    await sell('A', '2026-04-15', '5000000.00', '100.00');
    const sale = await sell('A', '2026-04-20', '4000000.00', '90.00');
    expect(sale.market).toMatchObject({ method: 'COMPARABLE_SALES', pricePerSqm: '50000.00', price: '4500000.00' });
    expect(sale.market.basis).toMatchObject({ count: 3, windowDays: 90, from: '2026-01-20', to: '2026-07-19' });
    expect(sale.market.basis.comparables).toHaveLength(3);
    expect(sale.market.basis.comparables).toContainEqual(expect.objectContaining({ contractDate: '2026-05-30', saleableArea: '120.00', netPrice: '6000000.00', pricePerSqm: '50000.00' }));
    expect(sale.variance).toEqual({ amount: '-500000.00', pct: '-11.11' });
  });

  it('leaves out a sale one day outside the window, and falls back to project evidence', async () => {
    await sell('B', '2026-02-01', '5000000.00');
    await sell('B', '2026-05-01', '5000000.00'); // 90 days after 2026-01-31: inside
    await sell('B', '2026-05-02', '5000000.00'); // 91 days after 2026-01-31: outside
    const sale = await sell('B', '2026-01-31', '2000000.00');
    expect(sale.market).toMatchObject({ method: 'PROJECT_EVIDENCE', pricePerSqm: '30000.00', price: '3000000.00' });
    expect(sale.market.basis).toMatchObject({ scope: 'PROJECT', asOf: '2026-01-01', source: 'INDEX' });
  });

  it('leaves out a related-party sale from the comparables', async () => {
    const ceo = await f.party({ name: 'Li Wei', insiderRole: 'CEO' });
    await sell('C', '2026-03-01', '5000000.00');
    await sell('C', '2026-03-02', '5000000.00');
    const insiderSale = await sell('C', '2026-03-03', '1000000.00', '100.00', { buyerPartyIds: [ceo.id] });
    expect(insiderSale.relatedParty).toEqual({ isRelated: true, paths: [[ceo.id]], parties: { [ceo.id]: { name: 'Li Wei', insiderRole: 'CEO' } } });
    const sale = await sell('C', '2026-03-10', '5000000.00');
    expect(sale.market.method).toBe('PROJECT_EVIDENCE');
    await sell('C', '2026-03-04', '5000000.00');
    const later = await sell('C', '2026-03-11', '4000000.00');
    expect(later.market).toMatchObject({ method: 'COMPARABLE_SALES', price: '5000000.00' });
    expect(later.market.basis.comparables.map((c: { saleId: string }) => c.saleId)).not.toContain(insiderSale.id);
    expect(later.market.basis.excluded).toEqual([{ saleId: insiderSale.id, unitNo: insiderSale.unitNo, reason: 'RELATED' }]);
  });

  it('uses the unit’s own appraisal dated on the contract date, and ignores one dated after it', async () => {
    unitSeq += 1;
    const unit = await f.unit(projectId, { unitNo: `M-${unitSeq}`, unitType: 'D', saleableArea: '85.50' });
    await f.marketPrice(projectId, { unitNo: unit.unitNo, asOf: '2026-03-01', pricePerSqm: '40000.00' });
    await f.marketPrice(projectId, { unitNo: unit.unitNo, asOf: '2026-03-02', pricePerSqm: '99000.00' });
    const sale = await f.sale({ unitId: unit.id, contractDate: '2026-03-01', netPrice: '3000000.00' });
    expect(sale.market).toMatchObject({ method: 'UNIT_APPRAISAL', pricePerSqm: '40000.00', price: '3420000.00' });
    expect(sale.variance).toEqual({ amount: '-420000.00', pct: '-12.28' });
  });

  it('rounds the variance percentage half-up', async () => {
    unitSeq += 1;
    const unit = await f.unit(projectId, { unitNo: `M-${unitSeq}`, unitType: 'E', saleableArea: '100.00' });
    await f.marketPrice(projectId, { unitNo: unit.unitNo, asOf: '2026-03-01', pricePerSqm: '2000.00' });
    // market 200,000.00; net 199,990.00: −10 / 200,000 × 100 = −0.005 → −0.01
    const sale = await f.sale({ unitId: unit.id, contractDate: '2026-03-01', netPrice: '199990.00' });
    expect(sale.variance).toEqual({ amount: '-10.00', pct: '-0.01' });
  });

  it('has no market and no variance without any evidence', async () => {
    const bare = (await f.project()).id;
    const unit = await f.unit(bare, { unitNo: 'N-1' });
    const sale = await f.sale({ unitId: unit.id, contractDate: '2026-03-01', netPrice: '100.00' });
    expect(sale).toMatchObject({ market: null, variance: null });
  });
});
