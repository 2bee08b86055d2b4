import { dec } from '../../src/common/money';
import { DEFAULT_SETTINGS } from '../../src/projects/project-settings';
import { BatchFacts, MarketEvidenceLookup, RuleSettings, SaleFacts, SalePaymentFact } from '../../src/audit-flags/rules/flag-types';

/** Plain data for the rule specs: a project on default settings and an unremarkable sale. */

export const DEFAULT_RULE_SETTINGS: RuleSettings = {
  belowMarketPct: DEFAULT_SETTINGS.belowMarketPct,
  belowMarketHighPct: DEFAULT_SETTINGS.belowMarketHighPct,
  depositDueDays: DEFAULT_SETTINGS.depositDueDays,
  batchMarketRiseHighPct: DEFAULT_SETTINGS.batchMarketRiseHighPct,
};

export function saleFacts(overrides: Partial<SaleFacts> = {}): SaleFacts {
  return {
    saleId: 'sale-1',
    status: 'ACTIVE',
    contractDate: '2026-03-01',
    netPrice: dec('4000000.00'),
    listPrice: null,
    batch: null,
    costPrice: null,
    market: null,
    relatedParty: { isRelated: false, paths: [] },
    payments: [],
    handovers: [],
    asOf: '2026-03-01',
    ...overrides,
  };
}

export function payment(amount: string, receivedOn: string): SalePaymentFact {
  return { amount: dec(amount), receivedOn };
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
