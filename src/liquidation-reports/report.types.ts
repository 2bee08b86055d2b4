/**
 * The liquidation report (docs/api-guide.md, Liquidation reports) as plain data. Money, areas and percentages
 * are decimal strings with exactly 2 decimals; dates are YYYY-MM-DD. The
 * stored content holds the notes in both languages, so that a frozen report
 * reads the same in every language for ever; a view picks one.
 */
export const REPORT_LANGUAGES = ['en', 'zh'] as const;
export type Lang = (typeof REPORT_LANGUAGES)[number];

export const AGING_BUCKETS = ['0-90', '91-180', '181-365', '>365'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export interface ReportMoneyTotals {
  contractValue: string;
  cashReceived: string;
  receivables: string;
  relatedPartyReceivables: string;
  marketShortfall: string;
}

export interface ReportSummary extends ReportMoneyTotals {
  unitsTotal: number;
  unitsSold: number;
  unitsUnsold: number;
  openFlags: { total: number; byType: Record<string, number>; bySeverity: Record<string, number> };
}

export interface ReportParty {
  id: string;
  name: string;
}

export interface ReportPayment {
  id: string;
  amount: string;
  receivedOn: string;
  kind: string;
  reversalOf: string | null;
}

export interface ReportFlag {
  /** The live register's flag for the same subject and type; null when the register holds none (the condition held as of the date only). */
  id: string | null;
  type: string;
  severity: string;
  status: string;
}

export interface ReportSaleLine {
  saleId: string;
  unitNo: string;
  unitType: string;
  saleableArea: string;
  buyers: ReportParty[];
  referrer: ReportParty | null;
  contractDate: string;
  handedOverOn: string | null;
  occupied: boolean;
  listPrice: string | null;
  netPrice: string;
  marketPrice: string | null;
  marketMethod: string | null;
  variance: { amount: string; pct: string } | null;
  paid: string;
  outstanding: string;
  relatedParty: boolean;
  payments: ReportPayment[];
  flags: ReportFlag[];
  noteRefs: number[];
}

export interface ReportReceivable {
  saleId: string;
  unitNo: string;
  debtors: string[];
  amount: string;
  daysOutstanding: number;
  agingBucket: AgingBucket;
  relatedParty: boolean;
  occupied: boolean;
  noteRefs: number[];
}

/** A sale cancelled on or before the as-of date: what was paid on it by then, what the developer keeps and what it owes back. */
export interface ReportCancellationLine {
  saleId: string;
  unitNo: string;
  buyers: string[];
  cancelledOn: string;
  /** Payments received on or before the as-of date, net of reversals. */
  paid: string;
  forfeited: string;
  /** Refunds paid on or before the as-of date. */
  refunded: string;
  /** paid − forfeited − refunded. */
  refundOwed: string;
}

export interface ReportCancellationTotals {
  paid: string;
  forfeited: string;
  refunded: string;
  refundOwed: string;
}

export interface ReportPriceListFlag extends ReportFlag {
  priceListId: string;
  batchNo: string;
  unitType: string;
}

/**
 * One unit type of one price list issued by the as-of date (the time-reversal
 * case at a glance): its area-weighted average list and net price per m², the
 * earlier batch it is compared with (the one its flag names, else the latest
 * earlier batch pricing the type), the gap between them, the market change
 * between their issue dates, and its flag as of the date.
 */
export interface ReportPriceListLine {
  priceListId: string;
  batchNo: string;
  issuedOn: string;
  unitType: string;
  unitCount: number;
  averageListPricePerSqm: string;
  /** After the largest published discount. */
  averageNetPricePerSqm: string;
  comparedWith: { priceListId: string; batchNo: string; issuedOn: string; averageNetPricePerSqm: string } | null;
  /** comparedWith's average net price per m² − this batch's (positive: priced below the earlier batch). */
  gapPerSqm: string | null;
  gapPct: string | null;
  /** Market evidence per m² on or before each batch's issue date, and the change between them. */
  marketChange: { fromAsOf: string; fromPricePerSqm: string; toAsOf: string; toPricePerSqm: string; changePct: string } | null;
  flag: ReportFlag | null;
}

export interface ReportNote {
  number: number;
  saleId: string;
  text: string;
}

export interface TotalMove {
  previous: string;
  current: string;
  change: string;
}

export interface ReportChanges {
  previousReportId: string;
  previousAsOf: string;
  salesAdded: Array<{ saleId: string; unitNo: string }>;
  /** In the previous report, not in this one: cancelled since (or by an earlier as-of date). */
  salesRemoved: Array<{ saleId: string; unitNo: string; cancelledOn: string | null }>;
  payments: { added: number; addedAmount: string; removed: number; removedAmount: string };
  flagsRaised: Array<ReportFlag & { saleId: string | null }>;
  flagsClosed: Array<ReportFlag & { saleId: string | null; previousStatus: string }>;
  totals: Record<keyof ReportMoneyTotals, TotalMove>;
}

export interface ReportProject {
  id: string;
  code: string;
  name: string;
  currency: string;
  /** IANA zone in which the report's dates and timestamps are read (a review at 23:30 UTC on the 31st is on the 1st in Asia/Shanghai). */
  timeZone: string;
  city: string | null;
}

export interface ReportContent {
  reportVersion: 1;
  project: ReportProject;
  asOf: string;
  summary: ReportSummary;
  sales: ReportSaleLine[];
  receivables: ReportReceivable[];
  /** Sales cancelled on or before the as-of date (left out of `sales` and `summary`); absent from reports frozen before refunds. */
  cancellations: ReportCancellationLine[];
  cancellationTotals: ReportCancellationTotals;
  priceListFlags: ReportPriceListFlag[];
  /** Each price list issued by the as-of date, unit type by unit type; absent from reports frozen before it was added. */
  priceLists: ReportPriceListLine[];
  notes: Record<Lang, ReportNote[]>;
  /** Against the latest report with an earlier as-of date. */
  changesSincePrevious: ReportChanges | null;
  /** What was recorded with a date after the as-of date, up to generation: a liquidator's events after the balance date. */
  subsequentEvents: ReportSubsequentEvents;
  /** The report of the same as-of date that this one restates, if any. */
  restatementOf: string | null;
  /** Every total and line that differs from the report restated: a changed past is never silent. */
  restatement: ReportRestatement | null;
  /** The audit chain's last entry when the report was frozen; absent from reports frozen before it was added. */
  auditChainHead?: ReportChainHead;
}

/**
 * Where the audit chain stood when a report was frozen: every write the report
 * reflects is sealed at or before `seq`. `GET /api/audit-log/verify?seq=&hash=`
 * proves it still in the chain; `signature` (Ed25519, when the service signs
 * heads) covers `ledger-audit-head:v1:<seq>:<hash>`.
 */
export interface ReportChainHead {
  seq: number;
  hash: string;
  /** null when the chain was empty */
  at: string | null;
  signature?: string;
}

/** Events dated after a report's as-of date, recorded by the time it was generated; none of them is in its figures or notes. */
export interface ReportSubsequentEvents {
  payments: Array<{ saleId: string; unitNo: string; paymentId: string; amount: string; receivedOn: string; kind: string; reversalOf: string | null }>;
  cancellations: Array<{ saleId: string; unitNo: string; cancelledOn: string }>;
  refunds: Array<{ saleId: string; unitNo: string; amount: string; paidOn: string }>;
  reviews: Array<{ flagId: string; type: string; saleId: string | null; unitNo: string | null; priceListId: string | null; decision: string; reviewerName: string; at: string }>;
  flagsRaised: Array<{ flagId: string; type: string; severity: string; /** in the register at generation */ status: string; saleId: string | null; unitNo: string | null; priceListId: string | null; raisedAt: string }>;
}

/** One value that differs between a report and the one of the same date it restates. */
export interface RestatedValue {
  field: string;
  previous: unknown;
  current: unknown;
}

export interface ReportRestatement {
  /** Summary figures, then cancellation totals (`cancellationTotals.<name>`), that differ. */
  totals: RestatedValue[];
  /** Sale, receivable and cancellation lines added, removed or changed, with the fields that differ. */
  lines: Array<{ section: 'sales' | 'receivables' | 'cancellations'; saleId: string; unitNo: string; change: 'ADDED' | 'REMOVED' | 'CHANGED'; fields: RestatedValue[] }>;
}

/**
 * What the next report of the project compares itself with (its
 * changesSincePrevious): each sale with its ledger entries and flags, the
 * price-list flags and the totals. Stored beside the content, a fraction of
 * its size; a content is a basis as it stands.
 */
export interface ReportComparisonBasis {
  asOf: string;
  summary: ReportMoneyTotals;
  sales: Array<Pick<ReportSaleLine, 'saleId' | 'unitNo' | 'flags'> & { payments: Array<Pick<ReportPayment, 'id' | 'amount'>> }>;
  /** With their price list and unit type (bases stored before they were kept have only the register id). */
  priceListFlags: Array<ReportFlag & { priceListId?: string; unitType?: string }>;
}

/** A report as served: the frozen content, in one language, with who froze it and its hash. */
export interface ReportView extends Omit<ReportContent, 'notes'> {
  id: string;
  generatedAt: string;
  generatedBy: { id: string; name: string };
  sha256: string;
  previousReportId: string | null;
  lang: Lang;
  notes: ReportNote[];
}
