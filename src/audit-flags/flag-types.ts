export const SALE_FLAG_TYPES = [
  'RELATED_PARTY_SALE',
  'BELOW_MARKET',
  'AT_OR_BELOW_COST',
  'EXCESS_DISCOUNT',
  'RELATED_REFERRER',
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
  RELATED_PARTY_SALE: 2,
  BELOW_MARKET: 2,
  AT_OR_BELOW_COST: 1,
  EXCESS_DISCOUNT: 2,
  RELATED_REFERRER: 1,
  MISSING_DEPOSIT: 2,
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

const SEVERITY_RANK: Record<Severity, number> = { LOW: 0, MEDIUM: 1, HIGH: 2 };

/** True when `a` is more serious than `b`. */
export function moreSevere(a: Severity, b: Severity): boolean {
  return SEVERITY_RANK[a] > SEVERITY_RANK[b];
}
