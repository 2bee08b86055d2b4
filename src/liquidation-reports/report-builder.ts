import { isDeepStrictEqual } from 'node:util';
import Decimal from 'decimal.js';
import { dateIn, daysBetween } from '../common/business-dates';
import { dec, formatMoney, sum } from '../common/money';
import { SYSTEM_ENTRIES } from '../audit-flags/review/review';
import { varianceOf } from '../evaluation/market-price';
import { summaryOf } from './report-summary';
import { NoteFacts, NoteFlag, NoteParty, NoteWriter } from './notes/note-facts';
import {
  AgingBucket, REPORT_LANGUAGES, ReportCancellationLine, ReportCancellationTotals, ReportChanges, ReportComparisonBasis, ReportContent,
  ReportFlag, ReportMoneyTotals, ReportNote, ReportPayment, ReportPriceListFlag, ReportPriceListLine, ReportProject, ReportReceivable, ReportRestatement,
  ReportSaleLine, ReportSubsequentEvents, RestatedValue,
} from './report.types';

/** One sale with everything the report says of it, as loaded (all entries; the builder applies the as-of date). */
export interface ReportSaleInput {
  id: string;
  unitNo: string;
  unitType: string;
  saleableArea: Decimal;
  contractDate: string;
  cancelledOn: string | null;
  listPrice: Decimal | null;
  netPrice: Decimal;
  market: { price: Decimal; pricePerSqm: Decimal; method: string; basis: Record<string, unknown> } | null;
  relatedParty: { isRelated: boolean; paths: string[][] };
  buyers: NoteParty[];
  referrer: NoteParty | null;
  payments: Array<{ id: string; amount: Decimal; receivedOn: string; kind: string; reversalOf: string | null }>;
  handovers: Array<{ handedOverOn: string; occupied: boolean }>;
  /** Its flags as they stood at the end of the as-of date, each with the decisions taken by then (id null: not in the register). */
  flags: Array<NoteFlag & { id: string | null }>;
  /** What the developer kept at cancellation (0 for an active sale). */
  forfeited: Decimal;
  /** Refunds to the buyer of a cancelled sale, all of them (the builder applies the as-of date). */
  refunds: Array<{ amount: Decimal; paidOn: string }>;
}

export interface ReportInput {
  project: ReportProject;
  asOf: string;
  unitsTotal: number;
  sales: ReportSaleInput[];
  /** The price lists' flags as they stood at the end of the as-of date. */
  priceListFlags: Array<ReportPriceListFlag & { issuedOn: string }>;
  /** Every price list of the project, unit type by unit type, as judged (the builder keeps those issued by the as-of date). */
  priceLists: ReportPriceListLine[];
  /** The live register's flags of the project's sales and price lists as they stand at generation, each with its whole history. */
  registerFlags: RegisterFlag[];
  parties: Record<string, NoteParty>;
  relations: NoteFacts['relations'];
  /** The project's previous report by as-of date: its content, or the basis stored with it. */
  previous: { id: string; content: ReportComparisonBasis } | null;
  /** The report already frozen as of the same date, which this one restates. */
  restated: { id: string; content: ReportContent } | null;
}

export interface RegisterFlag {
  id: string;
  type: string;
  severity: string;
  /** Its status in the register now. */
  status: string;
  saleId: string | null;
  priceListId: string | null;
  /** The price list's issue date, for a price list's flag. */
  issuedOn: string | null;
  raisedAt: string;
  reviews: NoteFlag['reviews'];
}

export class ReportInvariantError extends Error {}

export function agingBucket(days: number): AgingBucket {
  if (days <= 90) return '0-90';
  if (days <= 180) return '91-180';
  if (days <= 365) return '181-365';
  return '>365';
}

/** Included when signed on or before the as-of date and not cancelled on or before it (docs/api-guide.md, Liquidation reports). */
export function includedOn(sale: Pick<ReportSaleInput, 'contractDate' | 'cancelledOn'>, asOf: string): boolean {
  return sale.contractDate <= asOf && (sale.cancelledOn === null || sale.cancelledOn > asOf);
}

/** Cancelled on or before the as-of date: listed among the cancellations, not the sales. */
export function cancelledBy(sale: Pick<ReportSaleInput, 'cancelledOn'>, asOf: string): boolean {
  return sale.cancelledOn !== null && sale.cancelledOn <= asOf;
}

/**
 * The sales cancelled on or before the as-of date, by cancellation date: what
 * was paid by then (net of reversals), what the developer keeps, what it has
 * refunded by then and what it still owes back; and their totals, which must
 * reconcile to the cent.
 */
export function cancellationsAsOf(
  sales: readonly ReportSaleInput[],
  asOf: string,
): { cancellations: ReportCancellationLine[]; cancellationTotals: ReportCancellationTotals } {
  const lines = sales
    .filter((sale) => cancelledBy(sale, asOf))
    .sort((a, b) => a.cancelledOn!.localeCompare(b.cancelledOn!) || a.unitNo.localeCompare(b.unitNo) || a.id.localeCompare(b.id))
    .map((sale) => {
      const paid = sum(sale.payments.filter((payment) => payment.receivedOn <= asOf).map((payment) => payment.amount));
      const refunded = sum(sale.refunds.filter((refund) => refund.paidOn <= asOf).map((refund) => refund.amount));
      return { sale, paid, refunded, refundOwed: paid.minus(sale.forfeited).minus(refunded) };
    });
  const total = {
    paid: sum(lines.map((line) => line.paid)),
    forfeited: sum(lines.map((line) => line.sale.forfeited)),
    refunded: sum(lines.map((line) => line.refunded)),
    refundOwed: sum(lines.map((line) => line.refundOwed)),
  };
  if (!total.paid.minus(total.forfeited).minus(total.refunded).eq(total.refundOwed)) {
    throw new ReportInvariantError(
      `cancellations: paid ${total.paid.toFixed()} − forfeited ${total.forfeited.toFixed()} − refunded ${total.refunded.toFixed()} ≠ owed ${total.refundOwed.toFixed()}`,
    );
  }
  return {
    cancellations: lines.map(({ sale, paid, refunded, refundOwed }) => ({
      saleId: sale.id,
      unitNo: sale.unitNo,
      buyers: sale.buyers.map((buyer) => buyer.name),
      cancelledOn: sale.cancelledOn!,
      paid: formatMoney(paid),
      forfeited: formatMoney(sale.forfeited),
      refunded: formatMoney(refunded),
      refundOwed: formatMoney(refundOwed),
    })),
    cancellationTotals: {
      paid: formatMoney(total.paid),
      forfeited: formatMoney(total.forfeited),
      refunded: formatMoney(total.refunded),
      refundOwed: formatMoney(total.refundOwed),
    },
  };
}

/** A sale as of the date, with its amounts written once for its sale line, its receivable and its note. */
interface Line {
  input: ReportSaleInput;
  paid: Decimal;
  outstanding: Decimal;
  handedOverOn: string | null;
  occupied: boolean;
  written: {
    listPrice: string | null;
    netPrice: string;
    marketPrice: string | null;
    variance: ReportSaleLine['variance'];
    paid: string;
    outstanding: string;
    payments: ReportPayment[];
  };
}

function lineAsOf(sale: ReportSaleInput, asOf: string): Line {
  const payments = sale.payments.filter((payment) => payment.receivedOn <= asOf);
  const paid = sum(payments.map((payment) => payment.amount));
  const outstanding = sale.netPrice.minus(paid);
  const handovers = sale.handovers.filter((handover) => handover.handedOverOn <= asOf);
  const marketPrice = sale.market ? formatMoney(sale.market.price) : null;
  return {
    input: sale,
    paid,
    outstanding,
    handedOverOn: handovers.length ? handovers.map((h) => h.handedOverOn).sort()[0] : null,
    occupied: handovers.length ? handovers[handovers.length - 1].occupied : false,
    written: {
      listPrice: sale.listPrice ? formatMoney(sale.listPrice) : null,
      netPrice: formatMoney(sale.netPrice),
      marketPrice,
      variance: varianceOf(sale.netPrice, marketPrice),
      paid: formatMoney(paid),
      outstanding: formatMoney(outstanding),
      payments: payments.map(toReportPayment),
    },
  };
}

function toReportPayment(payment: ReportSaleInput['payments'][number]): ReportPayment {
  return { id: payment.id, amount: formatMoney(payment.amount), receivedOn: payment.receivedOn, kind: payment.kind, reversalOf: payment.reversalOf };
}

function toReportFlag(flag: ReportSaleInput['flags'][number]): ReportFlag {
  return { id: flag.id, type: flag.type, severity: flag.severity, status: flag.status };
}

/** A note for every related-party sale and every receivable that carries a flag (a cleared flag is no longer carried). */
function needsNote(line: Line): boolean {
  return line.input.relatedParty.isRelated || (line.outstanding.gt(0) && line.input.flags.some((flag) => flag.status !== 'CLEARED'));
}

/**
 * The liquidation report of a project as of a date (docs/api-guide.md, Liquidation reports), from plain data.
 * Exact decimals throughout; refuses to produce a report whose totals do not
 * reconcile to the cent.
 */
export function buildReport(input: ReportInput, writeNote: NoteWriter): ReportContent {
  const { asOf } = input;
  const lines = input.sales
    .filter((sale) => includedOn(sale, asOf))
    .sort((a, b) => a.contractDate.localeCompare(b.contractDate) || a.unitNo.localeCompare(b.unitNo) || a.id.localeCompare(b.id))
    .map((sale) => lineAsOf(sale, asOf));

  const notes: ReportContent['notes'] = { en: [], zh: [] };
  const noteNumber = new Map<string, number>();
  for (const line of lines.filter(needsNote)) {
    const number = noteNumber.size + 1;
    noteNumber.set(line.input.id, number);
    const facts = noteFacts(input, line);
    for (const lang of REPORT_LANGUAGES) notes[lang].push({ number, saleId: line.input.id, text: writeNote(facts, lang) } satisfies ReportNote);
  }
  const refsOf = (saleId: string) => (noteNumber.has(saleId) ? [noteNumber.get(saleId)!] : []);

  const sales: ReportSaleLine[] = lines.map(({ input: sale, written, handedOverOn, occupied }) => ({
    saleId: sale.id,
    unitNo: sale.unitNo,
    unitType: sale.unitType,
    saleableArea: formatMoney(sale.saleableArea),
    buyers: sale.buyers.map((buyer) => ({ id: buyer.id, name: buyer.name })),
    referrer: sale.referrer && { id: sale.referrer.id, name: sale.referrer.name },
    contractDate: sale.contractDate,
    handedOverOn,
    occupied,
    listPrice: written.listPrice,
    netPrice: written.netPrice,
    marketPrice: written.marketPrice,
    marketMethod: sale.market?.method ?? null,
    variance: written.variance,
    paid: written.paid,
    outstanding: written.outstanding,
    relatedParty: sale.relatedParty.isRelated,
    payments: written.payments,
    flags: sale.flags.map(toReportFlag),
    noteRefs: refsOf(sale.id),
  }));

  const receivables: ReportReceivable[] = lines
    .filter((line) => line.outstanding.gt(0))
    .map((line) => {
      const days = daysBetween(line.input.contractDate, asOf);
      return {
        saleId: line.input.id,
        unitNo: line.input.unitNo,
        debtors: line.input.buyers.map((buyer) => buyer.name),
        amount: line.written.outstanding,
        daysOutstanding: days,
        agingBucket: agingBucket(days),
        relatedParty: line.input.relatedParty.isRelated,
        occupied: line.occupied,
        noteRefs: refsOf(line.input.id),
      };
    });

  const contractValue = sum(lines.map((line) => line.input.netPrice));
  const cashReceived = sum(lines.map((line) => line.paid));
  const receivablesTotal = sum(lines.map((line) => line.outstanding));
  if (!contractValue.minus(cashReceived).eq(receivablesTotal)) {
    throw new ReportInvariantError(
      `contract value ${contractValue.toFixed()} − cash received ${cashReceived.toFixed()} ≠ receivables ${receivablesTotal.toFixed()}`,
    );
  }
  const priceListFlags: ReportPriceListFlag[] = input.priceListFlags
    .filter((flag) => flag.issuedOn <= asOf)
    .map(({ id, type, severity, status, priceListId, batchNo, unitType }) => ({ id, type, severity, status, priceListId, batchNo, unitType }))
    .sort((a, b) => a.batchNo.localeCompare(b.batchNo) || a.unitType.localeCompare(b.unitType));
  const openFlags = [...lines.flatMap((line) => line.input.flags), ...priceListFlags].filter((flag) => flag.status === 'OPEN');
  const carriedFlags = new Set(
    [...input.sales.flatMap((sale) => sale.flags), ...priceListFlags].flatMap((flag) => (flag.id === null ? [] : [flag.id])),
  );

  const content: ReportContent = {
    reportVersion: 1,
    project: input.project,
    asOf,
    summary: summaryOf({
      unitsTotal: input.unitsTotal,
      unitsSold: lines.length,
      contractValue,
      cashReceived,
      relatedPartyReceivables: sum(lines.filter((line) => line.input.relatedParty.isRelated && line.outstanding.gt(0)).map((line) => line.outstanding)),
      marketShortfall: sum(lines.map((line) => (line.input.market ? Decimal.max(0, line.input.market.price.minus(line.input.netPrice)) : 0))),
      openFlags: openFlags.map((flag) => ({ type: flag.type, severity: flag.severity, count: 1 })),
    }),
    sales,
    receivables,
    ...cancellationsAsOf(input.sales, asOf),
    priceListFlags,
    priceLists: input.priceLists
      .filter((line) => line.issuedOn <= asOf)
      .sort((a, b) => a.issuedOn.localeCompare(b.issuedOn) || a.batchNo.localeCompare(b.batchNo) || a.unitType.localeCompare(b.unitType)),
    notes,
    changesSincePrevious: null,
    subsequentEvents: subsequentEventsOf(input, carriedFlags),
    restatementOf: null,
    restatement: null,
  };
  const cancelledOn = new Map(input.sales.map((sale) => [sale.id, sale.cancelledOn]));
  return {
    ...content,
    changesSincePrevious: input.previous ? changesBetween(input.previous, content, cancelledOn) : null,
    restatementOf: input.restated?.id ?? null,
    restatement: input.restated ? restatementOf(input.restated.content, content) : null,
  };
}

/**
 * What was recorded with a date after the as-of date by the time the report
 * is generated (docs/api-guide.md, Liquidation reports): payments, cancellations, refunds, review
 * decisions and flags raised, of the sales signed by the as-of date and the
 * price lists issued by then; a decision or a flag is dated in the project's
 * time zone. A flag the register raised later for a condition that already
 * held on the as-of date is in the report itself, not among these. The
 * figures and notes leave them all out.
 */
export function subsequentEventsOf(
  input: Pick<ReportInput, 'asOf' | 'sales' | 'registerFlags'> & { project: Pick<ReportProject, 'timeZone'> },
  carried: ReadonlySet<string> = new Set(),
): ReportSubsequentEvents {
  const { asOf } = input;
  const dateOf = (timestamp: string) => dateIn(timestamp, input.project.timeZone);
  const signed = input.sales.filter((sale) => sale.contractDate <= asOf);
  const signedIds = new Set(signed.map((sale) => sale.id));
  const flags = input.registerFlags.filter((flag) => (flag.saleId ? signedIds.has(flag.saleId) : flag.issuedOn !== null && flag.issuedOn <= asOf));
  const unitNo = new Map(signed.map((sale) => [sale.id, sale.unitNo]));
  const byDate = <T>(date: (item: T) => string) => (a: T, b: T) => (date(a) < date(b) ? -1 : date(a) > date(b) ? 1 : 0);
  return {
    payments: signed
      .flatMap((sale) =>
        sale.payments
          .filter((payment) => payment.receivedOn > asOf)
          .map((payment) => ({
            saleId: sale.id, unitNo: sale.unitNo, paymentId: payment.id, amount: formatMoney(payment.amount), receivedOn: payment.receivedOn,
            kind: payment.kind, reversalOf: payment.reversalOf,
          })),
      )
      .sort(byDate((event) => event.receivedOn)),
    cancellations: signed
      .filter((sale) => sale.cancelledOn !== null && sale.cancelledOn > asOf)
      .map((sale) => ({ saleId: sale.id, unitNo: sale.unitNo, cancelledOn: sale.cancelledOn! }))
      .sort(byDate((event) => event.cancelledOn)),
    refunds: signed
      .flatMap((sale) =>
        sale.refunds.filter((refund) => refund.paidOn > asOf).map((refund) => ({ saleId: sale.id, unitNo: sale.unitNo, amount: formatMoney(refund.amount), paidOn: refund.paidOn })),
      )
      .sort(byDate((event) => event.paidOn)),
    reviews: flags
      .flatMap((flag) =>
        flag.reviews
          .filter((review) => dateOf(review.at) > asOf && !(SYSTEM_ENTRIES as readonly string[]).includes(review.decision))
          .map((review) => ({
            flagId: flag.id, type: flag.type, saleId: flag.saleId, unitNo: flag.saleId ? (unitNo.get(flag.saleId) ?? null) : null, priceListId: flag.priceListId,
            decision: review.decision, reviewerName: review.reviewerName, at: review.at,
          })),
      )
      .sort(byDate((event) => event.at)),
    flagsRaised: flags
      .filter((flag) => dateOf(flag.raisedAt) > asOf && !carried.has(flag.id))
      .map((flag) => ({
        flagId: flag.id, type: flag.type, severity: flag.severity, status: flag.status, saleId: flag.saleId, unitNo: flag.saleId ? (unitNo.get(flag.saleId) ?? null) : null,
        priceListId: flag.priceListId, raisedAt: flag.raisedAt,
      }))
      .sort(byDate((event) => event.raisedAt)),
  };
}

/** The values of two objects that differ, key by key (a key missing on one side counts as null). */
function differences(previous: object, current: object, skip: readonly string[] = []): RestatedValue[] {
  const before = previous as Record<string, unknown>;
  const now = current as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(now)])].filter((key) => !skip.includes(key)).sort();
  return keys
    .filter((key) => !isDeepStrictEqual(before[key] ?? null, now[key] ?? null))
    .map((field) => ({ field, previous: before[field] ?? null, current: now[field] ?? null }));
}

/**
 * Every total and line of a report that differs from the report of the same
 * as-of date it restates (a payment recorded late, a cancellation dated back,
 * a new relation): a liquidator sees that the past changed, and how.
 */
export function restatementOf(previous: ReportContent, current: ReportContent): ReportRestatement {
  const lines: ReportRestatement['lines'] = [];
  const compare = <T extends { saleId: string; unitNo: string }>(section: ReportRestatement['lines'][number]['section'], before: T[], now: T[]) => {
    const earlier = new Map(before.map((line) => [line.saleId, line]));
    const later = new Map(now.map((line) => [line.saleId, line]));
    for (const line of now) {
      const old = earlier.get(line.saleId);
      if (!old) lines.push({ section, saleId: line.saleId, unitNo: line.unitNo, change: 'ADDED', fields: [] });
      else {
        const fields = differences(old, line);
        if (fields.length > 0) lines.push({ section, saleId: line.saleId, unitNo: line.unitNo, change: 'CHANGED', fields });
      }
    }
    for (const line of before) {
      if (!later.has(line.saleId)) lines.push({ section, saleId: line.saleId, unitNo: line.unitNo, change: 'REMOVED', fields: [] });
    }
  };
  compare('sales', previous.sales, current.sales);
  compare('receivables', previous.receivables, current.receivables);
  compare('cancellations', previous.cancellations ?? [], current.cancellations);
  const cancellationTotals = differences(previous.cancellationTotals ?? {}, current.cancellationTotals).map((value) => ({
    ...value,
    field: `cancellationTotals.${value.field}`,
  }));
  return { totals: [...differences(previous.summary, current.summary), ...cancellationTotals], lines };
}

function noteFacts(input: ReportInput, line: Line): NoteFacts {
  const { input: sale, written } = line;
  return {
    saleId: sale.id,
    unitNo: sale.unitNo,
    currency: input.project.currency,
    asOf: input.asOf,
    buyers: sale.buyers,
    referrer: sale.referrer,
    relatedParty: sale.relatedParty,
    parties: input.parties,
    relations: input.relations,
    contractDate: sale.contractDate,
    listPrice: written.listPrice,
    netPrice: written.netPrice,
    market: sale.market && {
      price: written.marketPrice!,
      pricePerSqm: formatMoney(sale.market.pricePerSqm),
      method: sale.market.method,
      basis: sale.market.basis,
    },
    variance: written.variance,
    payments: written.payments,
    paid: written.paid,
    outstanding: written.outstanding,
    handedOverOn: line.handedOverOn,
    occupied: line.occupied,
    // The flags as they stood on the as-of date carry only the decisions taken by then; later ones are subsequent events.
    flags: sale.flags,
  };
}

const TOTALS: Array<keyof ReportMoneyTotals> = ['contractValue', 'cashReceived', 'receivables', 'relatedPartyReceivables', 'marketShortfall'];

/** What a later report needs of this one to say what moved since (the content holds it all, at several times the size). */
export function comparisonBasis(content: ReportContent): ReportComparisonBasis {
  const { contractValue, cashReceived, receivables, relatedPartyReceivables, marketShortfall } = content.summary;
  return {
    asOf: content.asOf,
    summary: { contractValue, cashReceived, receivables, relatedPartyReceivables, marketShortfall },
    sales: content.sales.map((line) => ({
      saleId: line.saleId,
      unitNo: line.unitNo,
      payments: line.payments.map((payment) => ({ id: payment.id, amount: payment.amount })),
      flags: line.flags,
    })),
    priceListFlags: content.priceListFlags.map((flag) => ({
      id: flag.id, type: flag.type, severity: flag.severity, status: flag.status, priceListId: flag.priceListId, unitType: flag.unitType,
    })),
  };
}

/** What moved between the previous frozen report of the project and this one. */
export function changesBetween(
  previous: { id: string; content: ReportComparisonBasis },
  current: ReportContent,
  cancelledOn: ReadonlyMap<string, string | null>,
): ReportChanges {
  const before = new Set(previous.content.sales.map((line) => line.saleId));
  const now = new Set(current.sales.map((line) => line.saleId));
  // Tens of thousands of entries in a large project: collected without an intermediate pair per entry.
  const paymentsOf = (content: ReportComparisonBasis) => {
    const byId = new Map<string, Pick<ReportPayment, 'id' | 'amount'>>();
    for (const line of content.sales) for (const payment of line.payments) byId.set(payment.id, payment);
    return byId;
  };
  const paymentsBefore = paymentsOf(previous.content);
  const paymentsNow = paymentsOf(current);
  const added = [...paymentsNow.values()].filter((p) => !paymentsBefore.has(p.id));
  const removed = [...paymentsBefore.values()].filter((p) => !paymentsNow.has(p.id));
  // A flag is known by its subject and type: a report's flag may exist as of its date only, without a register id.
  const flagsOf = (content: ReportComparisonBasis) => {
    const byKey = new Map<string, ReportFlag & { saleId: string | null }>();
    for (const line of content.sales) for (const flag of line.flags) byKey.set(`sale:${line.saleId}:${flag.type}`, { ...flag, saleId: line.saleId });
    for (const flag of content.priceListFlags) {
      const key = flag.priceListId ? `list:${flag.priceListId}:${flag.type}:${flag.unitType}` : `flag:${flag.id}`;
      byKey.set(key, { id: flag.id, type: flag.type, severity: flag.severity, status: flag.status, saleId: null });
    }
    return byKey;
  };
  const flagsBefore = flagsOf(previous.content);
  const flagsNow = flagsOf(current);
  return {
    previousReportId: previous.id,
    previousAsOf: previous.content.asOf,
    salesAdded: current.sales.filter((line) => !before.has(line.saleId)).map((line) => ({ saleId: line.saleId, unitNo: line.unitNo })),
    salesRemoved: previous.content.sales
      .filter((line) => !now.has(line.saleId))
      .map((line) => ({ saleId: line.saleId, unitNo: line.unitNo, cancelledOn: cancelledOn.get(line.saleId) ?? null })),
    payments: {
      added: added.length,
      addedAmount: formatMoney(sum(added.map((p) => p.amount))),
      removed: removed.length,
      removedAmount: formatMoney(sum(removed.map((p) => p.amount))),
    },
    flagsRaised: [...flagsNow].filter(([key, flag]) => !flagsBefore.has(key) && flag.status === 'OPEN').map(([, flag]) => flag),
    flagsClosed: [...flagsBefore]
      .filter(([key, flag]) => flag.status === 'OPEN' && flagsNow.has(key) && flagsNow.get(key)!.status !== 'OPEN')
      .map(([key, flag]) => ({ ...flagsNow.get(key)!, previousStatus: flag.status })),
    totals: Object.fromEntries(
      TOTALS.map((key) => {
        const previousValue = previous.content.summary[key];
        const currentValue = current.summary[key];
        return [key, { previous: previousValue, current: currentValue, change: formatMoney(dec(currentValue).minus(previousValue)) }];
      }),
    ) as ReportChanges['totals'],
  };
}
