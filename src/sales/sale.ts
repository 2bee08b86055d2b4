import Decimal from 'decimal.js';
import { RelatedPartyPath } from '../parties/related-party-graph';

export const SALE_STATUSES = ['ACTIVE', 'CANCELLED'] as const;
export type SaleStatus = (typeof SALE_STATUSES)[number];

export const MARKET_METHODS = ['UNIT_APPRAISAL', 'COMPARABLE_SALES', 'PROJECT_EVIDENCE'] as const;
export type MarketMethod = (typeof MARKET_METHODS)[number];

/** A sale's market price as last evaluated (docs/api-guide.md, The rules: market price), rounded to cents, with the evidence it rests on. */
export interface StoredMarketPrice {
  price: Decimal;
  pricePerSqm: Decimal;
  method: MarketMethod;
  basis: Record<string, unknown>;
}

/** A sale as the ledger keeps it: the facts recorded, its status, and the latest evaluation. */
export interface Sale {
  id: string;
  projectId: string;
  unitId: string;
  unitNo: string;
  unitType: string;
  saleableArea: Decimal;
  costPrice: Decimal | null;
  contractDate: string;
  listPrice: Decimal | null;
  netPrice: Decimal;
  priceListId: string | null;
  discountCodes: string[];
  referrerPartyId: string | null;
  note: string | null;
  createdAt: Date;
  createdBy: string;
  status: SaleStatus;
  cancelledOn: string | null;
  cancelReason: string | null;
  /** What the developer keeps of what was paid, set at cancellation; 0 for an active sale. */
  forfeited: Decimal;
  relatedParty: boolean;
  relatedPaths: RelatedPartyPath[];
  market: StoredMarketPrice | null;
  /** The rest of the latest evaluation, as the sale view shows it; null until first evaluated. */
  detail: Record<string, unknown> | null;
  evaluatedAt: Date;
}

/** A sale's recorded facts, without its stored evaluation. */
export type RecordedSaleFacts = Omit<Sale, 'relatedParty' | 'relatedPaths' | 'market' | 'detail' | 'evaluatedAt'>;

/** What the evaluation engine reads of a sale to judge it: its facts, and the fingerprint of its last evaluation (null until first evaluated). */
export type SaleToEvaluate = Pick<
  Sale,
  | 'id' | 'projectId' | 'unitId' | 'unitNo' | 'unitType' | 'saleableArea' | 'costPrice' | 'contractDate' | 'listPrice' | 'netPrice'
  | 'priceListId' | 'cancelledOn'
> & { evaluationHash: string | null };

/** The facts recorded for a new sale; its evaluation is stored beside them. */
export type NewSale = Pick<
  Sale,
  | 'projectId' | 'unitId' | 'unitType' | 'saleableArea' | 'contractDate' | 'listPrice' | 'netPrice' | 'priceListId'
  | 'discountCodes' | 'referrerPartyId' | 'note' | 'createdAt' | 'createdBy'
>;

/** What the evaluation engine concludes about a sale's buyers and price; refreshed on every live evaluation. */
export type SaleEvaluation = Pick<Sale, 'relatedParty' | 'relatedPaths' | 'market' | 'evaluatedAt'> & {
  detail: Record<string, unknown>;
  /** SHA-256 of what was found (not of when): an unchanged evaluation is not written again. */
  hash: string;
};

export interface Buyer {
  id: string;
  name: string;
}

export interface Handover {
  id: string;
  handedOverOn: string;
  occupied: boolean;
  createdAt: Date;
}
