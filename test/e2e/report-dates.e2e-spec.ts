import { LedgerFactory } from '../factories/ledger';
import { TestApp, createTestApp } from '../utils/test-app';

/** SPEC v2 §5: reports compared by as-of date, and a second report of the same date a restatement. */
describe('liquidation reports by as-of date (e2e)', () => {
  let t: TestApp;
  let f: LedgerFactory;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-10-31T09:00:00.000Z' });
    f = await LedgerFactory.create(t);
  });
  afterAll(() => t.close());

  const generate = async (projectId: string, asOf: string) =>
    (await f.as.auditor.post(`/api/projects/${projectId}/liquidation-reports`).send({ asOf }).expect(201)).body;

  it('compares a report with the latest one of an earlier as-of date, whatever the order they were generated in', async () => {
    const project = (await f.project()).id;
    const units = await f.units(project, 3, {}, 'D');
    const march = await f.sale({ unitId: units[0].id, contractDate: '2026-02-10', netPrice: '1000000.00' });
    await f.pay(march.id, '100000.00', '2026-02-12');
    await f.sale({ unitId: units[1].id, contractDate: '2026-05-10', netPrice: '2000000.00' });
    await f.sale({ unitId: units[2].id, contractDate: '2026-08-10', netPrice: '3000000.00' });

    const june = await generate(project, '2026-06-30');
    const marchReport = await generate(project, '2026-03-31');
    const september = await generate(project, '2026-09-30');

    expect(june.changesSincePrevious).toBeNull();
    // Generated after June, but nothing is earlier than March: no phantom "removed" sales.
    expect(marchReport.changesSincePrevious).toBeNull();
    expect(marchReport.previousReportId).toBeNull();
    expect(september.changesSincePrevious).toMatchObject({ previousReportId: june.id, previousAsOf: '2026-06-30', salesRemoved: [] });
    expect(september.changesSincePrevious.salesAdded.map((s: { unitNo: string }) => s.unitNo)).toEqual(['D-3']);
    expect(september.previousReportId).toBe(june.id);
  });

  it('restates a report of the same date when a payment dated before it is recorded late, listing the totals and lines that moved', async () => {
    const project = (await f.project()).id;
    const [unit] = await f.units(project, 1, {}, 'R');
    const sale = await f.sale({ unitId: unit.id, contractDate: '2026-04-01', netPrice: '1000000.00' });
    await f.pay(sale.id, '100000.00', '2026-04-02');
    const first = await generate(project, '2026-05-31');
    expect(first).toMatchObject({ restatementOf: null, restatement: null });

    const again = await generate(project, '2026-05-31');
    expect(again).toMatchObject({ restatementOf: first.id, restatement: { totals: [], lines: [] } });

    // Received in May, recorded in October.
    await f.pay(sale.id, '400000.00', '2026-05-20', 'INSTALLMENT');
    const restated = await generate(project, '2026-05-31');
    expect(restated.restatementOf).toBe(again.id);
    expect(restated.restatement.totals).toEqual(
      expect.arrayContaining([
        { field: 'cashReceived', previous: '100000.00', current: '500000.00' },
        { field: 'receivables', previous: '900000.00', current: '500000.00' },
      ]),
    );
    const line = restated.restatement.lines.find((l: { section: string }) => l.section === 'sales');
    expect(line).toMatchObject({ saleId: sale.id, unitNo: 'R-1', change: 'CHANGED' });
    expect(line.fields).toEqual(expect.arrayContaining([{ field: 'paid', previous: '100000.00', current: '500000.00' }]));
    // The first report stays as it was frozen.
    expect((await t.admin.get(`/api/projects/${project}/liquidation-reports/${first.id}`).expect(200)).body.summary.cashReceived).toBe('100000.00');
  });
});
