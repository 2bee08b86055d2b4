import { LedgerFactory } from '../factories/ledger';
import { TestApp, createTestApp } from '../utils/test-app';

/** Liquidation reports (docs/api-guide.md): reports compared by as-of date, and a second report of the same date a restatement. */
describe('liquidation reports by as-of date (e2e)', () => {
  let t: TestApp;
  let f: LedgerFactory;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-10-31T09:00:00.000Z' });
    f = await LedgerFactory.create(t);
  });
  afterAll(() => t.close());

  const generate = (projectId: string, asOf: string) => f.report(projectId, asOf);

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
    // Raised in October, when the sale was recorded, for a buyer related on 30 June already: the report carries the register's flag.
    const line = report.sales.find((l: { saleId: string }) => l.saleId === sale.id);
    expect(line.flags).toContainEqual({ id: related.id, type: 'RELATED_PARTY_SALE', severity: related.severity, status: 'OPEN' });
    const raisedLater = report.subsequentEvents.flagsRaised.map((flag: { flagId: string }) => flag.flagId);
    expect(raisedLater).not.toContain(related.id);
    // Raised in October before the March deposit was recorded, for a condition that never held on 30 June: an event after the date.
    const missing = (await t.admin.get(`/api/audit-flags?saleId=${sale.id}&type=MISSING_DEPOSIT`).expect(200)).body.items[0];
    expect(missing.status).toBe('CLEARED');
    expect(raisedLater).toEqual([missing.id]);
    // Cleared since, when the March deposit was recorded: the event says so.
    expect(report.subsequentEvents.flagsRaised[0]).toMatchObject({ type: 'MISSING_DEPOSIT', status: 'CLEARED', unitNo: 'S-1' });
    expect(line.flags.map((flag: { type: string }) => flag.type)).not.toContain('MISSING_DEPOSIT');
    const note = report.notes.find((n: { saleId: string }) => n.saleId === sale.id);
    expect(note.text).not.toContain('2026-07-15');
    expect(note.text).not.toContain('200,000.00');
  });

  describe('a report judges its flags as of its date, into the report only', () => {
    /** What a report may not change: the live register, its history and the sales' stored evaluations. */
    const registerOf = async (projectId: string) =>
      (
        await t.db.sql.query(
          `SELECT f.id, f.type, f.status, f.severity, f.pending_dismissal, f.updated_at, s.evaluation_hash, s.evaluated_at,
                  (SELECT p.sales_evaluated_at FROM projects p WHERE p.id = f.project_id) AS project_evaluated_at,
                  (SELECT count(*) FROM flag_reviews r WHERE r.flag_id = f.id)::int AS entries
           FROM audit_flags f LEFT JOIN sales s ON s.id = f.sale_id WHERE f.project_id = $1 ORDER BY f.id`,
          [projectId],
        )
      ).rows;

    it('leaves the live register untouched when back-dated: a flag a later payment cleared stands open in the report', async () => {
      const project = (await f.project()).id;
      const [unit] = await f.units(project, 1, {}, 'H');
      const sale = await f.sale({ unitId: unit.id, contractDate: '2026-03-01', netPrice: '1000000.00' });
      await f.pay(sale.id, '100000.00', '2026-03-02');
      await f.as.clerk.post(`/api/sales/${sale.id}/handover`).send({ handedOverOn: '2026-04-01', occupied: true }).expect(200);
      const flagsOf = async () => (await t.admin.get(`/api/audit-flags?saleId=${sale.id}&type=UNPAID_POSSESSION`).expect(200)).body.items;
      const [unpaid] = await flagsOf();
      expect(unpaid.status).toBe('OPEN');
      // Paid in full in September: the live register clears the flag.
      await f.pay(sale.id, '900000.00', '2026-09-15', 'BALANCE');
      expect((await flagsOf())[0].status).toBe('CLEARED');
      const [register, log] = [await registerOf(project), await f.count('audit_log')];

      const june = await generate(project, '2026-06-30');
      const line = june.sales.find((l: { saleId: string }) => l.saleId === sale.id);
      expect(line.flags).toContainEqual({ id: unpaid.id, type: 'UNPAID_POSSESSION', severity: 'HIGH', status: 'OPEN' });
      expect(june.summary.openFlags.byType.UNPAID_POSSESSION).toBe(1);
      expect(june.receivables).toEqual([expect.objectContaining({ saleId: sale.id, amount: '900000.00', occupied: true })]);

      // Nothing but the report itself and its log entry was written.
      expect(await registerOf(project)).toEqual(register);
      expect(await f.count('audit_log')).toBe(log + 1);
      expect((await flagsOf())[0].status).toBe('CLEARED');
      const today = await generate(project, '2026-10-31');
      expect(today.sales[0].flags).toContainEqual({ id: unpaid.id, type: 'UNPAID_POSSESSION', severity: 'HIGH', status: 'CLEARED' });
    });

    it('gives each flag the outcome decided by the as-of date in the project time zone, later decisions being subsequent events', async () => {
      const project = (await f.project()).id; // CNY: Asia/Shanghai
      const [unit] = await f.units(project, 1, {}, 'Z');
      t.clock.set('2026-04-20T09:00:00.000Z');
      // Signed 1 April, no deposit by the 8th: MISSING_DEPOSIT is raised when the sale is recorded on the 20th.
      const sale = await f.sale({ unitId: unit.id, contractDate: '2026-04-01', netPrice: '1000000.00' });
      const flag = (await t.admin.get(`/api/audit-flags?saleId=${sale.id}&type=MISSING_DEPOSIT`).expect(200)).body.items[0];
      t.clock.set('2026-05-10T09:00:00.000Z');
      await f.as.auditor.post(`/api/audit-flags/${flag.id}/reviews`).send({ decision: 'COMMENT', note: 'asked the sales office' }).expect(201);
      // 00:30 on 1 July in Shanghai, still 30 June in UTC.
      t.clock.set('2026-06-30T16:30:00.000Z');
      await f.as.auditor.post(`/api/audit-flags/${flag.id}/reviews`).send({ decision: 'DISMISS', note: 'deposit waived by the board' }).expect(201);
      t.clock.set('2026-10-31T09:00:00.000Z');

      const june = await generate(project, '2026-06-30');
      expect(june.project.timeZone).toBe('Asia/Shanghai');
      expect(june.sales[0].flags).toEqual([{ id: flag.id, type: 'MISSING_DEPOSIT', severity: flag.severity, status: 'OPEN' }]);
      expect(june.subsequentEvents.reviews).toEqual([
        expect.objectContaining({ flagId: flag.id, decision: 'DISMISS', at: '2026-06-30T16:30:00.000Z' }),
      ]);
      const note = june.notes.find((n: { saleId: string }) => n.saleId === sale.id);
      expect(note.text).toContain('(medium, 1 comment) is open, not yet decided');

      const july = await generate(project, '2026-07-01');
      expect(july.sales[0].flags).toEqual([{ id: flag.id, type: 'MISSING_DEPOSIT', severity: flag.severity, status: 'DISMISSED' }]);
      expect(july.subsequentEvents.reviews).toEqual([]);
      expect(july.changesSincePrevious.flagsClosed).toEqual([
        { id: flag.id, type: 'MISSING_DEPOSIT', severity: flag.severity, status: 'DISMISSED', saleId: sale.id, previousStatus: 'OPEN' },
      ]);
    });

    it('reads dates in the time zone the project was given, not its currency\'s', async () => {
      const project = (await f.as.admin.post('/api/projects').send({ code: 'LDN-1', name: 'Thames Wharf', currency: 'CNY', timeZone: 'Europe/London' }).expect(201)).body.id;
      const [unit] = await f.units(project, 1, {}, 'L');
      t.clock.set('2026-04-20T09:00:00.000Z');
      const sale = await f.sale({ unitId: unit.id, contractDate: '2026-04-01', netPrice: '1000000.00' });
      const flag = (await t.admin.get(`/api/audit-flags?saleId=${sale.id}&type=MISSING_DEPOSIT`).expect(200)).body.items[0];
      // 23:30 on 30 June in London (BST), already 1 July in Shanghai.
      t.clock.set('2026-06-30T22:30:00.000Z');
      await f.as.auditor.post(`/api/audit-flags/${flag.id}/reviews`).send({ decision: 'DISMISS', note: 'deposit waived by the board' }).expect(201);
      t.clock.set('2026-10-31T09:00:00.000Z');
      const june = await generate(project, '2026-06-30');
      expect(june.project.timeZone).toBe('Europe/London');
      expect(june.sales[0].flags).toEqual([expect.objectContaining({ id: flag.id, status: 'DISMISSED' })]);
    });

    it('finds, as of today, a flag no audit run has raised yet, without raising it', async () => {
      const project = (await f.project()).id;
      const [unit] = await f.units(project, 1, {}, 'T');
      t.clock.set('2026-10-21T09:00:00.000Z');
      // Recorded the day after signing: the deposit is not late yet (due by the 27th), and no flag is raised.
      const sale = await f.sale({ unitId: unit.id, contractDate: '2026-10-20', netPrice: '1000000.00' });
      t.clock.set('2026-10-31T09:00:00.000Z');
      const before = await registerOf(project);
      expect(before.map((flag: { type: string }) => flag.type)).not.toContain('MISSING_DEPOSIT');

      const report = await generate(project, '2026-10-31');
      expect(report.sales[0].flags).toEqual([{ id: null, type: 'MISSING_DEPOSIT', severity: 'MEDIUM', status: 'OPEN' }]);
      expect(report.summary.openFlags.byType).toEqual({ MISSING_DEPOSIT: 1 });
      expect(await registerOf(project)).toEqual(before);
      // An audit run raises it; the next report of the day carries the register's id and restates nothing else.
      await f.as.auditor.post(`/api/projects/${project}/audit-runs`).send({}).expect(201);
      const raised = (await t.admin.get(`/api/audit-flags?saleId=${sale.id}&type=MISSING_DEPOSIT`).expect(200)).body.items[0];
      const again = await generate(project, '2026-10-31');
      expect(again.sales[0].flags).toEqual([{ id: raised.id, type: 'MISSING_DEPOSIT', severity: 'MEDIUM', status: 'OPEN' }]);
      expect(again.restatement.totals).toEqual([]);
    });
  });
});
