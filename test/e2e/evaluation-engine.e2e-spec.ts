import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dec } from '../../src/common/money';
import { EvaluationEngine } from '../../src/evaluation/evaluation-engine';
import { effectiveSettings } from '../../src/projects/project-settings';
import { LedgerFactory } from '../factories/ledger';
import { TestApp, createTestApp } from '../utils/test-app';

interface FlagView {
  id: string;
  type: string;
  severity: string;
  status: string;
  pendingDismissal: boolean;
  evidence: Record<string, unknown>;
  evidenceHash: string;
  decidedOnEarlierEvidence?: boolean;
  reviews?: Array<{ decision: string; reviewerName: string; severity: string | null; evidenceHash: string | null; onCurrentEvidence: boolean | null }>;
}

/**
 * The edges of the rules (docs/api-guide.md, The rules) through HTTP, each as an auditor found it: the one
 * evaluation engine prices, relates and flags every sale the same way whether
 * it is recorded, paid, related later, imported or audited.
 */
describe('the evaluation engine at the edges (e2e)', () => {
  let t: TestApp;
  let f: LedgerFactory;
  let unitSeq = 0;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-06-30T09:00:00.000Z' });
    f = await LedgerFactory.create(t);
  });
  afterAll(() => t.close());
  afterEach(() => t.clock.set('2026-06-30T09:00:00.000Z'));

  /** The flags of a sale bar MISSING_DEPOSIT, which any sale recorded here long after its contract date carries. */
  const pricingFlags = (flags: FlagView[]) => flags.filter((x) => x.type !== 'MISSING_DEPOSIT').map((x) => [x.type, x.severity]);

  async function unit(projectId: string, spec: Record<string, unknown> = {}) {
    unitSeq += 1;
    return f.unit(projectId, { unitNo: `E-${unitSeq}`, ...spec });
  }

  async function sell(projectId: string, contractDate: string, netPrice: string, extra: Record<string, unknown> = {}) {
    const { unitSpec, ...body } = extra as { unitSpec?: Record<string, unknown> };
    return f.sale({ unitId: (await unit(projectId, unitSpec ?? {})).id, contractDate, netPrice, ...body });
  }

  async function flagsOf(saleId: string): Promise<FlagView[]> {
    return (await t.admin.get(`/api/audit-flags?saleId=${saleId}`).expect(200)).body.items;
  }

  async function flag(saleId: string, type: string): Promise<FlagView> {
    const found = (await flagsOf(saleId)).find((x) => x.type === type);
    if (!found) throw new Error(`no ${type} flag on sale ${saleId}`);
    return (await t.admin.get(`/api/audit-flags/${found.id}`).expect(200)).body;
  }

  const review = (as: 'auditor' | 'auditor2', flagId: string, decision: string, status = 201) =>
    f.as[as].post(`/api/audit-flags/${flagId}/reviews`).send({ decision, note: `${decision} after review` }).expect(status);

  it('flags a sale 12% under comparable sales although one earlier cheap sale went unflagged: the outlier is left out', async () => {
    const project = (await f.project()).id;
    // Sold first, with nothing to compare it with: no market price, no flag.
    const cheap = await sell(project, '2026-03-01', '700000.00');
    expect(cheap.market).toBeNull();
    for (const day of ['02', '03', '04']) await sell(project, `2026-03-${day}`, '1000000.00');
    const sale = await sell(project, '2026-03-10', '880000.00');
    // Averaged with the cheap sale the market would be 925,000.00 and this sale only 4.9% under it.
    expect(sale.market).toMatchObject({ method: 'COMPARABLE_SALES', price: '1000000.00', pricePerSqm: '10000.00' });
    expect(sale.market.basis).toMatchObject({ count: 3, candidates: 4, medianPricePerSqm: '10000.00', outlierPct: '15.00' });
    expect(sale.market.basis.excluded).toEqual([{ saleId: cheap.id, unitNo: cheap.unitNo, reason: 'OUTLIER' }]);
    expect(pricingFlags(sale.flags)).toEqual([['BELOW_MARKET', 'MEDIUM']]);
    const below = await flag(sale.id, 'BELOW_MARKET');
    expect((below.evidence.basis as { comparables: unknown[] }).comparables).toHaveLength(3);
  });

  it('leaves a sale whose BELOW_MARKET flag was confirmed out of the comparables of later sales', async () => {
    const project = (await f.project()).id;
    for (const day of ['02', '03', '04']) await sell(project, `2026-04-${day}`, '1000000.00');
    const abnormal = await sell(project, '2026-04-05', '880000.00');
    const belowMarket = abnormal.flags.find((x: FlagView) => x.type === 'BELOW_MARKET');
    await review('auditor', belowMarket.id, 'CONFIRM');
    const later = await sell(project, '2026-04-06', '990000.00');
    expect(later.market.basis.excluded).toEqual([{ saleId: abnormal.id, unitNo: abnormal.unitNo, reason: 'CONFIRMED_ABNORMAL' }]);
    expect(later.market).toMatchObject({ price: '1000000.00' });
  });

  it('leaves a cancelled sale out of the comparables', async () => {
    const project = (await f.project()).id;
    for (const day of ['02', '03', '04']) await sell(project, `2026-05-${day}`, '1000000.00');
    const cancelled = await sell(project, '2026-05-05', '950000.00');
    await f.as.clerk.post(`/api/sales/${cancelled.id}/cancellation`).send({ cancelledOn: '2026-05-06', reason: 'buyer withdrew' }).expect(200);
    const later = await sell(project, '2026-05-07', '1000000.00');
    expect(later.market.basis).toMatchObject({ count: 3, excluded: [{ saleId: cancelled.id, unitNo: cancelled.unitNo, reason: 'CANCELLED' }] });
  });

  it('reopens a MEDIUM flag dismissed by one auditor when it turns HIGH because the buyer turns out to be related; two auditors must dismiss it at HIGH', async () => {
    const project = (await f.project()).id;
    await f.marketPrice(project, { asOf: '2026-01-01', pricePerSqm: '10000.00' });
    const ceo = await f.party({ name: 'CEO Ma', insiderRole: 'CEO' });
    const buyer = await f.party({ name: 'Ma Xiaoli' });
    const sale = await sell(project, '2026-06-01', '850000.00', { buyerPartyIds: [buyer.id] });
    await f.pay(sale.id, '850000.00', '2026-06-01', 'BALANCE');
    const medium = await flag(sale.id, 'BELOW_MARKET');
    expect(medium).toMatchObject({ severity: 'MEDIUM', status: 'OPEN' });
    await review('auditor', medium.id, 'DISMISS');
    expect((await flag(sale.id, 'BELOW_MARKET')).status).toBe('DISMISSED');

    // No audit run: recording the relation judges the sale again at once.
    await f.relate(buyer.id, ceo.id, 'FAMILY');
    const view = (await t.admin.get(`/api/sales/${sale.id}`).expect(200)).body;
    expect(view.relatedParty).toMatchObject({ isRelated: true, paths: [[buyer.id, 'FAMILY', ceo.id]] });
    expect(view.relatedParty.parties).toEqual({ [buyer.id]: { name: 'Ma Xiaoli', insiderRole: null }, [ceo.id]: { name: 'CEO Ma', insiderRole: 'CEO' } });
    const reopened = await flag(sale.id, 'BELOW_MARKET');
    expect(reopened).toMatchObject({ id: medium.id, severity: 'HIGH', status: 'OPEN', pendingDismissal: false });
    expect(reopened.reviews?.map((r) => [r.decision, r.severity])).toEqual([
      ['DISMISS', 'MEDIUM'],
      ['REOPENED_ON_ESCALATION', null],
    ]);
    expect(pricingFlags(view.flags).map(([type]) => type).sort()).toEqual(['BELOW_MARKET', 'RELATED_PARTY_SALE']);

    await review('auditor', medium.id, 'DISMISS');
    expect(await flag(sale.id, 'BELOW_MARKET')).toMatchObject({ status: 'OPEN', pendingDismissal: true });
    await review('auditor', medium.id, 'DISMISS', 409);
    await review('auditor2', medium.id, 'DISMISS');
    const dismissed = await flag(sale.id, 'BELOW_MARKET');
    expect(dismissed.status).toBe('DISMISSED');
    expect(dismissed.reviews?.filter((r) => r.decision === 'DISMISS').map((r) => r.severity)).toEqual(['MEDIUM', 'HIGH', 'HIGH']);
  });

  it('does not count a first dismissal of a HIGH flag once its evidence has changed', async () => {
    const project = (await f.project()).id;
    const sale = await sell(project, '2026-06-20', '1000000.00');
    await f.pay(sale.id, '100000.00', '2026-06-20');
    await f.as.clerk.post(`/api/sales/${sale.id}/handover`).send({ handedOverOn: '2026-06-21', occupied: true }).expect(200);
    const unpaid = await flag(sale.id, 'UNPAID_POSSESSION');
    expect(unpaid.severity).toBe('HIGH');
    await review('auditor', unpaid.id, 'DISMISS');
    expect(await flag(sale.id, 'UNPAID_POSSESSION')).toMatchObject({ pendingDismissal: true });

    // A further payment changes what the dismissal was taken on.
    await f.pay(sale.id, '100000.00', '2026-06-25', 'INSTALLMENT');
    const moved = await flag(sale.id, 'UNPAID_POSSESSION');
    expect(moved).toMatchObject({ status: 'OPEN', pendingDismissal: false, evidence: { outstanding: '800000.00' } });
    expect(moved.evidenceHash).not.toBe(unpaid.evidenceHash);
    expect(moved.reviews?.find((r) => r.decision === 'DISMISS')).toMatchObject({ evidenceHash: unpaid.evidenceHash, onCurrentEvidence: false });

    // The second auditor's dismissal is now the first that counts.
    await review('auditor2', unpaid.id, 'DISMISS');
    expect(await flag(sale.id, 'UNPAID_POSSESSION')).toMatchObject({ status: 'OPEN', pendingDismissal: true });
    await review('auditor', unpaid.id, 'DISMISS');
    expect((await flag(sale.id, 'UNPAID_POSSESSION')).status).toBe('DISMISSED');
  });

  it('shows that a decision was taken on earlier evidence when a new comparable moves the market', async () => {
    const project = (await f.project()).id;
    for (const day of ['02', '03', '04']) await sell(project, `2026-02-${day}`, '1000000.00');
    const sale = await sell(project, '2026-02-10', '850000.00');
    const below = await flag(sale.id, 'BELOW_MARKET');
    await review('auditor', below.id, 'CONFIRM');
    expect((await flag(sale.id, 'BELOW_MARKET')).decidedOnEarlierEvidence).toBe(false);
    await sell(project, '2026-02-11', '1050000.00');
    await f.as.auditor.post(`/api/projects/${project}/audit-runs`).send({}).expect(201);
    const after = await flag(sale.id, 'BELOW_MARKET');
    expect(after).toMatchObject({ status: 'CONFIRMED', decidedOnEarlierEvidence: true });
    expect(after.reviews?.find((r) => r.decision === 'CONFIRM')?.onCurrentEvidence).toBe(false);
  });

  describe('MISSING_DEPOSIT with a minimum share', () => {
    it('is not cleared by a token 1.00 "deposit"', async () => {
      const project = (await f.project()).id;
      t.clock.set('2026-06-01T09:00:00Z');
      const sale = await sell(project, '2026-06-01', '1000000.00');
      t.clock.set('2026-06-02T09:00:00Z');
      await f.pay(sale.id, '1.00', '2026-06-02');
      t.clock.set('2026-06-30T09:00:00Z');
      await f.as.auditor.post(`/api/projects/${project}/audit-runs`).send({}).expect(201);
      expect(await flag(sale.id, 'MISSING_DEPOSIT')).toMatchObject({
        status: 'OPEN',
        evidence: { requiredDeposit: '50000.00', paidByDueDate: '1.00', minDepositPct: '5.00' },
      });
    });

    it('comes back when a deposit paid on time is reversed later, and the sale view shows the payments up to the due date', async () => {
      const project = (await f.project()).id;
      t.clock.set('2026-06-01T09:00:00Z');
      const sale = await sell(project, '2026-06-01', '1000000.00');
      t.clock.set('2026-06-03T09:00:00Z');
      const deposit = await f.pay(sale.id, '50000.00', '2026-06-03');
      t.clock.set('2026-06-20T09:00:00Z');
      await f.as.auditor.post(`/api/projects/${project}/audit-runs`).send({}).expect(201);
      expect(await flagsOf(sale.id)).toEqual([]);
      await f.as.finance.post(`/api/sales/${sale.id}/payments/${deposit.id}/reversal`).send({ reversedOn: '2026-06-20', reason: 'cheque bounced' }).expect(201);
      expect(await flag(sale.id, 'MISSING_DEPOSIT')).toMatchObject({ status: 'OPEN', evidence: { paidByDueDate: '0.00' } });
      const view = (await t.admin.get(`/api/sales/${sale.id}`).expect(200)).body;
      expect(view.deposit).toEqual({
        dueDate: '2026-06-08',
        minDepositPct: '5.00',
        requiredDeposit: '50000.00',
        paidByDueDate: '0.00',
        paymentsByDueDate: [{ paymentId: deposit.id, receivedOn: '2026-06-03', kind: 'DEPOSIT', amount: '50000.00', reversedOn: '2026-06-20' }],
      });
    });
  });

  describe('discounts a buyer could get', () => {
    let project: string;
    let ceo: { id: string };

    beforeAll(async () => {
      project = (await f.project()).id;
      ceo = await f.party({ name: 'CEO Lin', insiderRole: 'CEO' });
      for (let i = 1; i <= 3; i += 1) await unit(project, { unitNo: `D-${i}` });
      await f.priceList(project, {
        batchNo: 'B1',
        issuedOn: '2026-01-01',
        discounts: [
          { code: 'EARLY', description: 'signed in the first week', percent: '2.00', stackable: true },
          { code: 'FULL', description: 'paid in full', percent: '3.00', stackable: true },
          { code: 'STAFF', description: 'staff purchase', percent: '10.00', eligibility: 'STAFF' },
        ],
        items: [1, 2, 3].map((i) => ({ unitNo: `D-${i}`, listPrice: '1000000.00' })),
      });
    });

    const unitId = async (unitNo: string) =>
      (await t.admin.get(`/api/projects/${project}/units`).expect(200)).body.items.find((u: { unitNo: string }) => u.unitNo === unitNo).id;

    it('does not flag a price at two stackable published discounts combined', async () => {
      const sale = await f.sale({ unitId: await unitId('D-1'), contractDate: '2026-02-01', netPrice: '950600.00', discountCodes: ['EARLY', 'FULL'] });
      expect(pricingFlags(sale.flags)).toEqual([]);
      expect(sale.discounts).toMatchObject({ batchNo: 'B1', buyerIsStaff: false, combinedPct: '4.94' });
      expect(sale.discounts.discounts.map((d: { code: string; why: string }) => [d.code, d.why])).toEqual([
        ['EARLY', 'STACKS'],
        ['FULL', 'STACKS'],
        ['STAFF', 'STAFF_ONLY'],
      ]);
    });

    it('flags a staff discount taken by an arm’s-length buyer, and not the same price for the CEO', async () => {
      const outsider = await f.sale({ unitId: await unitId('D-2'), contractDate: '2026-02-01', netPrice: '900000.00' });
      expect(pricingFlags(outsider.flags)).toEqual([['EXCESS_DISCOUNT', 'MEDIUM']]);
      expect((await flag(outsider.id, 'EXCESS_DISCOUNT')).evidence).toMatchObject({ lowestPublishedPrice: '950600.00', buyerIsStaff: false });
      const insider = await f.sale({ unitId: await unitId('D-3'), contractDate: '2026-02-01', netPrice: '900000.00', buyerPartyIds: [ceo.id] });
      expect(pricingFlags(insider.flags)).toEqual([['RELATED_PARTY_SALE', 'MEDIUM']]);
      // 0.98 × 0.97 × 0.90 = 0.85554: the deepest a staff buyer could get.
      expect(insider.discounts).toMatchObject({ buyerIsStaff: true, combinedPct: '14.45' });
    });
  });

  it('finds the company behind a chain of three relations with the default settings, and flags its purchase', async () => {
    const project = (await f.project()).id;
    const cfo = await f.party({ name: 'CFO Gao', insiderRole: 'CFO' });
    const [b, a] = [await f.party({ name: 'Gao B' }), await f.party({ name: 'Gao A' })];
    const company = await f.party({ kind: 'COMPANY', name: 'Gao Holdings Ltd' });
    await f.relate(b.id, cfo.id, 'SPOUSE');
    await f.relate(a.id, b.id, 'FAMILY');
    await f.relate(company.id, a.id, 'CONTROLS');
    const sale = await sell(project, '2026-06-29', '1000000.00', { buyerPartyIds: [company.id] });
    expect(sale.relatedParty.paths).toEqual([[company.id, 'CONTROLS', a.id, 'FAMILY', b.id, 'SPOUSE', cfo.id]]);
    expect(sale.flags.map((x: FlagView) => x.type)).toEqual(['RELATED_PARTY_SALE']);
  });

  it('evaluates a backlog import once: no flag is raised and cleared in the same import', async () => {
    const project = await f.project();
    const units = ['unitNo,unitType,saleableArea,costPrice', ...Array.from({ length: 12 }, (_, i) => `K-${i + 1},3BR,100.00,500000.00`)].join('\n');
    await f.as.admin.post(`/api/projects/${project.id}/imports?kind=units`).set('Content-Type', 'text/csv').send(units).expect(201);
    const rows = Array.from({ length: 12 }, (_, i) => `K-${i + 1},2025-0${1 + (i % 6)}-1${i % 10},${i === 5 ? '600000.00' : '1000000.00'},Backlog Buyer ${i + 1}`);
    const sales = ['unitNo,contractDate,netPrice,buyer', ...rows].join('\n');
    const imported = await f.as.clerk.post(`/api/projects/${project.id}/imports?kind=sales`).set('Content-Type', 'text/csv').send(sales).expect(201);
    expect(imported.body.result).toMatchObject({ salesCreated: 12 });
    const { rows: history } = await t.db.sql.query(
      `SELECT r.decision, count(*)::int AS n FROM flag_reviews r JOIN audit_flags a ON a.id = r.flag_id WHERE a.project_id = $1 GROUP BY r.decision`,
      [project.id],
    );
    expect(history).toEqual([]);
    const { rows: flags } = await t.db.sql.query(`SELECT type, status FROM audit_flags WHERE project_id = $1 ORDER BY type`, [project.id]);
    expect(flags.filter((x: { type: string }) => x.type === 'MISSING_DEPOSIT')).toHaveLength(12);
    expect(flags.every((x: { status: string }) => x.status === 'OPEN')).toBe(true);
    // The cheap one is priced against the sales of the file within its window, whether their rows come before or after it.
    const cheap = (await t.admin.get(`/api/sales?projectId=${project.id}`).expect(200)).body.items.find((s: { netPrice: string }) => s.netPrice === '600000.00');
    expect(cheap.market).toMatchObject({ method: 'COMPARABLE_SALES', price: '1000000.00' });
    expect(cheap.flags.map((x: FlagView) => x.type).sort()).toEqual(['BELOW_MARKET', 'MISSING_DEPOSIT']);
  });

  it('judges a sale recorded from the API as an audit run judges it afterwards: same evaluation, same flags, nothing re-evaluated', async () => {
    const project = (await f.project()).id;
    const related = await f.party({ name: 'Insider for the same-judgement check', insiderRole: 'CEO' });
    const spouse = await f.party({ name: 'Spouse for the same-judgement check' });
    await f.relate(spouse.id, related.id, 'SPOUSE');
    for (const [date, price] of [['2026-03-02', '1000000.00'], ['2026-03-09', '1040000.00'], ['2026-03-16', '980000.00'], ['2026-03-23', '1020000.00']]) {
      await sell(project, date, price, { unitSpec: { unitType: '3BR', saleableArea: '100.00', costPrice: '700000.00' } });
    }
    // Judged as it is recorded: below the market, at or below cost, to a related party, with no deposit.
    const recorded = await sell(project, '2026-03-30', '690000.00', {
      buyerPartyIds: [spouse.id], unitSpec: { unitType: '3BR', saleableArea: '100.00', costPrice: '700000.00' },
    });
    expect(recorded.market).toMatchObject({ method: 'COMPARABLE_SALES' });
    expect(recorded.flags.map((x: FlagView) => x.type).sort()).toEqual(['AT_OR_BELOW_COST', 'BELOW_MARKET', 'MISSING_DEPOSIT', 'RELATED_PARTY_SALE']);
    const stored = async () =>
      (await t.db.sql.query('SELECT evaluation_hash, evaluation, market_basis FROM sales WHERE id = $1', [recorded.id])).rows[0];
    const before = await stored();

    const run = await f.as.auditor.post(`/api/projects/${project}/audit-runs`).send({}).expect(201);
    expect(run.body).toMatchObject({ flagsRaised: 0, flagsUpdated: 0, flagsCleared: 0, flagsReopened: 0 });
    expect(await stored()).toEqual(before);
    const { rows } = await t.db.sql.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'sale.re-evaluated' AND entity_id = $1`, [recorded.id]);
    expect(rows[0].n).toBe(0);
    // The answer was the sale as stored.
    const read = (await t.admin.get(`/api/sales/${recorded.id}`).expect(200)).body;
    expect(read).toEqual(recorded);
  });
  it('stamps every sale of the project with an audit run\'s time once, on the project, without rewriting the sale rows; a later re-judgement of one sale shows its own time', async () => {
    const project = (await f.project()).id;
    const sales = [];
    for (const date of ['2026-04-01', '2026-04-08', '2026-04-15']) sales.push(await sell(project, date, '1000000.00'));
    const evaluatedAt = async (saleId: string) => (await t.admin.get(`/api/sales/${saleId}`).expect(200)).body.evaluatedAt;
    expect(await evaluatedAt(sales[0].id)).toBe('2026-06-30T09:00:00.000Z');
    const versions = async () =>
      (await t.db.sql.query('SELECT id, xmin::text AS version FROM sales WHERE project_id = $1 ORDER BY id', [project])).rows;
    const before = await versions();

    t.clock.set('2026-07-01T10:00:00.000Z');
    await f.as.auditor.post(`/api/projects/${project}/audit-runs`).send({}).expect(201);
    for (const sale of sales) expect(await evaluatedAt(sale.id)).toBe('2026-07-01T10:00:00.000Z');
    // Nothing moved: no sale row was written by the run.
    expect(await versions()).toEqual(before);
    const listed = (await t.admin.get(`/api/sales?projectId=${project}`).expect(200)).body.items;
    expect(listed.map((sale: { evaluatedAt: string }) => sale.evaluatedAt)).toEqual(sales.map(() => '2026-07-01T10:00:00.000Z'));

    // The next day its buyer is found to be the CEO's spouse: that sale alone is re-judged, and its own stamp is the later.
    t.clock.set('2026-07-02T08:00:00.000Z');
    const ceo = await f.party({ name: 'CEO for the evaluation stamp', insiderRole: 'CEO' });
    await f.relate(sales[1].buyers[0].id, ceo.id, 'SPOUSE');
    expect(await evaluatedAt(sales[1].id)).toBe('2026-07-02T08:00:00.000Z');
    expect(await evaluatedAt(sales[0].id)).toBe('2026-07-01T10:00:00.000Z');
  });

  it('judges a sale about to be recorded against hundreds of thousands of others about to be recorded with it', async () => {
    const project = await f.project();
    const sold = await unit(project.id, { unitType: '2BR', saleableArea: '80.00' });
    // An import's rows not written yet, as the engine is given them: a dense launch, all in the sale's window.
    const pending = async () =>
      Array.from({ length: 200_000 }, (_, i) => ({
        id: `pending-${i}`, unitNo: `P-${i}`, unitType: '2BR', contractDate: '2026-06-01', saleableArea: '80.00', netPrice: '4000000.00',
        cancelledOn: null, relatedParty: false,
      }));
    const sale = {
      id: randomUUID(), projectId: project.id, unitId: sold.id, unitNo: sold.unitNo, unitType: '2BR', saleableArea: dec('80.00'), costPrice: null,
      contractDate: '2026-06-02', listPrice: null, netPrice: dec('4000000.00'), priceListId: null, cancelledOn: null, evaluationHash: null,
    };
    const [judgement] = await t.app.get(EvaluationEngine).judgeUnrecorded(
      t.app.get(DataSource), project.id, effectiveSettings({}), [{ sale, buyers: [], referrer: null }], '2026-06-30', new Date(), pending,
    );
    expect(judgement.evaluation.market).toMatchObject({ method: 'COMPARABLE_SALES' });
    expect(judgement.evaluation.market!.pricePerSqm.toFixed(2)).toBe('50000.00');
    expect(judgement.evaluation.market!.basis).toMatchObject({ candidates: 200_000, count: 200_000 });
  });
});

