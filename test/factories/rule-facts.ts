import { dec } from '../../src/common/money';
import { DEFAULT_SETTINGS } from '../../src/projects/project-settings';
import { BatchFacts, MarketEvidenceLookup, RuleSettings, SaleDiscounts, SaleFacts, SalePaymentFact } from '../../src/evaluation/rules/rule-facts';
import { PublishedDiscount, combineDiscounts } from '../../src/pricing/discount-combination';
import { NOT_RELATED, RelatedPartyEvidence } from '../../src/evaluation/related-party-evidence';

/** Plain data for the rule specs: a project on default settings and an unremarkable sale. */

export const DEFAULT_RULE_SETTINGS: RuleSettings = {
  belowMarketPct: DEFAULT_SETTINGS.belowMarketPct,
  belowMarketHighPct: DEFAULT_SETTINGS.belowMarketHighPct,
  depositDueDays: DEFAULT_SETTINGS.depositDueDays,
  minDepositPct: DEFAULT_SETTINGS.minDepositPct,
  batchMarketRiseHighPct: DEFAULT_SETTINGS.batchMarketRiseHighPct,
};

export function saleFacts(overrides: Partial<SaleFacts> = {}): SaleFacts {
  return {
    saleId: 'sale-1',
    status: 'ACTIVE',
    contractDate: '2026-03-01',
    netPrice: dec('4000000.00'),
    listPrice: null,
    discounts: null,
    costPrice: null,
    market: null,
    buyers: NOT_RELATED,
    referrer: null,
    payments: [],
    handovers: [],
    asOf: '2026-03-01',
    ...overrides,
  };
}

let entries = 0;

/** A payment, or with `reversalOf` the reversal of one (give the amount negative). */
export function payment(amount: string, receivedOn: string, options: { id?: string; kind?: string; reversalOf?: string } = {}): SalePaymentFact {
  entries += 1;
  return { id: options.id ?? `payment-${entries}`, amount: dec(amount), receivedOn, kind: options.kind ?? 'DEPOSIT', reversalOf: options.reversalOf ?? null };
}

/** Buyers related to an insider by the given paths, each party named after its id. */
export function relatedBuyers(...paths: string[][]): RelatedPartyEvidence {
  const parties: RelatedPartyEvidence['parties'] = {};
  for (const path of paths) path.forEach((id, i) => i % 2 === 0 && (parties[id] = { name: id, insiderRole: i === path.length - 1 ? 'CEO' : null }));
  return { isRelated: true, paths, parties };
}

export function comparableSalesMarket(price: string, pricePerSqm: string): NonNullable<SaleFacts['market']> {
  return {
    price: dec(price),
    pricePerSqm: dec(pricePerSqm),
    method: 'COMPARABLE_SALES',
    basis: { count: 3, windowDays: 90, from: '2025-12-01', to: '2026-05-30', saleIds: ['sale-a', 'sale-b', 'sale-c'] },
  };
}

/** A release batch with its average net price per m² by unit type; posted at 09:00 UTC on its issue date unless told. */
export function batchFacts(batchNo: string, issuedOn: string, averages: Record<string, string>, postedAt = `${issuedOn}T09:00:00.000Z`): BatchFacts {
  return {
    priceListId: `pl-${batchNo}`,
    batchNo,
    issuedOn,
    postedAt,
    byUnitType: Object.entries(averages).map(([unitType, average]) => ({ unitType, averageNetPricePerSqm: dec(average) })),
  };
}

export interface MarketEvidenceFixture {
  id: string;
  asOf: string;
  pricePerSqm: string;
  /** Absent: evidence for the whole project. */
  unitType?: string;
}

/** Latest evidence for the unit type on or before the date, else the latest for the whole project. */
export function marketLookup(evidence: MarketEvidenceFixture[]): MarketEvidenceLookup {
  const latest = (candidates: MarketEvidenceFixture[], onOrBefore: string) =>
    candidates.filter((item) => item.asOf <= onOrBefore).sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : 0)).pop();
  return (unitType, onOrBefore) => {
    const found =
      latest(evidence.filter((item) => item.unitType === unitType), onOrBefore) ??
      latest(evidence.filter((item) => item.unitType === undefined), onOrBefore);
    return found ? { id: found.id, asOf: found.asOf, pricePerSqm: dec(found.pricePerSqm) } : null;
  };
}

/** The discounts of batch `batchNo` as the engine hands them to the rules: non-stackable and open to all unless told. */
export function saleDiscounts(
  batchNo: string,
  published: Array<Pick<PublishedDiscount, 'code' | 'percent'> & Partial<PublishedDiscount>>,
  buyerIsStaff = false,
): SaleDiscounts {
  const discounts = published.map((d): PublishedDiscount => ({ stackable: false, eligibility: 'ALL', ...d }));
  return { priceListId: `pl-${batchNo}`, batchNo, buyerIsStaff, ...combineDiscounts(discounts, buyerIsStaff) };
}
