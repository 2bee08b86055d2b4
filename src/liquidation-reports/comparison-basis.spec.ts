import fc from 'fast-check';
import { dec } from '../common/money';
import { NoteWriter } from './notes/note-facts';
import { ReportInput, ReportSaleInput, buildReport, comparisonBasis } from './report-builder';

const plainNotes: NoteWriter = (facts, lang) => `${lang}: ${facts.unitNo} owes ${facts.outstanding}`;

const project = { id: 'p1', code: 'BAY', name: 'Bayview', currency: 'CNY', timeZone: 'Asia/Shanghai', city: 'Shenzhen' };

function input(sales: ReportSaleInput[], asOf: string, previous: ReportInput['previous'] = null): ReportInput {
  return { project, asOf, unitsTotal: 50, sales, priceListFlags: [], priceLists: [], registerFlags: [], parties: {}, relations: [], previous, restated: null };
}

const dateOf = (day: number) => new Date(Date.UTC(2026, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
const STATUSES = ['OPEN', 'CONFIRMED', 'DISMISSED', 'CLEARED'] as const;

/** A sale as two reports months apart may see it: paid more, cancelled, flagged differently. */
const saleArbitrary = fc.record({
  signed: fc.integer({ min: 0, max: 150 }),
  cancelledAfter: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
  payments: fc.array(fc.record({ cents: fc.integer({ min: 1, max: 50_000_000 }), after: fc.integer({ min: 0, max: 200 }) }), { maxLength: 4 }),
  flag: fc.option(fc.record({ status: fc.constantFrom(...STATUSES), laterStatus: fc.constantFrom(...STATUSES) }), { nil: null }),
});

describe('comparison basis', () => {
  it('lets a later report say what moved exactly as the previous content would, after a round trip through JSON', () => {
    fc.assert(
      fc.property(fc.array(saleArbitrary, { maxLength: 20 }), (portfolio) => {
        const salesOn = (later: boolean): ReportSaleInput[] =>
          portfolio.map((p, i) => ({
            id: `s${i}`,
            unitNo: `U-${i}`,
            unitType: '3BR',
            saleableArea: dec('100.00'),
            contractDate: dateOf(p.signed),
            cancelledOn: p.cancelledAfter === null ? null : dateOf(p.signed + p.cancelledAfter),
            listPrice: null,
            netPrice: dec('1000000.00'),
            market: null,
            relatedParty: { isRelated: false, paths: [] },
            buyers: [{ id: `b${i}`, name: `Buyer ${i}`, insiderRole: null }],
            referrer: null,
            payments: p.payments.map((payment, j) => ({
              id: `p${i}-${j}`,
              amount: dec(payment.cents).div(100),
              receivedOn: dateOf(p.signed + payment.after),
              kind: 'INSTALLMENT',
              reversalOf: null,
            })),
            handovers: [],
            forfeited: dec(0),
            refunds: [],
            flags:
              p.flag === null
                ? []
                : [{ id: `f${i}`, type: 'MISSING_DEPOSIT', severity: 'MEDIUM', status: later ? p.flag.laterStatus : p.flag.status, pendingDismissal: false, raisedAt: '2026-01-01T00:00:00.000Z', reviews: [] }],
          }));
        const first = buildReport(input(salesOn(false), dateOf(120)), plainNotes);
        const basis = JSON.parse(JSON.stringify(comparisonBasis(first)));
        const byContent = buildReport(input(salesOn(true), dateOf(300), { id: 'r1', content: first }), plainNotes);
        const byBasis = buildReport(input(salesOn(true), dateOf(300), { id: 'r1', content: basis }), plainNotes);
        expect(JSON.stringify(byBasis)).toBe(JSON.stringify(byContent));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps only what the comparison reads', () => {
    const report = buildReport(input([], '2026-06-30'), plainNotes);
    expect(Object.keys(comparisonBasis(report))).toEqual(['asOf', 'summary', 'sales', 'priceListFlags']);
    expect(Object.keys(comparisonBasis(report).summary)).toEqual(['contractValue', 'cashReceived', 'receivables', 'relatedPartyReceivables', 'marketShortfall']);
  });
});
