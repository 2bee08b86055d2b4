import Decimal from 'decimal.js';

export const SALE_FLAG_TYPES = [
  'RELATED_PARTY_SALE',
  'BELOW_MARKET',
  'AT_OR_BELOW_COST',
  'EXCESS_DISCOUNT',
  'MISSING_DEPOSIT',
  'UNPAID_POSSESSION',
] as const;
export const PRICE_LIST_FLAG_TYPES = ['PRICE_BELOW_EARLIER_BATCH'] as const;
export const FLAG_TYPES = [...SALE_FLAG_TYPES, ...PRICE_LIST_FLAG_TYPES] as const;

export type SaleFlagType = (typeof SALE_FLAG_TYPES)[number];
export type PriceListFlagType = (typeof PRICE_LIST_FLAG_TYPES)[number];
export type FlagType = (typeof FLAG_TYPES)[number];

export const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const FLAG_STATUSES = ['OPEN', 'CONFIRMED', 'DISMISSED', 'CLEARED'] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];

/** Bumped whenever a rule's meaning changes; every flag records the version that raised or last judged it. */
export const RULE_VERSIONS: Record<FlagType, number> = {
  RELATED_PARTY_SALE: 1,
  BELOW_MARKET: 1,
  AT_OR_BELOW_COST: 1,
  EXCESS_DISCOUNT: 1,
  MISSING_DEPOSIT: 1,
  UNPAID_POSSESSION: 1,
  PRICE_BELOW_EARLIER_BATCH: 1,
};

/** A rule that fired: what, how serious, and the numbers and ids that made it fire (money as strings). */
export interface Finding<T extends FlagType = FlagType> {
  type: T;
  severity: Severity;
  evidence: Record<string, unknown>;
  /** Price-list findings are per unit type; sale findings have none. */
  unitType?: string;
}

/** The thresholds the rules read (a project's effective settings). */
export interface RuleSettings {
  belowMarketPct: string;
  belowMarketHighPct: string;
  depositDueDays: number;
  batchMarketRiseHighPct: string;
}

export interface SalePaymentFact {
  amount: Decimal;
  receivedOn: string;
}

export interface SaleHandoverFact {
  handedOverOn: string;
  occupied: boolean;
}

/** Everything the sale rules may look at, as plain data. */
export interface SaleFacts {
  saleId: string;
  status: 'ACTIVE' | 'CANCELLED';
  contractDate: string;
  netPrice: Decimal;
  /** The sale's list price (given, or from the batch that applied). */
  listPrice: Decimal | null;
  /** The batch that priced the unit on the contract date, if any, and its largest published discount. */
  batch: { priceListId: string; batchNo: string; largestDiscountPct: Decimal } | null;
  costPrice: Decimal | null;
  market: { price: Decimal; pricePerSqm: Decimal; method: string; basis: Record<string, unknown> } | null;
  relatedParty: { isRelated: boolean; paths: string[][] };
  /** Every ledger entry (payments positive, reversals negative), whatever its date. */
  payments: SalePaymentFact[];
  handovers: SaleHandoverFact[];
  /** The date the sale is judged on: today when a write happens, the audit run's asOf otherwise. */
  asOf: string;
}

/** One published price list (release batch), reduced to what the batch rule compares. */
export interface BatchFacts {
  priceListId: string;
  batchNo: string;
  issuedOn: string;
  /** When it was posted: breaks ties between batches issued on the same day. */
  postedAt: string;
  byUnitType: Array<{ unitType: string; averageNetPricePerSqm: Decimal }>;
}

/** Latest market evidence for a unit type (else the whole project) on or before a date. */
export type MarketEvidenceLookup = (unitType: string, onOrBefore: string) => { id: string; asOf: string; pricePerSqm: Decimal } | null;
