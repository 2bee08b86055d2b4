import { LedgerFactory } from '../factories/ledger';
import { TestApp, createTestApp } from '../utils/test-app';

type FlagSummary = { type: string; severity: string; status: string };
const byType = (flags: FlagSummary[]) =>
  Object.fromEntries(flags.map((flag) => [flag.type, `${flag.severity} ${flag.status}`]));

/** The two real cases in the README, through HTTP on PostgreSQL. */
describe('the cases the ledger exists for (e2e)', () => {
  let t: TestApp;
  let f: LedgerFactory;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-06-30T09:00:00.000Z' });
    f = await LedgerFactory.create(t);
  });
  afterAll(() => t.close());

  describe("the CEO's driver", () => {
    let projectId: string;
    let driverSale: { id: string; flags: FlagSummary[] } & Record<string, unknown>;
    let armsLength: Array<{ id: string }>;
    let ceo: { id: string };
    let driver: { id: string };

    beforeAll(async () => {
      // Each event is recorded on the day it happens.
      t.clock.set('2026-01-01T09:00:00Z');
      projectId = (await f.project()).id;
      const units = await f.units(projectId, 5, { unitType: '3BR', saleableArea: '100.00', costPrice: '3000000.00' }, 'T2');
      await f.priceList(projectId, {
        batchNo: 'B1', issuedOn: '2026-01-01',
        discounts: [{ code: 'EARLY', description: 'early bird', percent: '5.00' }],
        items: units.map((unit) => ({ unitNo: unit.unitNo, listPrice: '4200000.00' })),
      });
      armsLength = [];
      for (const [i, date] of ['2026-02-10', '2026-02-20', '2026-03-01', '2026-03-05'].entries()) {
        t.clock.set(`${date}T09:00:00Z`);
        const sale = await f.sale({ unitId: units[i].id, contractDate: date, netPrice: '4000000.00' });
        await f.pay(sale.id, '400000.00', date);
        armsLength.push(sale);
      }
      ceo = await f.party({ name: 'Li Wei', insiderRole: 'CEO' });
      driver = await f.party({ name: 'Zhang San', idNumber: '110101199001011234' });
      await f.relate(driver.id, ceo.id, 'PERSONAL_STAFF');

      t.clock.set('2026-03-06T09:00:00Z');
      driverSale = await f.sale({ unitId: units[4].id, buyerPartyIds: [driver.id], contractDate: '2026-03-02', netPrice: '3000000.00' });
      t.clock.set('2026-03-20T09:00:00Z');
      await f.as.clerk.post(`/api/sales/${driverSale.id}/handover`).send({ handedOverOn: '2026-03-20', occupied: true }).expect(200);
      t.clock.set('2026-06-30T09:00:00Z');
    });

    it('is flagged the day it is recorded: a related party, under the market, at cost, under the published discount', () => {
      expect(driverSale).toMatchObject({
        relatedParty: { isRelated: true, paths: [[driver.id, 'PERSONAL_STAFF', ceo.id]] },
        market: { method: 'COMPARABLE_SALES', price: '4000000.00' },
        variance: { amount: '-1000000.00', pct: '-25.00' },
        listPrice: '4200000.00',
      });
      expect(byType(driverSale.flags)).toEqual({
        RELATED_PARTY_SALE: 'MEDIUM OPEN',
        BELOW_MARKET: 'HIGH OPEN',
        AT_OR_BELOW_COST: 'HIGH OPEN',
        EXCESS_DISCOUNT: 'HIGH OPEN',
      });
    });

    it('has every flag it should once the keys are handed over unpaid, with the right severities', async () => {
      const sale = (await t.admin.get(`/api/sales/${driverSale.id}`).expect(200)).body;
      expect(byType(sale.flags)).toEqual({
        RELATED_PARTY_SALE: 'MEDIUM OPEN',
        BELOW_MARKET: 'HIGH OPEN',
        AT_OR_BELOW_COST: 'HIGH OPEN',
        EXCESS_DISCOUNT: 'HIGH OPEN',
        MISSING_DEPOSIT: 'HIGH OPEN',
        UNPAID_POSSESSION: 'HIGH OPEN',
      });
      expect(sale).toMatchObject({ paid: '0.00', outstanding: '3000000.00', handedOverOn: '2026-03-20', occupied: true });
    });

    it('explains each flag with its evidence', async () => {
      const flags = (await t.admin.get(`/api/audit-flags?saleId=${driverSale.id}&limit=10`).expect(200)).body.items;
      const evidence = Object.fromEntries(flags.map((flag: { type: string; evidence: unknown }) => [flag.type, flag.evidence]));
      expect(evidence.RELATED_PARTY_SALE).toMatchObject({ paths: [[driver.id, 'PERSONAL_STAFF', ceo.id]] });
      expect(evidence.BELOW_MARKET).toMatchObject({
        netPrice: '3000000.00', marketPrice: '4000000.00', method: 'COMPARABLE_SALES', shortfall: '1000000.00', shortfallPct: '25.00',
        baseSeverity: 'MEDIUM', escalatedBy: 'RELATED_PARTY_SALE',
      });
      expect(evidence.BELOW_MARKET.basis).toMatchObject({ count: 4, windowDays: 90 });
      expect(evidence.AT_OR_BELOW_COST).toMatchObject({ netPrice: '3000000.00', costPrice: '3000000.00' });
      expect(evidence.UNPAID_POSSESSION).toMatchObject({ handedOverOn: '2026-03-20', occupied: true, paid: '0.00', outstanding: '3000000.00' });
      expect(evidence.MISSING_DEPOSIT).toMatchObject({ dueDate: '2026-03-09', paidByDueDate: '0.00' });
      expect(flags.every((flag: { ruleVersion: number }) => flag.ruleVersion >= 1)).toBe(true);
    });

    it('leaves the arm’s-length sales of the same project unflagged', async () => {
      for (const sale of armsLength) {
        expect((await t.admin.get(`/api/sales/${sale.id}`).expect(200)).body.flags).toEqual([]);
      }
    });

    it('shows the driver’s flags on his party record', async () => {
      const party = (await t.admin.get(`/api/parties/${driver.id}`).expect(200)).body;
      expect(party.relatedParty.isRelated).toBe(true);
      expect(party.flags.map((flag: { type: string }) => flag.type).sort()).toEqual(
        ['AT_OR_BELOW_COST', 'BELOW_MARKET', 'EXCESS_DISCOUNT', 'MISSING_DEPOSIT', 'RELATED_PARTY_SALE', 'UNPAID_POSSESSION'],
      );
    });

    it('never duplicates a flag, however often the rules run', async () => {
      // The first run sees comparables that were sold after some sales were recorded; the second has nothing new.
      const first = await f.as.auditor.post(`/api/projects/${projectId}/audit-runs`).send({}).expect(201);
      expect(first.body).toMatchObject({ salesEvaluated: 5, flagsRaised: 0, flagsCleared: 0, flagsReopened: 0 });
      expect(first.body.salesReevaluated).toBeGreaterThan(0);
      const second = await f.as.auditor.post(`/api/projects/${projectId}/audit-runs`).send({}).expect(201);
      expect(second.body).toMatchObject({
        salesEvaluated: 5, salesReevaluated: 0, flagsRaised: 0, flagsUpdated: 0, flagsCleared: 0, flagsReopened: 0,
      });
      const { rows } = await t.db.sql.query('SELECT count(*)::int AS n FROM audit_flags WHERE sale_id = $1', [driverSale.id]);
      expect(rows[0].n).toBe(6);
    });

    it('lists the project’s flagged sales', async () => {
      const flagged = (await t.admin.get(`/api/sales?projectId=${projectId}&flagged=true`).expect(200)).body;
      expect(flagged.items.map((sale: { id: string }) => sale.id)).toEqual([driverSale.id]);
      const clean = (await t.admin.get(`/api/sales?projectId=${projectId}&flagged=false`).expect(200)).body;
      expect(clean.total).toBe(4);
    });
  });

  describe('the time-reversal price', () => {
    let projectId: string;

    beforeAll(async () => {
      projectId = (await f.project()).id;
      await f.units(projectId, 2, { unitType: '3BR', saleableArea: '100.00' }, 'A');
      await f.units(projectId, 2, { unitType: '3BR', saleableArea: '100.00' }, 'B');
      await f.units(projectId, 2, { unitType: '2BR', saleableArea: '80.00' }, 'C');
      await f.marketPrice(projectId, { asOf: '2025-05-15', pricePerSqm: '40000.00', source: 'INDEX' });
      await f.marketPrice(projectId, { asOf: '2026-01-20', pricePerSqm: '44800.00', source: 'INDEX' });
    });

    it('flags a new batch priced under an earlier one in a market up 12%, HIGH, naming both', async () => {
      const first = await f.priceList(projectId, {
        batchNo: 'B1', issuedOn: '2025-06-01',
        discounts: [{ code: 'D', description: 'launch', percent: '2.00' }],
        items: [{ unitNo: 'A-1', listPrice: '5102040.82' }, { unitNo: 'A-2', listPrice: '5102040.82' }],
      });
      expect(first.byUnitType).toEqual([expect.objectContaining({ unitType: '3BR', averageNetPricePerSqm: '50000.00' })]);
      const second = await f.priceList(projectId, {
        batchNo: 'B2', issuedOn: '2026-02-01',
        items: [{ unitNo: 'B-1', listPrice: '4800000.00' }, { unitNo: 'B-2', listPrice: '4800000.00' }, { unitNo: 'C-1', listPrice: '4000000.00' }],
      });
      const flags = (await t.admin.get(`/api/audit-flags?projectId=${projectId}&type=PRICE_BELOW_EARLIER_BATCH`).expect(200)).body.items;
      expect(flags).toHaveLength(1);
      expect(flags[0]).toMatchObject({
        subjectType: 'PRICE_LIST', priceListId: second.id, unitType: '3BR', severity: 'HIGH', status: 'OPEN',
        evidence: {
          batchNo: 'B2', averageNetPricePerSqm: '48000.00',
          earlierBatch: { batchNo: 'B1', averageNetPricePerSqm: '50000.00', priceListId: first.id },
          marketChange: { fromPricePerSqm: '40000.00', toPricePerSqm: '44800.00', changePct: '12.00' },
        },
      });
    });

    it('leaves a later batch priced above the earlier ones alone', async () => {
      await f.priceList(projectId, { batchNo: 'B3', issuedOn: '2026-03-01', items: [{ unitNo: 'C-2', listPrice: '4400000.00' }] });
      const run = await f.as.auditor.post(`/api/projects/${projectId}/audit-runs`).send({}).expect(201);
      expect(run.body).toMatchObject({ priceListsEvaluated: 3, flagsRaised: 0, flagsCleared: 0 });
      const flags = (await t.admin.get(`/api/audit-flags?projectId=${projectId}`).expect(200)).body;
      expect(flags.total).toBe(1);
    });
  });
});
