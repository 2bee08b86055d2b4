import fc from 'fast-check';
import { dec } from '../common/money';
import { NoteFacts, NoteWriter } from './notes/note-facts';
import { daysBetween } from '../common/business-dates';
import { RegisterFlag, ReportInput, ReportSaleInput, agingBucket, buildReport, cancellationsAsOf, subsequentEventsOf } from './report-builder';

const plainNotes: NoteWriter = (facts: NoteFacts, lang) => `${lang}: ${facts.buyers.map((b) => b.name).join(', ')} owes ${facts.outstanding}`;

const project = { id: 'p1', code: 'BAY', name: 'Bayview', currency: 'CNY', timeZone: 'Asia/Shanghai', city: 'Shenzhen' };

function sale(overrides: Partial<ReportSaleInput> & { id: string }): ReportSaleInput {
  return {
    unitNo: overrides.id.toUpperCase(),
    unitType: '3BR',
    saleableArea: dec('100.00'),
    contractDate: '2026-01-10',
    cancelledOn: null,
    listPrice: null,
    netPrice: dec('1000000.00'),
    market: null,
    relatedParty: { isRelated: false, paths: [] },
    buyers: [{ id: `b-${overrides.id}`, name: `Buyer ${overrides.id}`, insiderRole: null }],
    referrer: null,
    payments: [],
    handovers: [],
    flags: [],
    forfeited: dec(0),
    refunds: [],
    ...overrides,
  };
}

function input(sales: ReportSaleInput[], asOf = '2026-06-30', unitsTotal = 10): ReportInput {
  return { project, asOf, unitsTotal, sales, priceListFlags: [], priceLists: [], registerFlags: [], parties: {}, relations: [], previous: null, restated: null };
}

describe('liquidation report builder', () => {
  it('includes sales signed by the as-of date and not cancelled by then', () => {
    const report = buildReport(
      input([
        sale({ id: 'signed-after', contractDate: '2026-07-01' }),
        sale({ id: 'cancelled-before', cancelledOn: '2026-06-30' }),
        sale({ id: 'cancelled-after', cancelledOn: '2026-07-01' }),
        sale({ id: 'active' }),
      ]),
      plainNotes,
    );
    expect(report.sales.map((line) => line.saleId)).toEqual(['active', 'cancelled-after']);
    expect(report.summary).toMatchObject({ unitsTotal: 10, unitsSold: 2, unitsUnsold: 8, contractValue: '2000000.00' });
  });

  it('counts only payments received by the as-of date, reversals included', () => {
    const report = buildReport(
      input([
        sale({
          id: 'a',
          payments: [
            { id: 'p1', amount: dec('300000.00'), receivedOn: '2026-02-01', kind: 'DEPOSIT', reversalOf: null },
            { id: 'p2', amount: dec('-300000.00'), receivedOn: '2026-03-01', kind: 'DEPOSIT', reversalOf: 'p1' },
            { id: 'p3', amount: dec('100000.00'), receivedOn: '2026-06-30', kind: 'DEPOSIT', reversalOf: null },
            { id: 'p4', amount: dec('600000.00'), receivedOn: '2026-07-01', kind: 'BALANCE', reversalOf: null },
          ],
        }),
      ]),
      plainNotes,
    );
    expect(report.sales[0]).toMatchObject({ paid: '100000.00', outstanding: '900000.00' });
    expect(report.sales[0].payments.map((p) => p.id)).toEqual(['p1', 'p2', 'p3']);
    expect(report.summary).toMatchObject({ cashReceived: '100000.00', receivables: '900000.00' });
  });

  it('ages receivables from the contract date', () => {
    expect([90, 91, 180, 181, 365, 366].map(agingBucket)).toEqual(['0-90', '91-180', '91-180', '181-365', '181-365', '>365']);
    const report = buildReport(input([sale({ id: 'old', contractDate: '2025-06-30' })]), plainNotes);
    expect(report.receivables[0]).toMatchObject({ daysOutstanding: 365, agingBucket: '181-365', debtors: ['Buyer old'], amount: '1000000.00' });
  });

  it('writes a note, in both languages, for every related-party sale and every flagged receivable, and refers to it', () => {
    const related = sale({ id: 'driver', relatedParty: { isRelated: true, paths: [['b-driver', 'PERSONAL_STAFF', 'ceo']] } });
    const flagged = sale({ id: 'flagged', flags: [{ id: 'f1', type: 'MISSING_DEPOSIT', severity: 'MEDIUM', status: 'OPEN', pendingDismissal: false, reviews: [] }] });
    const clearedOnly = sale({ id: 'cleared', flags: [{ id: 'f2', type: 'MISSING_DEPOSIT', severity: 'MEDIUM', status: 'CLEARED', pendingDismissal: false, reviews: [] }] });
    const paidUp = sale({
      id: 'paid', payments: [{ id: 'x', amount: dec('1000000.00'), receivedOn: '2026-01-10', kind: 'BALANCE', reversalOf: null }],
      flags: [{ id: 'f3', type: 'BELOW_MARKET', severity: 'MEDIUM', status: 'OPEN', pendingDismissal: false, reviews: [] }],
    });
    const report = buildReport(input([related, flagged, clearedOnly, paidUp]), plainNotes);
    expect(report.notes.en.map((note) => [note.number, note.saleId])).toEqual([[1, 'driver'], [2, 'flagged']]);
    expect(report.notes.zh[0].text).toBe('zh: Buyer driver owes 1000000.00');
    expect(report.receivables.find((r) => r.saleId === 'driver')).toMatchObject({ relatedParty: true, noteRefs: [1] });
    expect(report.sales.find((line) => line.saleId === 'cleared')?.noteRefs).toEqual([]);
    expect(report.summary.relatedPartyReceivables).toBe('1000000.00');
    expect(report.summary.openFlags).toEqual({ total: 2, byType: { BELOW_MARKET: 1, MISSING_DEPOSIT: 1 }, bySeverity: { MEDIUM: 2 } });
  });

  it('sums the market shortfall over sales under the market only', () => {
    const market = (price: string) => ({ price: dec(price), pricePerSqm: dec('1'), method: 'UNIT_APPRAISAL', basis: {} });
    const report = buildReport(
      input([sale({ id: 'under', market: market('1250000.00') }), sale({ id: 'over', market: market('900000.00') }), sale({ id: 'none' })]),
      plainNotes,
    );
    expect(report.summary.marketShortfall).toBe('250000.00');
    expect(report.sales[report.sales.findIndex((l) => l.saleId === 'under')].variance).toEqual({ amount: '-250000.00', pct: '-20.00' });
  });

  it('reconciles to the cent on any portfolio, against an independent sum in integer cents', () => {
    const cents = fc.integer({ min: 1, max: 5_000_000_000 });
    const day = fc.integer({ min: 0, max: 900 });
    const dateOf = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    const toMoney = (c: number) => (c / 100).toFixed(2);
    const saleArbitrary = fc.record({
      net: cents,
      signed: day,
      cancelledAfter: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
      payments: fc.array(fc.record({ share: fc.integer({ min: 1, max: 60 }), after: fc.integer({ min: -30, max: 500 }), reversedAfter: fc.option(fc.integer({ min: 0, max: 200 }), { nil: undefined }) }), { maxLength: 6 }),
    });
    fc.assert(
      fc.property(fc.array(saleArbitrary, { maxLength: 25 }), day, (portfolio, asOfDay) => {
        const asOf = dateOf(asOfDay);
        let expectedContract = 0;
        let expectedPaid = 0;
        let expectedPositive = 0;
        const sales = portfolio.map((p, i) => {
          const contractDate = dateOf(p.signed);
          const cancelledOn = p.cancelledAfter === undefined ? null : dateOf(p.signed + p.cancelledAfter);
          const payments: ReportSaleInput['payments'] = [];
          let paidCents = 0;
          p.payments.forEach((payment, j) => {
            const amount = Math.floor((p.net * payment.share) / 400);
            if (amount === 0) return;
            const receivedOn = dateOf(p.signed + payment.after);
            payments.push({ id: `p${i}-${j}`, amount: dec(toMoney(amount)), receivedOn, kind: 'INSTALLMENT', reversalOf: null });
            if (receivedOn <= asOf) paidCents += amount;
            if (payment.reversedAfter !== undefined) {
              const reversedOn = dateOf(p.signed + payment.after + payment.reversedAfter);
              payments.push({ id: `r${i}-${j}`, amount: dec(toMoney(-amount)), receivedOn: reversedOn, kind: 'INSTALLMENT', reversalOf: `p${i}-${j}` });
              if (reversedOn <= asOf) paidCents -= amount;
            }
          });
          if (contractDate <= asOf && (cancelledOn === null || cancelledOn > asOf)) {
            expectedContract += p.net;
            expectedPaid += paidCents;
            if (p.net - paidCents > 0) expectedPositive += p.net - paidCents;
          }
          return sale({ id: `s${i}`, contractDate, cancelledOn, netPrice: dec(toMoney(p.net)), payments });
        });
        const report = buildReport(input(sales, asOf, 100), plainNotes);
        expect(report.summary.contractValue).toBe(toMoney(expectedContract));
        expect(report.summary.cashReceived).toBe(toMoney(expectedPaid));
        expect(report.summary.receivables).toBe(toMoney(expectedContract - expectedPaid));
        const receivableLines = report.receivables.reduce((total, line) => total + Math.round(Number(line.amount) * 100), 0);
        expect(receivableLines).toBe(expectedPositive);
        for (const line of report.receivables) expect(line.agingBucket).toBe(agingBucket(daysBetween(report.sales.find((s) => s.saleId === line.saleId)!.contractDate, asOf)));
      }),
      { numRuns: 300 },
    );
  });

  it('says what moved since the previous report', () => {
    const first = buildReport(input([sale({ id: 'a' }), sale({ id: 'b' })], '2026-03-31'), plainNotes);
    const later = input(
      [
        sale({ id: 'a', payments: [{ id: 'p1', amount: dec('250000.00'), receivedOn: '2026-04-02', kind: 'DEPOSIT', reversalOf: null }] }),
        sale({ id: 'b', cancelledOn: '2026-04-15' }),
        sale({ id: 'c', contractDate: '2026-05-01', flags: [{ id: 'f9', type: 'BELOW_MARKET', severity: 'HIGH', status: 'OPEN', pendingDismissal: false, reviews: [] }] }),
      ],
      '2026-06-30',
    );
    const second = buildReport({ ...later, previous: { id: 'r1', content: first } }, plainNotes);
    expect(second.changesSincePrevious).toMatchObject({
      previousReportId: 'r1',
      previousAsOf: '2026-03-31',
      salesAdded: [{ saleId: 'c', unitNo: 'C' }],
      salesRemoved: [{ saleId: 'b', unitNo: 'B', cancelledOn: '2026-04-15' }],
      payments: { added: 1, addedAmount: '250000.00', removed: 0, removedAmount: '0.00' },
      flagsRaised: [{ id: 'f9', type: 'BELOW_MARKET', saleId: 'c' }],
      totals: {
        contractValue: { previous: '2000000.00', current: '2000000.00', change: '0.00' },
        cashReceived: { previous: '0.00', current: '250000.00', change: '250000.00' },
        receivables: { previous: '2000000.00', current: '1750000.00', change: '-250000.00' },
      },
    });
  });

  it('restates a report of the same date: every total and line that differs, and nothing when nothing does', () => {
    const first = buildReport(input([sale({ id: 'a' }), sale({ id: 'b' })], '2026-03-31'), plainNotes);
    const late = input(
      [sale({ id: 'a', payments: [{ id: 'p1', amount: dec('250000.00'), receivedOn: '2026-03-20', kind: 'DEPOSIT', reversalOf: null }] }), sale({ id: 'b' })],
      '2026-03-31',
    );
    const second = buildReport({ ...late, restated: { id: 'r1', content: first } }, plainNotes);
    expect(second.restatementOf).toBe('r1');
    expect(second.restatement?.totals).toEqual([
      { field: 'cashReceived', previous: '0.00', current: '250000.00' },
      { field: 'receivables', previous: '2000000.00', current: '1750000.00' },
    ]);
    const saleLine = second.restatement?.lines.find((line) => line.section === 'sales' && line.saleId === 'a');
    expect(saleLine).toMatchObject({ unitNo: 'A', change: 'CHANGED' });
    expect(saleLine?.fields.map((field) => field.field)).toEqual(expect.arrayContaining(['outstanding', 'paid', 'payments']));
    expect(second.restatement?.lines.find((line) => line.section === 'receivables' && line.saleId === 'a')?.fields).toContainEqual({
      field: 'amount', previous: '1000000.00', current: '750000.00',
    });
    expect(second.restatement?.lines.some((line) => line.saleId === 'b')).toBe(false);

    const unchanged = buildReport({ ...input([sale({ id: 'a' }), sale({ id: 'b' })], '2026-03-31'), restated: { id: 'r1', content: first } }, plainNotes);
    expect(unchanged.restatement).toEqual({ totals: [], lines: [] });
    expect(first.restatementOf).toBeNull();
  });

  describe('cancellations', () => {
    const pay = (id: string, amount: string, receivedOn: string, reversalOf: string | null = null) =>
      ({ id, amount: dec(amount), receivedOn, kind: 'DEPOSIT', reversalOf });
    const cancelled = sale({
      id: 'x',
      contractDate: '2026-02-01',
      cancelledOn: '2026-04-01',
      buyers: [{ id: 'b1', name: 'Li Lei', insiderRole: null }, { id: 'b2', name: 'Han Meimei', insiderRole: null }],
      payments: [pay('p1', '200000.00', '2026-02-02'), pay('p2', '30000.00', '2026-02-03'), pay('p3', '-30000.00', '2026-03-01', 'p2')],
      forfeited: dec('50000.00'),
      refunds: [{ amount: dec('100000.00'), paidOn: '2026-04-10' }, { amount: dec('50000.00'), paidOn: '2026-07-15' }],
    });

    it('lists a sale cancelled by the as-of date with what was paid, kept, refunded by then and still owed', () => {
      const report = buildReport(input([cancelled, sale({ id: 'active' })], '2026-06-30'), plainNotes);
      expect(report.sales.map((line) => line.saleId)).toEqual(['active']);
      expect(report.summary).toMatchObject({ unitsSold: 1, contractValue: '1000000.00', cashReceived: '0.00' });
      expect(report.cancellations).toEqual([
        {
          saleId: 'x', unitNo: 'X', buyers: ['Li Lei', 'Han Meimei'], cancelledOn: '2026-04-01',
          paid: '200000.00', forfeited: '50000.00', refunded: '100000.00', refundOwed: '50000.00',
        },
      ]);
      expect(report.cancellationTotals).toEqual({ paid: '200000.00', forfeited: '50000.00', refunded: '100000.00', refundOwed: '50000.00' });
    });

    it('counts refunds paid and payments received on or before the as-of date only', () => {
      expect(cancellationsAsOf([cancelled], '2026-07-15').cancellations[0]).toMatchObject({ refunded: '150000.00', refundOwed: '0.00' });
      expect(cancellationsAsOf([cancelled], '2026-04-09').cancellations[0]).toMatchObject({ refunded: '0.00', refundOwed: '150000.00' });
      const late = sale({ id: 'late', cancelledOn: '2026-03-01', payments: [pay('q1', '1000.00', '2026-01-11'), pay('q2', '500.00', '2026-05-01')] });
      expect(cancellationsAsOf([late], '2026-04-30').cancellations[0]).toMatchObject({ paid: '1000.00', refundOwed: '1000.00' });
    });

    it('leaves out a sale cancelled after the as-of date, which is still among the sales', () => {
      const report = buildReport(input([cancelled], '2026-03-31'), plainNotes);
      expect(report.cancellations).toEqual([]);
      expect(report.cancellationTotals).toEqual({ paid: '0.00', forfeited: '0.00', refunded: '0.00', refundOwed: '0.00' });
      expect(report.sales.map((line) => line.saleId)).toEqual(['x']);
      expect(report.sales[0]).toMatchObject({ paid: '200000.00' });
    });

    it('orders the lines by cancellation date and sums them to the cent', () => {
      fc.assert(
        fc.property(
          fc.array(
            fc.record({
              cancelledAfter: fc.integer({ min: 0, max: 100 }),
              paidCents: fc.integer({ min: 0, max: 10_000_000 }),
              forfeitPart: fc.integer({ min: 0, max: 100 }),
              refunds: fc.array(fc.record({ part: fc.integer({ min: 0, max: 50 }), after: fc.integer({ min: 0, max: 100 }) }), { maxLength: 3 }),
            }),
            { maxLength: 15 },
          ),
          fc.integer({ min: 0, max: 200 }),
          (specs, asOfDay) => {
            const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
            const asOf = day(asOfDay);
            let expectedOwed = 0;
            let expectedCount = 0;
            const sales = specs.map((spec, i) => {
              const forfeitCents = Math.floor((spec.paidCents * spec.forfeitPart) / 100);
              let left = spec.paidCents - forfeitCents;
              const refunds = spec.refunds.map((refund) => {
                const cents = Math.floor((left * refund.part) / 100);
                left -= cents;
                return { cents, paidOn: day(spec.cancelledAfter + refund.after) };
              });
              const cancelledOn = day(spec.cancelledAfter);
              if (cancelledOn <= asOf) {
                expectedCount += 1;
                expectedOwed += spec.paidCents - forfeitCents - refunds.filter((r) => r.paidOn <= asOf).reduce((t, r) => t + r.cents, 0);
              }
              return sale({
                id: `s${i}`, contractDate: day(0), cancelledOn,
                payments: spec.paidCents ? [pay(`p${i}`, (spec.paidCents / 100).toFixed(2), day(0))] : [],
                forfeited: dec(forfeitCents).div(100),
                refunds: refunds.filter((r) => r.cents > 0).map((r) => ({ amount: dec(r.cents).div(100), paidOn: r.paidOn })),
              });
            });
            const { cancellations, cancellationTotals } = cancellationsAsOf(sales, asOf);
            expect(cancellations).toHaveLength(expectedCount);
            expect(cancellationTotals.refundOwed).toBe((expectedOwed / 100).toFixed(2));
            const dates = cancellations.map((line) => line.cancelledOn);
            expect(dates).toEqual([...dates].sort());
            for (const line of cancellations) {
              expect(dec(line.paid).minus(line.forfeited).minus(line.refunded).toFixed(2)).toBe(line.refundOwed);
            }
          },
        ),
        { numRuns: 200 },
      );
    });
  });

  it('lists the payments, cancellations, refunds, review decisions and flags dated after the as-of date as subsequent events', () => {
    const flag = (id: string, raisedAt: string, reviews: RegisterFlag['reviews'] = []): RegisterFlag => ({
      id, type: 'MISSING_DEPOSIT', severity: 'MEDIUM', status: 'OPEN', saleId: 'a', priceListId: null, issuedOn: null, raisedAt, reviews,
    });
    const events = subsequentEventsOf(
      {
        asOf: '2026-06-30',
        project: { timeZone: 'Asia/Shanghai' },
        sales: [
          sale({
            id: 'a',
            payments: [
              { id: 'p1', amount: dec('100.00'), receivedOn: '2026-06-30', kind: 'DEPOSIT', reversalOf: null },
              { id: 'p2', amount: dec('200.00'), receivedOn: '2026-07-01', kind: 'INSTALLMENT', reversalOf: null },
            ],
          }),
          sale({ id: 'b', cancelledOn: '2026-07-10', refunds: [{ amount: dec('50.00'), paidOn: '2026-07-20' }] }),
          sale({ id: 'later', contractDate: '2026-07-01', payments: [{ id: 'p9', amount: dec('1.00'), receivedOn: '2026-07-02', kind: 'DEPOSIT', reversalOf: null }] }),
        ],
        registerFlags: [
          flag('f1', '2026-06-29T23:00:00.000Z', [
            // 18:00 Shanghai on the 30th: taken by the as-of date.
            { decision: 'COMMENT', note: 'looked', reviewerName: 'Wang', at: '2026-06-30T10:00:00.000Z' },
            // 00:30 Shanghai on 1 July: after it, though still 30 June in UTC.
            { decision: 'DISMISS', note: 'fine', reviewerName: 'Wang', at: '2026-06-30T16:30:00.000Z' },
            { decision: 'CONDITION_CLEARED', note: 'x', reviewerName: 'system', at: '2026-07-03T10:00:00.000Z' },
          ]),
          flag('f2', '2026-07-05T00:00:00.000Z'),
          // Raised later for a condition that held on the as-of date: the report carries it.
          flag('f3', '2026-07-06T00:00:00.000Z'),
          { ...flag('f4', '2026-07-07T00:00:00.000Z'), saleId: 'later' },
        ],
      },
      new Set(['f3']),
    );
    expect(events.payments.map((event) => event.paymentId)).toEqual(['p2']);
    expect(events.cancellations).toEqual([{ saleId: 'b', unitNo: 'B', cancelledOn: '2026-07-10' }]);
    expect(events.refunds).toEqual([{ saleId: 'b', unitNo: 'B', amount: '50.00', paidOn: '2026-07-20' }]);
    expect(events.reviews).toEqual([{ flagId: 'f1', type: 'MISSING_DEPOSIT', saleId: 'a', unitNo: 'A', priceListId: null, decision: 'DISMISS', reviewerName: 'Wang', at: '2026-06-30T16:30:00.000Z' }]);
    expect(events.flagsRaised).toEqual([
      { flagId: 'f2', type: 'MISSING_DEPOSIT', severity: 'MEDIUM', status: 'OPEN', saleId: 'a', unitNo: 'A', priceListId: null, raisedAt: '2026-07-05T00:00:00.000Z' },
    ]);
  });
});
