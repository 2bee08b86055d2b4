import Decimal from 'decimal.js';
import { ProjectSettings } from '../../projects/project-settings';
import { RelatedPartyEvidence } from '../related-party-evidence';
import { DiscountCombination } from '../../pricing/discount-combination';
import { StoredMarketPrice } from '../../sales/sale';

/** The thresholds the rules read (a project's effective settings). */
export type RuleSettings = Pick<
  ProjectSettings,
  'belowMarketPct' | 'belowMarketHighPct' | 'depositDueDays' | 'minDepositPct' | 'batchMarketRiseHighPct'
>;

/** A ledger entry: a payment (amount > 0), or the reversal of one (amount < 0, `reversalOf` set). */
export interface SalePaymentFact {
  id: string;
  amount: Decimal;
  receivedOn: string;
  kind: string;
  reversalOf: string | null;
}

/** The discounts this sale's buyers could get under the batch that priced the unit. */
export interface SaleDiscounts extends DiscountCombination {
  priceListId: string;
  batchNo: string;
  /** A buyer is an insider or related to one: STAFF discounts are open to them. */
  buyerIsStaff: boolean;
}

export interface SaleHandoverFact {
  handedOverOn: string;
  occupied: boolean;
}

/** Everything the sale rules may look at, as plain data. */
export interface SaleFacts {
  saleId: string;
  /** As of `asOf`: a sale cancelled later was still active then. */
  status: 'ACTIVE' | 'CANCELLED';
  contractDate: string;
  netPrice: Decimal;
  /** The sale's list price (given, or from the batch that applied). */
  listPrice: Decimal | null;
  /** The batch that priced the unit on the contract date and the discounts the buyers could get under it; null without a batch. */
  discounts: SaleDiscounts | null;
  costPrice: Decimal | null;
  market: StoredMarketPrice | null;
  /** The buyers: a related buyer makes the sale a related-party sale. */
  buyers: RelatedPartyEvidence;
  /** The referrer, if any: related, it raises RELATED_REFERRER, never RELATED_PARTY_SALE. */
  referrer: (RelatedPartyEvidence & { partyId: string }) | null;
  /** Ledger entries dated on or before `asOf`. */
  payments: SalePaymentFact[];
  /** Handovers dated on or before `asOf`. */
  handovers: SaleHandoverFact[];
  /** The date the sale is judged on: today when a write happens, the date asked for otherwise. */
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
