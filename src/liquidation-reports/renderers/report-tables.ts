import { ReportChanges, ReportFlag, ReportMoneyTotals, ReportParty, ReportView } from '../report.types';
import { REPORT_LABELS, ReportLabels } from './report-labels';
import { formatTimestamp, localDateTime, timeZoneOf } from './report-time';

/**
 * The report laid out as labelled figures and tables, once, for every file
 * format. Money, areas and percentages stay the exact decimal strings of the
 * report; each renderer decides how to write them.
 */
export type CellKind = 'text' | 'money' | 'decimal' | 'integer';
export type Cell = string | number | null;

export interface ReportColumn {
  header: string;
  kind: CellKind;
  /** Characters, a spreadsheet column width. */
  width: number;
  /** Never broken across lines in print: a timestamp with its zone, a short word the column beside it can make room for. */
  noWrap?: boolean;
}

export interface ReportTable {
  columns: ReportColumn[];
  rows: Cell[][];
}

export interface ReportFigure {
  label: string;
  kind: CellKind;
  value: Cell;
}

const MONEY_TOTALS: ReadonlyArray<keyof ReportMoneyTotals> = [
  'contractValue',
  'cashReceived',
  'receivables',
  'relatedPartyReceivables',
  'marketShortfall',
];

interface ColumnOf<Row> extends ReportColumn {
  value: (row: Row) => Cell;
}

function tableOf<Row>(rows: readonly Row[], columns: Array<ColumnOf<Row>>): ReportTable {
  return {
    columns: columns.map(({ header, kind, width, noWrap }) => ({ header, kind, width, ...(noWrap ? { noWrap } : {}) })),
    rows: rows.map((row) => columns.map((column) => column.value(row))),
  };
}

export function labelsOf(report: ReportView): ReportLabels {
  return REPORT_LABELS[report.lang];
}

function yesNo(labels: ReportLabels, value: boolean): string {
  return value ? labels.yes : labels.no;
}

function partyNames(parties: readonly ReportParty[]): string {
  return parties.map((party) => party.name).join('; ');
}

function flagCode(flag: ReportFlag): string {
  return `${flag.type}/${flag.severity}/${flag.status}`;
}

function noteNumbers(noteRefs: readonly number[]): string {
  return noteRefs.join(', ');
}

export function salesTable(report: ReportView): ReportTable {
  const labels = labelsOf(report);
  const header = labels.sales;
  return tableOf(report.sales, [
    { header: header.unit, kind: 'text', width: 10, value: (sale) => sale.unitNo },
    { header: header.unitType, kind: 'text', width: 10, value: (sale) => sale.unitType },
    { header: header.area, kind: 'decimal', width: 9, value: (sale) => sale.saleableArea },
    { header: header.buyers, kind: 'text', width: 28, value: (sale) => partyNames(sale.buyers) },
    { header: header.referrer, kind: 'text', width: 18, value: (sale) => sale.referrer?.name ?? null },
    { header: header.contractDate, kind: 'text', width: 12, value: (sale) => sale.contractDate },
    { header: header.handedOverOn, kind: 'text', width: 12, value: (sale) => sale.handedOverOn },
    { header: header.occupied, kind: 'text', width: 9, value: (sale) => yesNo(labels, sale.occupied) },
    { header: header.listPrice, kind: 'money', width: 16, value: (sale) => sale.listPrice },
    { header: header.netPrice, kind: 'money', width: 16, value: (sale) => sale.netPrice },
    { header: header.marketPrice, kind: 'money', width: 16, value: (sale) => sale.marketPrice },
    { header: header.marketMethod, kind: 'text', width: 14, value: (sale) => sale.marketMethod },
    { header: header.variance, kind: 'money', width: 16, value: (sale) => sale.variance?.amount ?? null },
    { header: header.variancePct, kind: 'decimal', width: 10, value: (sale) => sale.variance?.pct ?? null },
    { header: header.paid, kind: 'money', width: 16, value: (sale) => sale.paid },
    { header: header.outstanding, kind: 'money', width: 16, value: (sale) => sale.outstanding },
    { header: header.relatedParty, kind: 'text', width: 9, value: (sale) => yesNo(labels, sale.relatedParty) },
    { header: header.flags, kind: 'text', width: 36, value: (sale) => sale.flags.map(flagCode).join('; ') },
    { header: header.notes, kind: 'text', width: 8, value: (sale) => noteNumbers(sale.noteRefs) },
  ]);
}

export function receivablesTable(report: ReportView): ReportTable {
  const labels = labelsOf(report);
  const header = labels.receivables;
  return tableOf(report.receivables, [
    { header: header.unit, kind: 'text', width: 10, value: (receivable) => receivable.unitNo },
    { header: header.debtors, kind: 'text', width: 28, value: (receivable) => receivable.debtors.join('; ') },
    { header: header.amount, kind: 'money', width: 16, value: (receivable) => receivable.amount },
    { header: header.daysOutstanding, kind: 'integer', width: 10, value: (receivable) => receivable.daysOutstanding },
    { header: header.agingBucket, kind: 'text', width: 10, value: (receivable) => receivable.agingBucket },
    { header: header.relatedParty, kind: 'text', width: 9, value: (receivable) => yesNo(labels, receivable.relatedParty) },
    { header: header.occupied, kind: 'text', width: 9, value: (receivable) => yesNo(labels, receivable.occupied) },
    { header: header.notes, kind: 'text', width: 8, value: (receivable) => noteNumbers(receivable.noteRefs) },
  ]);
}

/** The sales cancelled by the as-of date (none in a report frozen before refunds were kept). */
export function cancellationsTable(report: ReportView): ReportTable {
  const header = labelsOf(report).cancellations;
  return tableOf(report.cancellations ?? [], [
    { header: header.unit, kind: 'text', width: 10, value: (line) => line.unitNo },
    { header: header.buyers, kind: 'text', width: 28, value: (line) => line.buyers.join('; ') },
    { header: header.cancelledOn, kind: 'text', width: 12, value: (line) => line.cancelledOn },
    { header: header.paid, kind: 'money', width: 16, value: (line) => line.paid },
    { header: header.forfeited, kind: 'money', width: 16, value: (line) => line.forfeited },
    { header: header.refunded, kind: 'money', width: 16, value: (line) => line.refunded },
    { header: header.refundOwed, kind: 'money', width: 16, value: (line) => line.refundOwed },
  ]);
}

/** The cancellations' totals, labelled as their columns; none in a report frozen before refunds were kept. */
export function cancellationTotalsFigures(report: ReportView): ReportFigure[] {
  const label = labelsOf(report).cancellations;
  const totals = report.cancellationTotals;
  if (!totals) return [];
  return (['paid', 'forfeited', 'refunded', 'refundOwed'] as const).map((key) => ({ label: label[key], kind: 'money', value: totals[key] }));
}

/**
 * Each price list issued by the as-of date, unit type by unit type, beside the
 * earlier batch it is compared with and the market between their issue dates:
 * a batch priced below an earlier one while the market rose reads in one row,
 * with its flag. None in a report frozen before price lists were kept.
 */
export function priceListsTable(report: ReportView): ReportTable {
  const header = labelsOf(report).priceLists;
  return tableOf(report.priceLists ?? [], [
    { header: header.batchNo, kind: 'text', width: 10, value: (line) => line.batchNo },
    { header: header.issuedOn, kind: 'text', width: 12, value: (line) => line.issuedOn },
    { header: header.unitType, kind: 'text', width: 10, value: (line) => line.unitType },
    { header: header.units, kind: 'integer', width: 8, value: (line) => line.unitCount },
    { header: header.averageListPricePerSqm, kind: 'money', width: 14, value: (line) => line.averageListPricePerSqm },
    { header: header.averageNetPricePerSqm, kind: 'money', width: 14, value: (line) => line.averageNetPricePerSqm },
    { header: header.earlierBatch, kind: 'text', width: 10, value: (line) => line.comparedWith?.batchNo ?? null },
    { header: header.earlierIssuedOn, kind: 'text', width: 12, value: (line) => line.comparedWith?.issuedOn ?? null },
    { header: header.earlierNetPricePerSqm, kind: 'money', width: 14, value: (line) => line.comparedWith?.averageNetPricePerSqm ?? null },
    { header: header.gapPerSqm, kind: 'money', width: 12, value: (line) => line.gapPerSqm },
    { header: header.gapPct, kind: 'decimal', width: 8, value: (line) => line.gapPct },
    { header: header.marketFromAsOf, kind: 'text', width: 12, value: (line) => line.marketChange?.fromAsOf ?? null },
    { header: header.marketFromPerSqm, kind: 'money', width: 14, value: (line) => line.marketChange?.fromPricePerSqm ?? null },
    { header: header.marketToAsOf, kind: 'text', width: 12, value: (line) => line.marketChange?.toAsOf ?? null },
    { header: header.marketToPerSqm, kind: 'money', width: 14, value: (line) => line.marketChange?.toPricePerSqm ?? null },
    { header: header.marketChangePct, kind: 'decimal', width: 10, value: (line) => line.marketChange?.changePct ?? null },
    { header: header.flag, kind: 'text', width: 36, value: (line) => (line.flag === null ? null : flagCode(line.flag)) },
  ]);
}

interface SubsequentEventRow {
  /** The local date and time it sorts by: a business date sorts before the timed events of its day. */
  sortKey: string;
  date: string;
  event: string;
  subject: string | null;
  amount: string | null;
  detail: string | null;
}

/** The unit or price list a flag is about, as a reader knows it (a price-list flag by its batch and unit type). */
function flagSubject(
  report: ReportView,
  unitOfSale: Map<string, string>,
  flag: { flagId: string | null; saleId: string | null; priceListId: string | null },
): string | null {
  const { flagId, saleId, priceListId } = flag;
  const label = labelsOf(report).subsequentEvents;
  if (saleId !== null) return unitOfSale.get(saleId) ?? saleId;
  const known = flagId === null ? undefined : (report.priceListFlags ?? []).find((flag) => flag.id === flagId);
  if (known !== undefined) return label.priceList(known.batchNo, known.unitType);
  const lines = report.priceLists ?? [];
  const flagged = flagId === null ? undefined : lines.find((line) => line.flag?.id === flagId);
  if (flagged !== undefined) return label.priceList(flagged.batchNo, flagged.unitType);
  const list = lines.find((line) => line.priceListId === priceListId);
  return list === undefined ? null : label.priceList(list.batchNo, null);
}

/**
 * What was recorded with a date after the as-of date (a liquidator's events
 * after the balance date), in one list by date: payments and their reversals,
 * cancellations, refunds, review decisions and flags raised. Timestamps are
 * shown in the project's zone. None in a report frozen before they were kept.
 */
export function subsequentEventsTable(report: ReportView): ReportTable {
  const labels = labelsOf(report);
  const label = labels.subsequentEvents;
  const zone = timeZoneOf(report);
  const events = report.subsequentEvents;
  const unitOfSale = unitsBySaleId(report);
  const paymentDates = new Map<string, string>([
    ...report.sales.flatMap((sale) => sale.payments.map((payment) => [payment.id, payment.receivedOn] as const)),
    ...(events?.payments ?? []).map((payment) => [payment.paymentId, payment.receivedOn] as const),
  ]);
  const onDate = (date: string) => ({ sortKey: date, date });
  const atTime = (timestamp: string) => ({ sortKey: localDateTime(timestamp, zone), date: formatTimestamp(timestamp, zone) });
  const rows: SubsequentEventRow[] = [
    ...(events?.payments ?? []).map((payment): SubsequentEventRow => {
      const reversed = payment.reversalOf === null ? undefined : paymentDates.get(payment.reversalOf);
      return {
        ...onDate(payment.receivedOn),
        event: payment.reversalOf === null ? label.kinds.payment : label.kinds.reversal,
        subject: payment.unitNo,
        amount: payment.amount,
        detail: reversed === undefined ? payment.kind : label.reverses(payment.kind, reversed),
      };
    }),
    ...(events?.cancellations ?? []).map((cancellation): SubsequentEventRow => ({
      ...onDate(cancellation.cancelledOn),
      event: label.kinds.cancellation,
      subject: cancellation.unitNo,
      amount: null,
      detail: null,
    })),
    ...(events?.refunds ?? []).map((refund): SubsequentEventRow => ({
      ...onDate(refund.paidOn),
      event: label.kinds.refund,
      subject: refund.unitNo,
      amount: refund.amount,
      detail: null,
    })),
    ...(events?.reviews ?? []).map((review): SubsequentEventRow => ({
      ...atTime(review.at),
      event: label.kinds.review,
      subject: flagSubject(report, unitOfSale, { ...review, priceListId: null }),
      amount: null,
      detail: label.review(review.type, review.decision, review.reviewerName),
    })),
    ...(events?.flagsRaised ?? []).map((flag): SubsequentEventRow => ({
      ...atTime(flag.raisedAt),
      event: label.kinds.flagRaised,
      subject: flagSubject(report, unitOfSale, flag),
      amount: null,
      detail: `${flag.type}/${flag.severity}`,
    })),
  ];
  rows.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
  return tableOf(rows, [
    { header: label.date, kind: 'text', width: 30, noWrap: true, value: (row) => row.date },
    { header: label.event, kind: 'text', width: 18, noWrap: true, value: (row) => row.event },
    { header: label.subject, kind: 'text', width: 18, noWrap: true, value: (row) => row.subject },
    { header: label.amount, kind: 'money', width: 16, value: (row) => row.amount },
    { header: label.detail, kind: 'text', width: 56, value: (row) => row.detail },
  ]);
}

export function notesTable(report: ReportView): ReportTable {
  const header = labelsOf(report).notes;
  const unitOfSale = unitsBySaleId(report);
  return tableOf(report.notes, [
    { header: header.number, kind: 'integer', width: 6, value: (note) => note.number },
    { header: header.unit, kind: 'text', width: 10, value: (note) => unitOfSale.get(note.saleId) ?? note.saleId },
    { header: header.text, kind: 'text', width: 100, value: (note) => note.text },
  ]);
}

export function identityFigures(report: ReportView): ReportFigure[] {
  const label = labelsOf(report).identity;
  const figures: ReportFigure[] = [
    { label: label.projectCode, kind: 'text', value: report.project.code },
    { label: label.projectName, kind: 'text', value: report.project.name },
    { label: label.currency, kind: 'text', value: report.project.currency },
    { label: label.asOf, kind: 'text', value: report.asOf },
    { label: label.generatedAt, kind: 'text', value: formatTimestamp(report.generatedAt, timeZoneOf(report)) },
    { label: label.generatedBy, kind: 'text', value: report.generatedBy.name },
    { label: label.reportId, kind: 'text', value: report.id },
  ];
  if (report.previousReportId !== null) {
    figures.push({ label: label.previousReportId, kind: 'text', value: report.previousReportId });
  }
  figures.push({ label: label.sha256, kind: 'text', value: report.sha256 });
  return figures;
}

export function summaryFigures(report: ReportView): ReportFigure[] {
  const label = labelsOf(report).summary;
  const { summary } = report;
  return [
    { label: label.unitsTotal, kind: 'integer', value: summary.unitsTotal },
    { label: label.unitsSold, kind: 'integer', value: summary.unitsSold },
    { label: label.unitsUnsold, kind: 'integer', value: summary.unitsUnsold },
    ...MONEY_TOTALS.map((key): ReportFigure => ({ label: label[key], kind: 'money', value: summary[key] })),
    { label: label.openFlagsTotal, kind: 'integer', value: summary.openFlags.total },
  ];
}

function countsTable(header: string, countHeader: string, counts: Record<string, number>): ReportTable {
  return tableOf(Object.entries(counts), [
    { header, kind: 'text', width: 32, value: ([key]) => key },
    { header: countHeader, kind: 'integer', width: 20, value: ([, count]) => count },
  ]);
}

export function openFlagsByTypeTable(report: ReportView): ReportTable {
  const label = labelsOf(report).openFlags;
  return countsTable(label.type, label.count, report.summary.openFlags.byType);
}

export function openFlagsBySeverityTable(report: ReportView): ReportTable {
  const label = labelsOf(report).openFlags;
  return countsTable(label.severity, label.count, report.summary.openFlags.bySeverity);
}

/** A count, followed by what was counted: "2: A-101, A-102". */
function countedList(items: readonly string[]): string {
  return items.length === 0 ? '0' : `${items.length}: ${items.join(', ')}`;
}

function unitsBySaleId(report: ReportView): Map<string, string> {
  const units = new Map(report.sales.map((sale) => [sale.saleId, sale.unitNo]));
  for (const cancelled of report.cancellations ?? []) units.set(cancelled.saleId, cancelled.unitNo);
  for (const removed of report.changesSincePrevious?.salesRemoved ?? []) units.set(removed.saleId, removed.unitNo);
  return units;
}

export function changesFigures(report: ReportView, changes: ReportChanges): ReportFigure[] {
  const label = labelsOf(report).changes;
  const unitOfSale = unitsBySaleId(report);
  const flagOfSale = (code: string, saleId: string | null): string =>
    saleId === null ? code : `${code} (${unitOfSale.get(saleId) ?? saleId})`;
  return [
    { label: label.previousAsOf, kind: 'text', value: changes.previousAsOf },
    { label: label.salesAdded, kind: 'text', value: countedList(changes.salesAdded.map((sale) => sale.unitNo)) },
    {
      label: label.salesRemoved,
      kind: 'text',
      value: countedList(
        changes.salesRemoved.map((sale) => (sale.cancelledOn === null ? sale.unitNo : `${sale.unitNo} (${sale.cancelledOn})`)),
      ),
    },
    { label: label.paymentsAdded, kind: 'integer', value: changes.payments.added },
    { label: label.paymentsAddedAmount, kind: 'money', value: changes.payments.addedAmount },
    { label: label.paymentsRemoved, kind: 'integer', value: changes.payments.removed },
    { label: label.paymentsRemovedAmount, kind: 'money', value: changes.payments.removedAmount },
    {
      label: label.flagsRaised,
      kind: 'text',
      value: countedList(changes.flagsRaised.map((flag) => flagOfSale(flagCode(flag), flag.saleId))),
    },
    {
      label: label.flagsClosed,
      kind: 'text',
      value: countedList(
        changes.flagsClosed.map((flag) =>
          flagOfSale(`${flag.type}/${flag.severity}/${flag.previousStatus}→${flag.status}`, flag.saleId),
        ),
      ),
    },
  ];
}

export function totalsMovesTable(report: ReportView, changes: ReportChanges): ReportTable {
  const labels = labelsOf(report);
  const header = labels.changes;
  return tableOf(MONEY_TOTALS, [
    { header: header.figure, kind: 'text', width: 32, value: (key) => labels.summary[key] },
    { header: header.previous, kind: 'money', width: 20, value: (key) => changes.totals[key].previous },
    { header: header.current, kind: 'money', width: 20, value: (key) => changes.totals[key].current },
    { header: header.change, kind: 'money', width: 20, value: (key) => changes.totals[key].change },
  ]);
}

