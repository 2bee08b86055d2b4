import { Finding, SaleFlagType } from '../audit-flags/flag-types';
import { formatMoney } from '../common/money';
import { PublishedDiscount, combineDiscounts } from '../pricing/discount-combination';
import { ProjectSettings } from '../projects/project-settings';
import { createHash } from 'node:crypto';
import { Handover, SaleEvaluation, SaleStatus, SaleToEvaluate } from '../sales/sale';
import { ComparableSelection } from './comparables';
import { MarketEvidence, marketPriceOf } from './market-price';
import { RelatedPartyEvidence } from './related-party-evidence';
import { depositPosition } from './rules/ledger-sums';
import { SaleDiscounts, SaleFacts, SalePaymentFact } from './rules/rule-facts';
import { evaluateSaleRules } from './rules/sale-rules';

/** Everything known about one sale that its judgement rests on, read by the engine for many sales at once. */
export interface SaleToJudge {
  sale: SaleToEvaluate;
  /** Every ledger entry of the sale; those dated after the judging date are left out here. */
  payments: SalePaymentFact[];
  handovers: Handover[];
  buyers: RelatedPartyEvidence;
  referrer: (RelatedPartyEvidence & { partyId: string }) | null;
  appraisal: MarketEvidence | null;
  typeOrProjectEvidence: MarketEvidence | null;
  comparables: () => ComparableSelection;
  /** The batch that priced the unit on the contract date and the discounts it published; null without one. */
  batch: { priceListId: string; batchNo: string; discounts: PublishedDiscount[] } | null;
}

/** What the engine concludes about one sale on a date: its evaluation (stored on the sale when judged live) and the rules that fire. */
export interface SaleJudgement {
  saleId: string;
  projectId: string;
  /** As of the judging date: a sale cancelled later was active then. */
  status: SaleStatus;
  evaluation: SaleEvaluation;
  findings: Finding<SaleFlagType>[];
}

/**
 * The rules (docs/api-guide.md, The rules) for one sale as of a date, as a pure function: the market price
 * (§4.2), the related-party finding (§4.1), the discounts the buyers could
 * get, the deposit position, and every sale rule (§4.3).
 */
export function judgeSale(input: SaleToJudge, settings: ProjectSettings, asOf: string, at: Date): SaleJudgement {
  const { sale } = input;
  const status = sale.cancelledOn !== null && sale.cancelledOn <= asOf ? 'CANCELLED' : 'ACTIVE';
  const market = marketPriceOf({
    saleableArea: sale.saleableArea,
    unitAppraisal: input.appraisal,
    comparables: input.comparables,
    projectEvidence: input.typeOrProjectEvidence,
    minComparables: settings.minComparables,
  });
  const discounts: SaleDiscounts | null = input.batch && {
    priceListId: input.batch.priceListId,
    batchNo: input.batch.batchNo,
    buyerIsStaff: input.buyers.isRelated,
    ...combineDiscounts(input.batch.discounts, input.buyers.isRelated),
  };
  const facts: SaleFacts = {
    saleId: sale.id,
    status,
    contractDate: sale.contractDate,
    netPrice: sale.netPrice,
    listPrice: sale.listPrice,
    discounts,
    costPrice: sale.costPrice,
    market,
    buyers: input.buyers,
    referrer: input.referrer,
    payments: input.payments.filter((entry) => entry.receivedOn <= asOf),
    handovers: input.handovers.filter((handover) => handover.handedOverOn <= asOf),
    asOf,
  };
  const deposit = depositPosition(facts, settings);
  const detail = {
    asOf,
    relatedParties: input.buyers.parties,
    referrer: input.referrer,
    discounts: discounts && { ...discounts, combinedPct: formatMoney(discounts.combinedPct) },
    deposit: {
      dueDate: deposit.dueDate,
      minDepositPct: deposit.minDepositPct,
      requiredDeposit: formatMoney(deposit.required),
      paidByDueDate: formatMoney(deposit.paidByDueDate),
      paymentsByDueDate: deposit.entries,
    },
  };
  const found = { relatedParty: input.buyers.isRelated, relatedPaths: input.buyers.paths, market, detail };
  return {
    saleId: sale.id,
    projectId: sale.projectId,
    status,
    // Hashed when first asked (keeping or recording an evaluation); a report, which keeps none, never asks.
    evaluation: {
      ...found,
      evaluatedAt: at,
      get hash(): string {
        const hash = fingerprint(found);
        Object.defineProperty(this, 'hash', { value: hash, enumerable: true });
        return hash;
      },
    },
    findings: evaluateSaleRules(facts, settings),
  };
}

/**
 * What was found, hashed to tell a changed evaluation from an unchanged one
 * without reading the stored one back. The objects are built here in a fixed
 * order, so their JSON is stable; the judging date is left out.
 */
function fingerprint(found: Omit<SaleEvaluation, 'evaluatedAt' | 'hash'>): string {
  const { asOf: _asOf, ...detail } = found.detail;
  const market = found.market && { ...found.market, price: found.market.price.toFixed(2), pricePerSqm: found.market.pricePerSqm.toFixed(2) };
  return createHash('sha256').update(JSON.stringify({ ...found, market, detail })).digest('hex');
}
