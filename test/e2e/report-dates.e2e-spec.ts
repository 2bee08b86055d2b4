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

  it('lists what was dated after the as-of date apart, as subsequent events, and leaves it out of the figures and notes', async () => {
    const project = (await f.project()).id;
    const [unit, other] = await f.units(project, 2, { costPrice: '1000000.00' }, 'S');
    const ceo = await f.party({ name: 'CEO Xu', insiderRole: 'CEO' });
    const sale = await f.sale({ unitId: unit.id, buyerPartyIds: [ceo.id], contractDate: '2026-03-01', netPrice: '1000000.00' });
    await f.pay(sale.id, '100000.00', '2026-03-02');
    const late = await f.pay(sale.id, '200000.00', '2026-07-15', 'INSTALLMENT');
    const toCancel = await f.sale({ unitId: other.id, contractDate: '2026-03-05', netPrice: '1200000.00' });
    await f.as.clerk.post(`/api/sales/${toCancel.id}/cancellation`).send({ cancelledOn: '2026-08-01', reason: 'withdrawn' }).expect(200);
    const related = (await t.admin.get(`/api/audit-flags?saleId=${sale.id}&type=RELATED_PARTY_SALE`).expect(200)).body.items[0];
    await f.as.auditor.post(`/api/audit-flags/${related.id}/reviews`).send({ decision: 'COMMENT', note: 'asked the CEO in October' }).expect(201);

    const report = await generate(project, '2026-06-30');
    expect(report.summary.cashReceived).toBe('100000.00');
    expect(report.sales.map((line: { saleId: string }) => line.saleId).sort()).toEqual([sale.id, toCancel.id].sort());
    expect(report.subsequentEvents.payments).toEqual([
      { saleId: sale.id, unitNo: 'S-1', paymentId: late.id, amount: '200000.00', receivedOn: '2026-07-15', kind: 'INSTALLMENT', reversalOf: null },
    ]);
    expect(report.subsequentEvents.cancellations).toEqual([{ saleId: toCancel.id, unitNo: 'S-2', cancelledOn: '2026-08-01' }]);
    expect(report.subsequentEvents.reviews).toEqual([
      expect.objectContaining({ flagId: related.id, type: 'RELATED_PARTY_SALE', saleId: sale.id, decision: 'COMMENT' }),
    ]);
    // Every flag of these sales was raised when they were recorded, in October: after the as-of date.
    expect(report.subsequentEvents.flagsRaised.map((flag: { flagId: string }) => flag.flagId)).toContain(related.id);
    const note = report.notes.find((n: { saleId: string }) => n.saleId === sale.id);
    expect(note.text).not.toContain('2026-07-15');
    expect(note.text).not.toContain('200,000.00');
  });
});
