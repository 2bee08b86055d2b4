import Decimal from 'decimal.js';
import { RelatedPartyPath } from '../parties/related-party-graph';
import { MarketMethod } from './market-price';

export const SALE_STATUSES = ['ACTIVE', 'CANCELLED'] as const;
export type SaleStatus = (typeof SALE_STATUSES)[number];

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
  relatedParty: boolean;
  relatedPaths: RelatedPartyPath[];
  market: StoredMarketPrice | null;
  evaluatedAt: Date;
}

/** The facts recorded for a new sale; its evaluation is stored beside them. */
export type NewSale = Pick<
  Sale,
  | 'projectId' | 'unitId' | 'unitType' | 'saleableArea' | 'contractDate' | 'listPrice' | 'netPrice' | 'priceListId'
  | 'discountCodes' | 'referrerPartyId' | 'note' | 'createdAt' | 'createdBy'
>;

/** A sale as it stands the moment it is recorded: active, and as first evaluated. */
export function recordedSale(id: string, facts: NewSale, evaluation: SaleEvaluation, unit: Pick<Sale, 'unitNo' | 'costPrice'>): Sale {
  return { ...facts, ...evaluation, id, unitNo: unit.unitNo, costPrice: unit.costPrice, status: 'ACTIVE', cancelledOn: null, cancelReason: null };
}

/** What the rules conclude about a sale's counterparties and price; refreshed on every evaluation. */
export interface SaleEvaluation {
  relatedParty: boolean;
  relatedPaths: RelatedPartyPath[];
  market: StoredMarketPrice | null;
  evaluatedAt: Date;
}

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
