import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { LedgerFactory } from '../factories/ledger';
import { TestApp, createTestApp } from '../utils/test-app';

/**
 * An independent oracle of the liquidation report, in integer cents: random
 * portfolios are recorded through the HTTP API, the oracle keeps its own
 * ledger of what was recorded and says, from the product rules alone, what a
 * report as of a date must hold, and what a restatement of it must list once
 * the past is changed by entries recorded late.
 *
 * The projects leave out what the oracle does not model: no market evidence
 * (minComparables above any portfolio here, no appraisals), no deposit rule
 * (minDepositPct 0), no cost prices, price lists, handovers or referrers. At
 * most one sale per portfolio is bought by a related party, so its flag and
 * its note are the only ones a report carries.
 */

/** Day `day` after 2025-01-01, as a business date. */
const dateOf = (day: number) => new Date(Date.UTC(2025, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
const dayOf = (date: string) => Math.round((Date.parse(`${date}T00:00:00Z`) - Date.UTC(2025, 0, 1)) / 86_400_000);

/** Integer cents as the product writes money: a decimal string with 2 decimals, exactly. */
function money(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new Error(`not a whole number of cents: ${cents}`);
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** The product's money string back to integer cents, refusing anything but `-?digits.dd`. */
function cents(value: unknown): number {
  const match = typeof value === 'string' ? /^(-?)(\d+)\.(\d{2})$/.exec(value) : null;
  if (!match) throw new Error(`not a money string: ${JSON.stringify(value)}`);
  const abs = Number(match[2]) * 100 + Number(match[3]);
  return match[1] ? -abs : abs;
}

const total = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** What the oracle knows of a sale: everything recorded on it, in cents. */
interface SaleModel {
  id: string;
  unitNo: string;
  buyer: string;
  related: boolean;
  net: number;
  contractDate: string;
  /** Payments (> 0) and reversals (< 0), with the id the API gave each entry. */
  entries: Array<{ id: string; amount: number; on: string; reversalOf?: string }>;
  cancelledOn: string | null;
  forfeited: number;
  refunds: Array<{ amount: number; on: string }>;
}

const includedOn = (sale: SaleModel, asOf: string) => sale.contractDate <= asOf && (sale.cancelledOn === null || sale.cancelledOn > asOf);
const cancelledBy = (sale: SaleModel, asOf: string) => sale.cancelledOn !== null && sale.cancelledOn <= asOf;
const paidBy = (sale: SaleModel, date: string) => total(sale.entries.filter((entry) => entry.on <= date).map((entry) => entry.amount));
const paidNow = (sale: SaleModel) => total(sale.entries.map((entry) => entry.amount));
const refundedNow = (sale: SaleModel) => total(sale.refunds.map((refund) => refund.amount));

/** Summary fields as the restatement lists them (by name), then the cancellation totals (by name). */
const SUMMARY_FIELDS = [
  'cashReceived', 'contractValue', 'marketShortfall', 'openFlags', 'receivables', 'relatedPartyReceivables', 'unitsSold', 'unitsTotal', 'unitsUnsold',
] as const;
const CANCELLATION_FIELDS = ['forfeited', 'paid', 'refundOwed', 'refunded'] as const;

type Section = 'sales' | 'receivables' | 'cancellations';
interface ExpectedLine {
  saleId: string;
  unitNo: string;
  /** The line's fields the oracle predicts, as the report writes them. */
  fields: Record<string, unknown>;
}
interface Expected {
  asOf: string;
  summary: Record<(typeof SUMMARY_FIELDS)[number], unknown>;
  sales: ExpectedLine[];
  receivables: ExpectedLine[];
  cancellations: ExpectedLine[];
  cancellationTotals: Record<(typeof CANCELLATION_FIELDS)[number], string>;
  /** In cents, for the invariants. */
  raw: { contractValue: number; cashReceived: number; receivables: number };
}

/** The report of these sales as of `asOf`, from the rules alone. */
function oracle(sales: SaleModel[], asOf: string, unitsTotal: number): Expected {
  const included = sales.filter((sale) => includedOn(sale, asOf));
  const lines = included.map((sale) => ({ sale, paid: paidBy(sale, asOf), outstanding: sale.net - paidBy(sale, asOf) }));
  const contractValue = total(lines.map((line) => line.sale.net));
  const cashReceived = total(lines.map((line) => line.paid));
  const receivables = total(lines.map((line) => line.outstanding));
  const owing = lines.filter((line) => line.outstanding > 0);
  const related = included.filter((sale) => sale.related).length;
  const cancelled = sales
    .filter((sale) => cancelledBy(sale, asOf))
    .map((sale) => {
      const paid = paidBy(sale, asOf);
      const refunded = total(sale.refunds.filter((refund) => refund.on <= asOf).map((refund) => refund.amount));
      return { sale, paid, refunded, refundOwed: paid - sale.forfeited - refunded };
    });
  return {
    asOf,
    summary: {
      cashReceived: money(cashReceived),
      contractValue: money(contractValue),
      marketShortfall: money(0),
      openFlags: related
        ? { total: related, byType: { RELATED_PARTY_SALE: related }, bySeverity: { MEDIUM: related } }
        : { total: 0, byType: {}, bySeverity: {} },
      receivables: money(receivables),
      relatedPartyReceivables: money(total(owing.filter((line) => line.sale.related).map((line) => line.outstanding))),
      unitsSold: included.length,
      unitsTotal,
      unitsUnsold: unitsTotal - included.length,
    },
    sales: lines.map(({ sale, paid, outstanding }) => ({
      saleId: sale.id,
      unitNo: sale.unitNo,
      fields: {
        netPrice: money(sale.net),
        paid: money(paid),
        outstanding: money(outstanding),
        relatedParty: sale.related,
        payments: sale.entries
          .filter((entry) => entry.on <= asOf)
          .map((entry) => ({ id: entry.id, amount: money(entry.amount), receivedOn: entry.on }))
          .sort((a, b) => a.id.localeCompare(b.id)),
      },
    })),
    receivables: owing.map(({ sale, outstanding }) => ({
      saleId: sale.id,
      unitNo: sale.unitNo,
      fields: { debtors: [sale.buyer], amount: money(outstanding), relatedParty: sale.related },
    })),
    cancellations: cancelled.map(({ sale, paid, refunded, refundOwed }) => ({
      saleId: sale.id,
      unitNo: sale.unitNo,
      fields: {
        buyers: [sale.buyer], cancelledOn: sale.cancelledOn,
        paid: money(paid), forfeited: money(sale.forfeited), refunded: money(refunded), refundOwed: money(refundOwed),
      },
    })),
    cancellationTotals: {
      forfeited: money(total(cancelled.map((line) => line.sale.forfeited))),
      paid: money(total(cancelled.map((line) => line.paid))),
      refundOwed: money(total(cancelled.map((line) => line.refundOwed))),
      refunded: money(total(cancelled.map((line) => line.refunded))),
    },
    raw: { contractValue, cashReceived, receivables },
  };
}

const bySaleId = <T extends { saleId: string }>(lines: T[]) => [...lines].sort((a, b) => a.saleId.localeCompare(b.saleId));

/** Asserts a report against the oracle's, to the cent, and the invariants on the report's own figures. */
function expectReport(report: Record<string, any>, expected: Expected): void {
  expect(report.asOf).toBe(expected.asOf);
  expect(report.summary).toEqual(expected.summary);

  // The oracle's figures in cents reconcile (a check of the oracle), and so do the report's.
  expect(expected.raw.contractValue - expected.raw.cashReceived).toBe(expected.raw.receivables);
  const { contractValue, cashReceived, receivables } = report.summary;
  expect(cents(contractValue) - cents(cashReceived)).toBe(cents(receivables));
  expect(total(report.sales.map((line: { outstanding: string }) => cents(line.outstanding)))).toBe(cents(receivables));

  const entries = (payments: Array<Record<string, string>>) =>
    payments.map(({ id, amount, receivedOn }) => ({ id, amount, receivedOn })).sort((a, b) => a.id.localeCompare(b.id));
  const pick = (line: Record<string, any>, fields: Record<string, unknown>) => ({
    saleId: line.saleId,
    unitNo: line.unitNo,
    fields: Object.fromEntries(Object.keys(fields).map((key) => [key, key === 'payments' ? entries(line.payments) : line[key]])),
  });
  const fieldsOf = (lines: ExpectedLine[]) => (lines[0]?.fields ?? {});
  expect(bySaleId(report.sales.map((line: Record<string, any>) => pick(line, fieldsOf(expected.sales))))).toEqual(bySaleId(expected.sales));
  expect(bySaleId(report.receivables.map((line: Record<string, any>) => pick(line, fieldsOf(expected.receivables))))).toEqual(
    bySaleId(expected.receivables),
  );
  for (const line of report.receivables) {
    expect(cents(line.amount)).toBeGreaterThan(0);
    // A receivable line is its sale line's outstanding.
    expect(line.amount).toBe(report.sales.find((sale: { saleId: string }) => sale.saleId === line.saleId).outstanding);
  }

  // A cancellation line is asserted whole: nothing in it that the rules do not say.
  expect(bySaleId(report.cancellations)).toEqual(bySaleId(expected.cancellations.map(({ saleId, unitNo, fields }) => ({ saleId, unitNo, ...fields }))));
  expect(report.cancellationTotals).toEqual(expected.cancellationTotals);
  for (const line of [...report.cancellations, report.cancellationTotals]) {
    expect(cents(line.paid) - cents(line.forfeited) - cents(line.refunded)).toBe(cents(line.refundOwed));
  }
  for (const name of CANCELLATION_FIELDS) {
    expect(total(report.cancellations.map((line: Record<string, string>) => cents(line[name])))).toBe(cents(report.cancellationTotals[name]));
  }
}

interface PredictedLine {
  section: Section;
  saleId: string;
  unitNo: string;
  change: 'ADDED' | 'REMOVED' | 'CHANGED';
  fields: Array<{ field: string; previous: unknown; current: unknown }>;
}

/** The fields of two versions of a line that differ, by name. */
function changedFields(before: Record<string, unknown>, after: Record<string, unknown>) {
  return Object.keys(after)
    .sort()
    .filter((key) => !isDeepStrictEqual(before[key], after[key]))
    .map((field) => ({ field, previous: before[field], current: after[field] }));
}

/** What a restatement of `previous` by `current` (same as-of date) must list. */
function predictRestatement(previous: Expected, current: Expected) {
  const totals = [
    ...SUMMARY_FIELDS.filter((field) => !isDeepStrictEqual(previous.summary[field], current.summary[field])).map((field) => ({
      field, previous: previous.summary[field], current: current.summary[field],
    })),
    ...CANCELLATION_FIELDS.filter((field) => previous.cancellationTotals[field] !== current.cancellationTotals[field]).map((field) => ({
      field: `cancellationTotals.${field}`, previous: previous.cancellationTotals[field], current: current.cancellationTotals[field],
    })),
  ];
  const lines: PredictedLine[] = [];
  for (const section of ['sales', 'receivables', 'cancellations'] as const) {
    const before = new Map(previous[section].map((line) => [line.saleId, line]));
    const after = new Map(current[section].map((line) => [line.saleId, line]));
    for (const line of current[section]) {
      const old = before.get(line.saleId);
      if (!old) lines.push({ section, saleId: line.saleId, unitNo: line.unitNo, change: 'ADDED', fields: [] });
      else {
        const fields = changedFields(old.fields, line.fields);
        if (fields.length) lines.push({ section, saleId: line.saleId, unitNo: line.unitNo, change: 'CHANGED', fields });
      }
    }
    for (const line of previous[section]) {
      if (!after.has(line.saleId)) lines.push({ section, saleId: line.saleId, unitNo: line.unitNo, change: 'REMOVED', fields: [] });
    }
  }
  return { totals, lines };
}

/** The restatement a report carries, against the oracle's prediction. */
function expectRestatement(restatement: Record<string, any>, predicted: ReturnType<typeof predictRestatement>): void {
  // Totals: exactly these, in this order, with their previous and current values.
  expect(restatement.totals).toEqual(predicted.totals);
  const key = (line: { section: string; saleId: string; change: string }) => `${line.section} ${line.saleId} ${line.change}`;
  expect(restatement.lines.map(key).sort()).toEqual(predicted.lines.map(key).sort());
  for (const line of predicted.lines) {
    const actual = restatement.lines.find((l: PredictedLine) => key(l) === key(line));
    expect(actual.unitNo).toBe(line.unitNo);
    if (line.section === 'sales') {
      // A sale line's payments are listed by the report as a whole; the oracle names the field and gives paid and outstanding.
      expect(actual.fields.map((field: { field: string }) => field.field)).toEqual(line.fields.map((field) => field.field));
      for (const field of line.fields.filter((f) => f.field !== 'payments')) expect(actual.fields).toContainEqual(field);
    } else {
      expect(actual.fields).toEqual(line.fields);
    }
  }
}

describe('liquidation report oracle: random portfolios against the rules, in integer cents (e2e)', () => {
  let t: TestApp;
  let f: LedgerFactory;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-06-30T09:00:00.000Z' });
    f = await LedgerFactory.create(t);
  });
  afterAll(() => t.close());

  async function generate(projectId: string, asOf: string) {
    return f.report(projectId, asOf);
  }

  // The portfolio is recorded on RECORDED_ON (every date in it falls on or before it); the late entries on LATE_ON.
  const RECORDED_ON = 504; // 2026-05-20
  const LATE_ON = 545; // 2026-06-30
  const percentOf = (amount: number, percent: number) => Math.floor((amount * percent) / 100);
  const within = (from: number, to: number, percent: number) => from + percentOf(to - from, percent);

  const salePlan = fc.record({
    net: fc.integer({ min: 100, max: 2_000_000_000 }),
    signed: fc.integer({ min: 0, max: 300 }),
    shares: fc.array(
      fc.record({
        percent: fc.integer({ min: 1, max: 30 }),
        after: fc.integer({ min: 0, max: 90 }),
        reversedAfter: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null, freq: 3 }),
      }),
      { maxLength: 3 },
    ),
    cancellation: fc.option(
      fc.record({
        after: fc.integer({ min: 0, max: 60 }),
        forfeitPercent: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null, freq: 4 }),
        refunds: fc.array(fc.record({ percent: fc.integer({ min: 1, max: 100 }), after: fc.integer({ min: 0, max: 30 }) }), { minLength: 1, maxLength: 2 }),
      }),
      { nil: null, freq: 2 },
    ),
  });
  const late = fc.record({ pick: fc.nat(), datePercent: fc.integer({ min: 0, max: 100 }), percent: fc.integer({ min: 1, max: 100 }) });
  const scenario = fc.record({
    sales: fc.array(salePlan, { minLength: 1, maxLength: 8 }),
    relatedSale: fc.option(fc.nat(), { nil: null, freq: 2 }),
    asOfDay: fc.integer({ min: 60, max: 500 }),
    /** Else the as-of date is the date of one of the portfolio's entries, of this kind: the boundaries of every `≤ asOf`. */
    asOfAt: fc.option(fc.record({ kind: fc.constantFrom('contract', 'entry', 'cancellation', 'cancellation', 'refund'), pick: fc.nat() }), { nil: null, freq: 2 }),
    latePayment: fc.option(late, { nil: null }),
    lateCancellation: fc.option(late, { nil: null }),
    lateRefund: fc.option(late, { nil: null }),
    lateReversal: fc.option(late, { nil: null, freq: 2 }),
    laterBy: fc.nat(),
    laterAt: fc.option(fc.record({ kind: fc.constantFrom('contract', 'entry', 'cancellation', 'refund'), pick: fc.nat() }), { nil: null, freq: 2 }),
  });

  it('computes every total and line of a report, its restatement after late entries, and no restatement for another date', async () => {
    /** What the fixed seed exercised: each count must be above zero, else the property proved less than it claims. */
    const seen = {
      reversalsByAsOf: 0, entriesOnAsOf: 0, entriesAfterAsOf: 0, contractsOnAsOf: 0, refundsByAsOf: 0, refundsAfterAsOf: 0,
      cancellationsByAsOf: 0, cancellationsOnAsOf: 0, cancellationsAfterAsOf: 0, forfeits: 0, latePayments: 0, lateCancellations: 0, lateRefunds: 0, lateReversals: 0,
      restatedTotals: 0, salesChanged: 0, salesRemoved: 0, receivablesChanged: 0, receivablesRemoved: 0, cancellationsAdded: 0, cancellationsChanged: 0,
      relatedReceivables: 0,
    };
    try {
      await fc.assert(
        fc.asyncProperty(scenario, async (plan) => {
          t.clock.set(`${dateOf(RECORDED_ON)}T09:00:00Z`);
          const project = await f.project({ minComparables: 100, minDepositPct: '0.00' });
          const related = plan.relatedSale === null ? null : plan.relatedSale % plan.sales.length;
          const models: SaleModel[] = [];

          for (const [i, salePlanned] of plan.sales.entries()) {
            const unit = await f.unit(project.id, { unitNo: `OR-${i + 1}` });
            let buyer: { id: string; name: string };
            if (i === related) {
              const ceo = await f.party({ name: `CEO of ${project.code}`, insiderRole: 'CEO' });
              buyer = await f.party({ name: `Driver of ${project.code}` });
              await f.relate(buyer.id, ceo.id, 'PERSONAL_STAFF');
            } else {
              buyer = await f.party({ name: `Buyer ${i + 1} of ${project.code}` });
            }
            const contractDate = dateOf(salePlanned.signed);
            const sale = await f.sale({ unitId: unit.id, buyerPartyIds: [buyer.id], contractDate, netPrice: money(salePlanned.net) });
            const model: SaleModel = {
              id: sale.id, unitNo: unit.unitNo, buyer: buyer.name, related: i === related, net: salePlanned.net, contractDate,
              entries: [], cancelledOn: null, forfeited: 0, refunds: [],
            };
            models.push(model);
            let lastDay = salePlanned.signed;
            for (const share of salePlanned.shares) {
              const amount = percentOf(salePlanned.net, share.percent);
              if (amount === 0) continue;
              const day = salePlanned.signed + share.after;
              const payment = await f.pay(sale.id, money(amount), dateOf(day), 'INSTALLMENT');
              model.entries.push({ id: payment.id, amount, on: dateOf(day) });
              lastDay = Math.max(lastDay, day);
              if (share.reversedAfter !== null) {
                const reversedOn = dateOf(day + share.reversedAfter);
                const reversal = await f.as.finance
                  .post(`/api/sales/${sale.id}/payments/${payment.id}/reversal`)
                  .send({ reversedOn, reason: 'bounced' })
                  .expect(201);
                model.entries.push({ id: reversal.body.id, amount: -amount, on: reversedOn, reversalOf: payment.id });
                lastDay = Math.max(lastDay, day + share.reversedAfter);
              }
            }
            const cancellation = salePlanned.cancellation;
            if (cancellation) {
              // Cancelled after every entry of the sale: the forfeit is at most what was paid, net of reversals, by the cancellation.
              const cancelledOn = dateOf(lastDay + cancellation.after);
              const forfeited = cancellation.forfeitPercent === null ? null : percentOf(paidNow(model), cancellation.forfeitPercent);
              const body = { cancelledOn, reason: 'buyer withdrew', ...(forfeited === null ? {} : { forfeitedAmount: money(forfeited) }) };
              await f.as.clerk.post(`/api/sales/${sale.id}/cancellation`).send(body).expect(200);
              Object.assign(model, { cancelledOn, forfeited: forfeited ?? 0 });
              for (const refund of cancellation.refunds) {
                const amount = percentOf(paidNow(model) - model.forfeited - refundedNow(model), refund.percent);
                if (amount === 0) continue;
                const paidOn = dateOf(dayOf(cancelledOn) + refund.after);
                await f.as.finance.post(`/api/sales/${sale.id}/refunds`).send({ amount: money(amount), paidOn }).expect(201);
                model.refunds.push({ amount, on: paidOn });
              }
              if (model.forfeited > 0) seen.forfeits += 1;
            }
          }

          const pick = <T>(items: T[], n: number) => (items.length ? items[n % items.length] : null);
          /** The dates of the portfolio's entries of a kind (after `after`, if given): as-of dates on the boundaries. */
          const datesOf = (kind: string, after = '') =>
            ({
              contract: models.map((m) => m.contractDate),
              entry: models.flatMap((m) => m.entries.map((e) => e.on)),
              cancellation: models.flatMap((m) => (m.cancelledOn ? [m.cancelledOn] : [])),
              refund: models.flatMap((m) => m.refunds.map((r) => r.on)),
            })[kind]!.filter((date) => date > after && date <= dateOf(LATE_ON));
          /** Counts the boundaries a report as of the date puts to the test. */
          const tally = (date: string) => {
            for (const m of models) {
              seen.reversalsByAsOf += m.entries.filter((e) => e.amount < 0 && e.on <= date).length;
              seen.entriesOnAsOf += m.entries.filter((e) => e.on === date).length;
              seen.entriesAfterAsOf += m.contractDate <= date ? m.entries.filter((e) => e.on > date).length : 0;
              seen.contractsOnAsOf += m.contractDate === date ? 1 : 0;
              seen.cancellationsByAsOf += m.cancelledOn !== null && m.cancelledOn < date ? 1 : 0;
              seen.cancellationsOnAsOf += m.cancelledOn === date ? 1 : 0;
              seen.cancellationsAfterAsOf += m.contractDate <= date && m.cancelledOn !== null && m.cancelledOn > date ? 1 : 0;
              seen.refundsByAsOf += m.cancelledOn !== null && m.cancelledOn <= date ? m.refunds.filter((r) => r.on <= date).length : 0;
              seen.refundsAfterAsOf += m.cancelledOn !== null && m.cancelledOn <= date ? m.refunds.filter((r) => r.on > date).length : 0;
            }
          };
          const onDate = plan.asOfAt && pick(datesOf(plan.asOfAt.kind), plan.asOfAt.pick);
          const asOfDay = onDate ? dayOf(onDate) : plan.asOfDay;
          const asOf = dateOf(asOfDay);
          tally(asOf);

          // 1. The report as of the date, every figure from the oracle.
          const first = await generate(project.id, asOf);
          const before = oracle(models, asOf, plan.sales.length);
          expectReport(first, before);
          expect(first.restatementOf).toBeNull();
          expect(first.restatement).toBeNull();
          if (cents(before.summary.relatedPartyReceivables as string) > 0) seen.relatedReceivables += 1;

          // 2. Later, entries dated on or before the as-of date change the past.
          t.clock.set(`${dateOf(LATE_ON)}T09:00:00Z`);
          if (plan.lateReversal) {
            // A payment received by the as-of date bounces, and its reversal is dated by then too (on a cancelled sale, only
            // while what is left paid still covers what was forfeited and refunded).
            const reversible = models.flatMap((m) =>
              m.entries
                .filter((e) => e.amount > 0 && e.on <= asOf && !m.entries.some((r) => r.reversalOf === e.id))
                .filter((e) => m.cancelledOn === null || paidNow(m) - e.amount >= m.forfeited + refundedNow(m))
                .map((e) => ({ sale: m, entry: e })),
            );
            const chosen = pick(reversible, plan.lateReversal.pick);
            if (chosen) {
              const { sale, entry } = chosen;
              const reversedOn = dateOf(within(dayOf(entry.on), asOfDay, plan.lateReversal.datePercent));
              const reversal = await f.as.finance
                .post(`/api/sales/${sale.id}/payments/${entry.id}/reversal`)
                .send({ reversedOn, reason: 'bounced, found late' })
                .expect(201);
              sale.entries.push({ id: reversal.body.id, amount: -entry.amount, on: reversedOn, reversalOf: entry.id });
              seen.lateReversals += 1;
            }
          }
          let latePaid: SaleModel | null = null;
          if (plan.latePayment) {
            const sale = pick(models.filter((m) => m.cancelledOn === null && m.contractDate <= asOf && m.net > paidNow(m)), plan.latePayment.pick);
            if (sale) {
              const amount = Math.max(1, percentOf(sale.net - paidNow(sale), plan.latePayment.percent));
              const receivedOn = dateOf(within(dayOf(sale.contractDate), asOfDay, plan.latePayment.datePercent));
              const payment = await f.pay(sale.id, money(amount), receivedOn, 'INSTALLMENT');
              sale.entries.push({ id: payment.id, amount, on: receivedOn });
              latePaid = sale;
              seen.latePayments += 1;
            }
          }
          if (plan.lateCancellation) {
            // Another sale than the one paid late, when there is one (else the same: paid late, then cancelled back).
            // Dated back, but not before the sale's latest entry: a cancelled sale takes no money after it ended.
            const lastEntry = (m: SaleModel) => m.entries.reduce((last, entry) => (entry.on > last ? entry.on : last), m.contractDate);
            const active = models.filter((m) => m.cancelledOn === null && m.contractDate <= asOf && lastEntry(m) <= asOf);
            const others = active.filter((m) => m !== latePaid);
            const sale = pick(others.length ? others : active, plan.lateCancellation.pick);
            if (sale) {
              const cancelledOn = dateOf(within(dayOf(lastEntry(sale)), asOfDay, plan.lateCancellation.datePercent));
              if (lastEntry(sale) > sale.contractDate) {
                await f.as.clerk
                  .post(`/api/sales/${sale.id}/cancellation`)
                  .send({ cancelledOn: dateOf(dayOf(lastEntry(sale)) - 1), reason: 'dated back too far' })
                  .expect(422);
              }
              const cap = Math.min(paidNow(sale), paidBy(sale, cancelledOn));
              const forfeited = percentOf(cap, plan.lateCancellation.percent);
              // More than was paid is refused, and changes nothing.
              await f.as.clerk
                .post(`/api/sales/${sale.id}/cancellation`)
                .send({ cancelledOn, reason: 'dated back', forfeitedAmount: money(paidNow(sale) + 1) })
                .expect(422);
              await f.as.clerk.post(`/api/sales/${sale.id}/cancellation`).send({ cancelledOn, reason: 'dated back', forfeitedAmount: money(forfeited) }).expect(200);
              Object.assign(sale, { cancelledOn, forfeited });
              seen.lateCancellations += 1;
            }
          }
          if (plan.lateRefund) {
            const owed = (m: SaleModel) => paidNow(m) - m.forfeited - refundedNow(m);
            const sale = pick(models.filter((m) => m.cancelledOn !== null && m.cancelledOn <= asOf && owed(m) > 0), plan.lateRefund.pick);
            if (sale) {
              const paidOn = dateOf(within(dayOf(sale.cancelledOn!), asOfDay, plan.lateRefund.datePercent));
              // More than is still owed is refused.
              await f.as.finance.post(`/api/sales/${sale.id}/refunds`).send({ amount: money(owed(sale) + 1), paidOn }).expect(422);
              const amount = Math.max(1, percentOf(owed(sale), plan.lateRefund.percent));
              await f.as.finance.post(`/api/sales/${sale.id}/refunds`).send({ amount: money(amount), paidOn }).expect(201);
              sale.refunds.push({ amount, on: paidOn });
              seen.lateRefunds += 1;
            }
          }

          const second = await generate(project.id, asOf);
          const after = oracle(models, asOf, plan.sales.length);
          expectReport(second, after);
          expect(second.restatementOf).toBe(first.id);
          const predicted = predictRestatement(before, after);
          expectRestatement(second.restatement, predicted);
          seen.restatedTotals += predicted.totals.length;
          for (const line of predicted.lines) {
            const name = `${line.section}${line.change[0]}${line.change.slice(1).toLowerCase()}` as keyof typeof seen;
            if (name in seen) seen[name] += 1;
          }

          // 3. Another, later date is not a restatement; its figures follow the rules too.
          const laterOn = plan.laterAt && pick(datesOf(plan.laterAt.kind, asOf), plan.laterAt.pick);
          const laterAsOf = laterOn ?? dateOf(asOfDay + 1 + (plan.laterBy % (LATE_ON - asOfDay)));
          tally(laterAsOf);
          const third = await generate(project.id, laterAsOf);
          expectReport(third, oracle(models, laterAsOf, plan.sales.length));
          expect(third.restatementOf).toBeNull();
          expect(third.restatement).toBeNull();
        }),
        // Shrinking a counterexample records a project per attempt: it stops after 45 s with the smallest found by then.
        { numRuns: 6, seed: 8, interruptAfterTimeLimit: 45_000, markInterruptAsFailure: true },
      );
    } finally {
      t.clock.set('2026-06-30T09:00:00Z');
    }
    for (const [what, count] of Object.entries(seen)) expect({ what, exercised: count > 0 }).toEqual({ what, exercised: true });
  }, 120_000);
});
