import { dec, formatMoney, sum } from '../../common/money';
import { AGING_BUCKETS, ReportChanges, ReportFlag, ReportMoneyTotals, ReportParty, ReportRestatement, ReportView, RestatedValue } from '../report.types';
import { CodeList, codeWord } from './report-codes';
import { REPORT_LABELS, ReportLabels } from './report-labels';
import { localDateTime } from '../../common/business-dates';
import { formatTimestamp, timeZoneOf } from './report-time';

/**
 * The report laid out as labelled figures and tables, once, for every file
 * format. Money, areas and percentages stay the exact decimal strings of the
 * report; each renderer decides how to write them.
 */
export type CellKind = 'text' | 'money' | 'decimal' | 'integer' | 'percent' | 'date' | 'datetime';
export type Cell = string | number | null;

export interface ReportColumn {
  header: string;
  kind: CellKind;
  /** Characters, a spreadsheet column width. */
  width: number;
  /** Never broken across lines in print: a timestamp with its zone, a short word the column beside it can make room for. */
  noWrap?: boolean;
  /** A money-kind column that also holds counts (a restatement's figures): its header names no currency. */
  noCurrency?: boolean;
}

export interface ReportTable {
  columns: ReportColumn[];
  rows: Cell[][];
  /** Rows (by index) that subtotal the rows above them, e.g. receivables per aging bucket. */
  subtotalRows?: number[];
  /** The totals row under the table: a label in the first column, exact sums (decimal strings) in the columns summed, null elsewhere. */
  totals?: Cell[];
}

/**
 * How a table is written: the spreadsheet and the PDF are read by people and
 * show every code in the report's words; the CSV is read by machines and
 * keeps the codes. `clearedApart`: a sale line leaves out its cleared flags
 * (the PDF lists them in an appendix).
 */
export interface TableOptions {
  words?: boolean;
  clearedApart?: boolean;
}

/** Codes as the options want them: the report's words, or the codes themselves. */
interface Say {
  code(list: CodeList, code: string): string;
  flag(flag: { type: string; severity: string; status?: string }): string;
}

function sayOf(report: ReportView, options: TableOptions): Say {
  if (!options.words) {
    return {
      code: (_list, code) => code,
      flag: (flag) => (flag.status === undefined ? `${flag.type}/${flag.severity}` : `${flag.type}/${flag.severity}/${flag.status}`),
    };
  }
  const { lang } = report;
  const code = (list: CodeList, value: string) => codeWord(lang, list, value);
  return {
    code,
    flag: (flag) => {
      const details = [code('severities', flag.severity), ...(flag.status === undefined ? [] : [code('flagStatuses', flag.status)])];
      const type = code('flagTypes', flag.type);
      return lang === 'zh' ? `${type}（${details.join('，')}）` : `${type} (${details.join(', ')})`;
    },
  };
}

/** An amount of exactly two decimals, as the report writes money. */
const CENTS = /^(-?)(\d+)\.(\d{2})$/;

/**
 * The exact sum of amounts (decimal strings), two decimals: counted in whole
 * cents when every amount has two decimals (a large table sums in
 * milliseconds), else summed as decimals.
 */
export function sumAmounts(amounts: readonly string[]): string {
  let cents = 0n;
  for (const amount of amounts) {
    const match = CENTS.exec(amount);
    if (match === null) return formatMoney(sum(amounts));
    cents += BigInt(`${match[1]}${match[2]}${match[3]}`);
  }
  const negative = cents < 0n;
  const digits = (negative ? -cents : cents).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** The exact sum of a column of decimal strings. */
function columnSum(rows: readonly Cell[][], index: number): string {
  return sumAmounts(rows.map((row) => row[index]).filter((cell): cell is string => typeof cell === 'string'));
}

/** The table with a totals row summing the columns given, exactly. */
function withTotals(table: ReportTable, label: string, summed: readonly number[]): ReportTable {
  const totals: Cell[] = table.columns.map((_, index) => (summed.includes(index) ? columnSum(table.rows, index) : null));
  totals[0] = label;
  return { ...table, totals };
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
    columns: columns.map(({ header, kind, width, noWrap, noCurrency }) => ({
      header,
      kind,
      width,
      ...(noWrap ? { noWrap } : {}),
      ...(noCurrency ? { noCurrency } : {}),
    })),
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

/** The flags a sale line shows: all of them, or (cleared apart) the open and decided ones. */
function lineFlags(flags: readonly ReportFlag[], options: TableOptions): ReportFlag[] {
  return options.clearedApart ? flags.filter((flag) => flag.status !== 'CLEARED') : [...flags];
}

/** A sale's note numbers: one as a number (never a number written as text), several as a list. */
function noteNumbers(noteRefs: readonly number[]): Cell {
  return noteRefs.length === 1 ? noteRefs[0] : noteRefs.join(', ');
}

/** The sales, with a totals row: contract value, cash received and receivables. */
export function salesTable(report: ReportView, options: TableOptions = {}): ReportTable {
  const labels = labelsOf(report);
  const header = labels.sales;
  const say = sayOf(report, options);
  const table = tableOf(report.sales, [
    { header: header.unit, kind: 'text', width: 10, value: (sale) => sale.unitNo },
    { header: header.unitType, kind: 'text', width: 10, value: (sale) => sale.unitType },
    { header: header.area, kind: 'decimal', width: 9, value: (sale) => sale.saleableArea },
    { header: header.buyers, kind: 'text', width: 28, value: (sale) => partyNames(sale.buyers) },
    { header: header.referrer, kind: 'text', width: 18, value: (sale) => sale.referrer?.name ?? null },
    { header: header.contractDate, kind: 'date', width: 12, value: (sale) => sale.contractDate },
    { header: header.handedOverOn, kind: 'date', width: 12, value: (sale) => sale.handedOverOn },
    { header: header.occupied, kind: 'text', width: 9, value: (sale) => yesNo(labels, sale.occupied) },
    { header: header.listPrice, kind: 'money', width: 16, value: (sale) => sale.listPrice },
    { header: header.netPrice, kind: 'money', width: 16, value: (sale) => sale.netPrice },
    { header: header.marketPrice, kind: 'money', width: 16, value: (sale) => sale.marketPrice },
    { header: header.marketMethod, kind: 'text', width: 14, value: (sale) => (sale.marketMethod === null ? null : say.code('marketMethods', sale.marketMethod)) },
    { header: header.variance, kind: 'money', width: 16, value: (sale) => sale.variance?.amount ?? null },
    { header: header.variancePct, kind: 'percent', width: 10, value: (sale) => sale.variance?.pct ?? null },
    { header: header.paid, kind: 'money', width: 16, value: (sale) => sale.paid },
    { header: header.outstanding, kind: 'money', width: 16, value: (sale) => sale.outstanding },
    { header: header.relatedParty, kind: 'text', width: 9, value: (sale) => yesNo(labels, sale.relatedParty) },
    { header: header.flags, kind: 'text', width: 36, value: (sale) => lineFlags(sale.flags, options).map(say.flag).join('; ') },
    { header: header.notes, kind: 'text', width: 8, value: (sale) => noteNumbers(sale.noteRefs) },
  ]);
  return withTotals(table, labels.total, [9, 14, 15]);
}

/** The cleared flags of the sales (the condition no longer held by the as-of date), for an appendix: a sale line leaves them out. */
export function clearedFlagsTable(report: ReportView, options: TableOptions = {}): ReportTable {
  const header = labelsOf(report).clearedFlags;
  const say = sayOf(report, options);
  const cleared = report.sales.flatMap((sale) => sale.flags.filter((flag) => flag.status === 'CLEARED').map((flag) => ({ sale, flag })));
  return tableOf(cleared, [
    { header: header.unit, kind: 'text', width: 10, value: ({ sale }) => sale.unitNo },
    { header: header.type, kind: 'text', width: 30, value: ({ flag }) => say.code('flagTypes', flag.type) },
    { header: header.severity, kind: 'text', width: 10, value: ({ flag }) => say.code('severities', flag.severity) },
    { header: header.status, kind: 'text', width: 10, value: ({ flag }) => say.code('flagStatuses', flag.status) },
    { header: header.notes, kind: 'text', width: 8, value: ({ sale }) => noteNumbers(sale.noteRefs) },
  ]);
}

/** The receivables with a totals row; `byAgingBucket`: grouped by aging bucket, each group followed by its subtotal. */
export function receivablesTable(report: ReportView, options: TableOptions & { byAgingBucket?: boolean } = {}): ReportTable {
  const labels = labelsOf(report);
  const header = labels.receivables;
  const say = sayOf(report, options);
  const table = tableOf(report.receivables, [
    { header: header.unit, kind: 'text', width: 10, value: (receivable) => receivable.unitNo },
    { header: header.debtors, kind: 'text', width: 28, value: (receivable) => receivable.debtors.join('; ') },
    { header: header.amount, kind: 'money', width: 16, value: (receivable) => receivable.amount },
    { header: header.daysOutstanding, kind: 'integer', width: 10, value: (receivable) => receivable.daysOutstanding },
    { header: header.agingBucket, kind: 'text', width: 12, noWrap: true, value: (receivable) => say.code('agingBuckets', receivable.agingBucket) },
    { header: header.relatedParty, kind: 'text', width: 9, value: (receivable) => yesNo(labels, receivable.relatedParty) },
    { header: header.occupied, kind: 'text', width: 9, value: (receivable) => yesNo(labels, receivable.occupied) },
    { header: header.notes, kind: 'text', width: 8, value: (receivable) => noteNumbers(receivable.noteRefs) },
  ]);
  const totalled = withTotals(table, labels.total, [2]);
  if (!options.byAgingBucket) return totalled;
  const rows: Cell[][] = [];
  const subtotalRows: number[] = [];
  for (const bucket of AGING_BUCKETS) {
    const group = report.receivables.flatMap((receivable, index) => (receivable.agingBucket === bucket ? [table.rows[index]] : []));
    if (group.length === 0) continue;
    rows.push(...group);
    subtotalRows.push(rows.length);
    rows.push(table.columns.map((_, index) => (index === 0 ? labels.subtotal(say.code('agingBuckets', bucket)) : index === 2 ? columnSum(group, 2) : null)));
  }
  return { ...totalled, rows, subtotalRows };
}

/** The sales cancelled by the as-of date (none in a report frozen before refunds were kept). */
export function cancellationsTable(report: ReportView): ReportTable {
  const labels = labelsOf(report);
  const header = labels.cancellations;
  const table = tableOf(report.cancellations ?? [], [
    { header: header.unit, kind: 'text', width: 10, value: (line) => line.unitNo },
    { header: header.buyers, kind: 'text', width: 28, value: (line) => line.buyers.join('; ') },
    { header: header.cancelledOn, kind: 'date', width: 12, value: (line) => line.cancelledOn },
    { header: header.paid, kind: 'money', width: 16, value: (line) => line.paid },
    { header: header.forfeited, kind: 'money', width: 16, value: (line) => line.forfeited },
    { header: header.refunded, kind: 'money', width: 16, value: (line) => line.refunded },
    { header: header.refundOwed, kind: 'money', width: 16, value: (line) => line.refundOwed },
  ]);
  return table.rows.length === 0 ? table : withTotals(table, labels.total, [3, 4, 5, 6]);
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
export function priceListsTable(report: ReportView, options: TableOptions = {}): ReportTable {
  const header = labelsOf(report).priceLists;
  const say = sayOf(report, options);
  return tableOf(report.priceLists ?? [], [
    { header: header.batchNo, kind: 'text', width: 14, value: (line) => line.batchNo },
    { header: header.issuedOn, kind: 'date', width: 12, value: (line) => line.issuedOn },
    { header: header.unitType, kind: 'text', width: 10, value: (line) => line.unitType },
    { header: header.units, kind: 'integer', width: 8, value: (line) => line.unitCount },
    { header: header.averageListPricePerSqm, kind: 'money', width: 14, value: (line) => line.averageListPricePerSqm },
    { header: header.averageNetPricePerSqm, kind: 'money', width: 14, value: (line) => line.averageNetPricePerSqm },
    { header: header.earlierBatch, kind: 'text', width: 14, value: (line) => line.comparedWith?.batchNo ?? null },
    { header: header.earlierIssuedOn, kind: 'date', width: 12, value: (line) => line.comparedWith?.issuedOn ?? null },
    { header: header.earlierNetPricePerSqm, kind: 'money', width: 12, value: (line) => line.comparedWith?.averageNetPricePerSqm ?? null },
    { header: header.gapPerSqm, kind: 'money', width: 12, value: (line) => line.gapPerSqm },
    { header: header.gapPct, kind: 'percent', width: 8, value: (line) => line.gapPct },
    { header: header.marketFromAsOf, kind: 'date', width: 12, value: (line) => line.marketChange?.fromAsOf ?? null },
    { header: header.marketFromPerSqm, kind: 'money', width: 12, value: (line) => line.marketChange?.fromPricePerSqm ?? null },
    { header: header.marketToAsOf, kind: 'date', width: 12, value: (line) => line.marketChange?.toAsOf ?? null },
    { header: header.marketToPerSqm, kind: 'money', width: 14, value: (line) => line.marketChange?.toPricePerSqm ?? null },
    { header: header.marketChangePct, kind: 'percent', width: 10, value: (line) => line.marketChange?.changePct ?? null },
    { header: header.flag, kind: 'text', width: 36, value: (line) => (line.flag === null ? null : say.flag(line.flag)) },
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
export function subsequentEventsTable(report: ReportView, options: TableOptions = {}): ReportTable {
  const labels = labelsOf(report);
  const say = sayOf(report, options);
  const kind = (code: string) => say.code('paymentKinds', code);
  const label = labels.subsequentEvents;
  const zone = timeZoneOf(report);
  const events = report.subsequentEvents;
  const unitOfSale = unitsBySaleId(report);
  // The date of each payment, by id: what a reversal names as the payment it reverses (made only when one does).
  let paymentDates: Map<string, string> | undefined;
  const paymentDate = (paymentId: string): string | undefined =>
    (paymentDates ??= new Map<string, string>([
      ...report.sales.flatMap((sale) => sale.payments.map((payment) => [payment.id, payment.receivedOn] as const)),
      ...(events?.payments ?? []).map((payment) => [payment.paymentId, payment.receivedOn] as const),
    ])).get(paymentId);
  const onDate = (date: string) => ({ sortKey: date, date });
  const atTime = (timestamp: string) => ({ sortKey: localDateTime(timestamp, zone), date: formatTimestamp(timestamp, zone) });
  const rows: SubsequentEventRow[] = [
    ...(events?.payments ?? []).map((payment): SubsequentEventRow => {
      const reversed = payment.reversalOf === null ? undefined : paymentDate(payment.reversalOf);
      return {
        ...onDate(payment.receivedOn),
        event: payment.reversalOf === null ? label.kinds.payment : label.kinds.reversal,
        subject: payment.unitNo,
        amount: payment.amount,
        detail: reversed === undefined ? kind(payment.kind) : label.reverses(kind(payment.kind), reversed),
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
      subject: flagSubject(report, unitOfSale, review),
      amount: null,
      detail: label.review(say.code('flagTypes', review.type), say.code('reviewDecisions', review.decision), review.reviewerName),
    })),
    ...(events?.flagsRaised ?? []).map((flag): SubsequentEventRow => ({
      ...atTime(flag.raisedAt),
      event: label.kinds.flagRaised,
      subject: flagSubject(report, unitOfSale, flag),
      amount: null,
      detail: say.flag(flag),
    })),
  ];
  rows.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
  return tableOf(rows, [
    { header: label.date, kind: 'datetime', width: 34, noWrap: true, value: (row) => row.date },
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
    { label: label.asOf, kind: 'date', value: report.asOf },
    { label: label.generatedAt, kind: 'datetime', value: formatTimestamp(report.generatedAt, timeZoneOf(report)) },
    { label: label.generatedBy, kind: 'text', value: report.generatedBy.name },
    { label: label.reportId, kind: 'text', value: report.id },
  ];
  if (report.restatementOf) {
    figures.push({ label: label.restatementOf, kind: 'text', value: report.restatementOf });
  }
  if (report.previousReportId !== null) {
    figures.push({ label: label.previousReportId, kind: 'text', value: report.previousReportId });
  }
  figures.push({ label: label.sha256, kind: 'text', value: report.sha256 });
  const head = report.auditChainHead;
  if (head) {
    figures.push({ label: label.auditChainSeq, kind: 'integer', value: head.seq }, { label: label.auditChainHash, kind: 'text', value: head.hash });
    if (head.signature) figures.push({ label: label.auditChainSignature, kind: 'text', value: head.signature });
  }
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

function countsTable(header: string, countHeader: string, counts: Record<string, number>, word: (code: string) => string): ReportTable {
  return tableOf(Object.entries(counts), [
    { header, kind: 'text', width: 32, value: ([key]) => word(key) },
    { header: countHeader, kind: 'integer', width: 20, value: ([, count]) => count },
  ]);
}

export function openFlagsByTypeTable(report: ReportView, options: TableOptions = {}): ReportTable {
  const label = labelsOf(report).openFlags;
  const say = sayOf(report, options);
  return countsTable(label.type, label.count, report.summary.openFlags.byType, (code) => say.code('flagTypes', code));
}

export function openFlagsBySeverityTable(report: ReportView, options: TableOptions = {}): ReportTable {
  const label = labelsOf(report).openFlags;
  const say = sayOf(report, options);
  return countsTable(label.severity, label.count, report.summary.openFlags.bySeverity, (code) => say.code('severities', code));
}

/** A count, followed by what was counted: "2: A-101, A-102". */
function countedList(items: readonly string[]): Cell {
  return items.length === 0 ? 0 : `${items.length}: ${items.join(', ')}`;
}

function unitsBySaleId(report: ReportView): Map<string, string> {
  const units = new Map(report.sales.map((sale) => [sale.saleId, sale.unitNo]));
  for (const cancelled of report.cancellations ?? []) units.set(cancelled.saleId, cancelled.unitNo);
  for (const removed of report.changesSincePrevious?.salesRemoved ?? []) units.set(removed.saleId, removed.unitNo);
  return units;
}

export function changesFigures(report: ReportView, changes: ReportChanges, options: TableOptions = {}): ReportFigure[] {
  const label = labelsOf(report).changes;
  const say = sayOf(report, options);
  const unitOfSale = unitsBySaleId(report);
  const flagOfSale = (code: string, saleId: string | null): string =>
    saleId === null ? code : `${code} (${unitOfSale.get(saleId) ?? saleId})`;
  return [
    { label: label.previousAsOf, kind: 'date', value: changes.previousAsOf },
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
      value: countedList(changes.flagsRaised.map((flag) => flagOfSale(say.flag(flag), flag.saleId))),
    },
    {
      label: label.flagsClosed,
      kind: 'text',
      value: countedList(
        changes.flagsClosed.map((flag) =>
          flagOfSale(
            options.words
              ? `${say.flag({ type: flag.type, severity: flag.severity })} ${say.code('flagStatuses', flag.previousStatus)}→${say.code('flagStatuses', flag.status)}`
              : `${flag.type}/${flag.severity}/${flag.previousStatus}→${flag.status}`,
            flag.saleId,
          ),
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


/** A value of a restated total or line as a reader reads it: a party by name, a flag by its code, a list joined. */
function restatedText(labels: ReportLabels, say: Say, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return yesNo(labels, value);
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    const items = value.map((item) => restatedText(labels, say, item)).filter((item): item is string => item !== null);
    return items.length === 0 ? null : items.join('; ');
  }
  if (typeof value === 'object') {
    const item = value as Record<string, unknown>;
    if (typeof item.name === 'string') return item.name;
    if ('type' in item && 'severity' in item && 'status' in item) return say.flag(item as unknown as ReportFlag);
    if ('receivedOn' in item && 'amount' in item) return `${item.receivedOn} ${say.code('paymentKinds', String(item.kind))} ${item.amount}`;
    if ('amount' in item && 'pct' in item) return `${item.amount} (${item.pct}%)`;
    return Object.entries(item)
      .map(([key, inner]) => `${key}: ${restatedText(labels, say, inner) ?? ''}`)
      .join(', ');
  }
  return String(value);
}

/** Of two lists, the entries only one of them holds (the whole lists when they differ by order only). */
function differingEntries(previous: unknown[], current: unknown[]): [unknown[], unknown[]] {
  const key = (item: unknown) => JSON.stringify(item);
  const before = new Set(previous.map(key));
  const now = new Set(current.map(key));
  const removed = previous.filter((item) => !now.has(key(item)));
  const added = current.filter((item) => !before.has(key(item)));
  return removed.length === 0 && added.length === 0 ? [previous, current] : [removed, added];
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A total's leaves that differ: the open-flag counts by type and severity each on their own. */
function differingLeaves(path: string[], previous: unknown, current: unknown): Array<{ path: string[]; previous: unknown; current: unknown }> {
  if (!isPlainObject(previous) && !isPlainObject(current)) {
    return JSON.stringify(previous ?? null) === JSON.stringify(current ?? null) ? [] : [{ path, previous: previous ?? null, current: current ?? null }];
  }
  const before = isPlainObject(previous) ? previous : {};
  const now = isPlainObject(current) ? current : {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(now)])];
  return keys.flatMap((key) => differingLeaves([...path, key], before[key], now[key]));
}

function restatedTotalLabel(labels: ReportLabels, say: Say, path: string[]): string {
  const [field, ...rest] = path;
  const summary = labels.summary as unknown as Record<string, string>;
  const cancellations = labels.cancellations as unknown as Record<string, string>;
  if (field.startsWith('cancellationTotals.')) {
    const name = field.slice('cancellationTotals.'.length);
    return labels.restatement.partOf(labels.sections.cancellations, cancellations[name] ?? name);
  }
  if (field === 'openFlags') {
    const [group, key] = rest;
    if (group === 'byType') return labels.restatement.partOf(labels.summary.openFlagsTotal, `${labels.openFlags.type} ${say.code('flagTypes', key)}`);
    if (group === 'bySeverity') return labels.restatement.partOf(labels.summary.openFlagsTotal, `${labels.openFlags.severity} ${say.code('severities', key)}`);
    return labels.summary.openFlagsTotal;
  }
  return [summary[field] ?? field, ...rest].join(' ');
}

const isAmount = (value: unknown): value is string | number =>
  typeof value === 'number' || (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value));

/** The summary figures and cancellation totals that differ from the report restated, with the change (counts by type and severity one by one). */
export function restatementTotalsTable(report: ReportView, restatement: ReportRestatement, options: TableOptions = {}): ReportTable {
  const labels = labelsOf(report);
  const say = sayOf(report, options);
  const header = labels.restatement;
  const rows = restatement.totals.flatMap((total) => differingLeaves([total.field], total.previous, total.current));
  const cell = (value: unknown): Cell => (isAmount(value) ? value : restatedText(labels, say, value));
  const change = (row: { previous: unknown; current: unknown }): Cell => {
    if (typeof row.previous === 'number' && typeof row.current === 'number') return row.current - row.previous;
    if (typeof row.previous === 'string' && typeof row.current === 'string' && isAmount(row.previous) && isAmount(row.current)) {
      return formatMoney(dec(row.current).minus(row.previous));
    }
    return null;
  };
  return tableOf(rows, [
    { header: header.figure, kind: 'text', width: 32, value: (row) => restatedTotalLabel(labels, say, row.path) },
    { header: header.previous, kind: 'money', width: 20, noCurrency: true, value: (row) => cell(row.previous) },
    { header: header.current, kind: 'money', width: 20, noCurrency: true, value: (row) => cell(row.current) },
    { header: header.change, kind: 'money', width: 20, noCurrency: true, value: change },
  ]);
}

/** The label a line's field has in its own table (the unit as "unit", the note numbers as "notes"). */
function restatedFieldLabel(labels: ReportLabels, section: ReportRestatement['lines'][number]['section'], field: string): string {
  const aliases: Record<string, string> = { unitNo: 'unit', saleableArea: 'area', noteRefs: 'notes' };
  if (field === 'payments') return labels.restatement.payments;
  const own = labels[section] as unknown as Record<string, string>;
  return own[aliases[field] ?? field] ?? field;
}

/**
 * The sale, receivable and cancellation lines added, removed or changed since
 * the report restated, a row for each field that differs; of a list that
 * changed, only the entries that differ on each side.
 */
/** A line's fields that hold a code, with the list it is read in. */
const CODE_FIELDS: Readonly<Record<string, CodeList>> = { marketMethod: 'marketMethods', agingBucket: 'agingBuckets' };

export function restatementLinesTable(report: ReportView, restatement: ReportRestatement, options: TableOptions = {}): ReportTable {
  const labels = labelsOf(report);
  const say = sayOf(report, options);
  const header = labels.restatement;
  const codeField = (field: string | null, value: unknown): unknown =>
    field !== null && typeof value === 'string' && Object.hasOwn(CODE_FIELDS, field) ? say.code(CODE_FIELDS[field], value) : value;
  const rows = restatement.lines.flatMap((line) => {
    const fields: Array<RestatedValue | null> = line.fields.length === 0 ? [null] : line.fields;
    return fields.map((field) => {
      if (field === null) return { line, field: null, previous: null, current: null };
      const [previous, current] =
        Array.isArray(field.previous) && Array.isArray(field.current) ? differingEntries(field.previous, field.current) : [field.previous, field.current];
      return { line, field: field.field, previous, current };
    });
  });
  return tableOf(rows, [
    { header: header.section, kind: 'text', width: 16, value: (row) => labels.sections[row.line.section] },
    { header: header.unit, kind: 'text', width: 10, value: (row) => row.line.unitNo },
    { header: header.lineChange, kind: 'text', width: 10, value: (row) => header.changes[row.line.change] },
    { header: header.field, kind: 'text', width: 16, value: (row) => (row.field === null ? null : restatedFieldLabel(labels, row.line.section, row.field)) },
    { header: header.previous, kind: 'text', width: 40, value: (row) => restatedText(labels, say, codeField(row.field, row.previous)) },
    { header: header.current, kind: 'text', width: 40, value: (row) => restatedText(labels, say, codeField(row.field, row.current)) },
  ]);
}
