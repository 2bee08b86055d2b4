import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import Decimal from 'decimal.js';
import { dec } from '../common/money';
import { RelatedPartyService } from '../parties/related-party.service';
import { RelatedPartyPath } from '../parties/related-party-graph';
import { MarketPriceEntity, marketPriceScope } from '../pricing/market-price.entity';
import { MarketPricesRepository } from '../pricing/market-prices.repository';
import { ProjectSettings } from '../projects/project-settings';
import { shiftDate } from '../common/business-dates';
import { Comparables, MarketEvidence, MarketPrice, NO_COMPARABLES, marketPriceOf } from './market-price';
import { SaleEvaluation } from './sale';
import { SalesRepository } from './sales.repository';

/** What is needed to evaluate a sale, recorded or about to be. */
export interface SaleToEvaluate {
  id: string | null;
  projectId: string;
  unitId: string;
  unitType: string;
  saleableArea: Decimal;
  contractDate: string;
  buyerPartyIds: string[];
  referrerPartyId: string | null;
}

/** Stored evidence as the market-price rule reads it. */
export function toMarketEvidence(entity: MarketPriceEntity): MarketEvidence {
  return { id: entity.id, asOf: entity.asOf, pricePerSqm: entity.pricePerSqm, source: entity.source, scope: marketPriceScope(entity) };
}

/**
 * SPEC §4.2 over evidence already found for a sale (bulk evaluations: audit
 * runs, imports): its appraisal if any, else its comparables (asked for only
 * then), else unit-type or project evidence.
 */
export function marketPriceFrom(
  sale: { saleableArea: Decimal; contractDate: string },
  found: { appraisal: MarketPriceEntity | null | undefined; comparables: () => Comparables; typeOrProjectEvidence: MarketPriceEntity | null },
  settings: Pick<ProjectSettings, 'minComparables' | 'comparableWindowDays'>,
): MarketPrice | null {
  return marketPriceOf({
    saleableArea: sale.saleableArea,
    contractDate: sale.contractDate,
    unitAppraisal: found.appraisal ? toMarketEvidence(found.appraisal) : null,
    comparables: found.appraisal ? NO_COMPARABLES : found.comparables(),
    projectEvidence: found.typeOrProjectEvidence && toMarketEvidence(found.typeOrProjectEvidence),
    minComparables: settings.minComparables,
    comparableWindowDays: settings.comparableWindowDays,
  });
}

/** What an evaluation concludes: related when any path leads to an insider, and the market price found (if any). */
export function toSaleEvaluation(relatedPaths: RelatedPartyPath[], market: MarketPrice | null, at: Date): SaleEvaluation {
  return {
    relatedParty: relatedPaths.length > 0,
    relatedPaths,
    market: market && { price: dec(market.price), pricePerSqm: dec(market.pricePerSqm), method: market.method, basis: market.basis },
    evaluatedAt: at,
  };
}

/**
 * Evaluates one sale with all evidence known now: is any buyer or the referrer
 * a related party (§4.1), and what is the market price as of the contract date (§4.2).
 */
@Injectable()
export class SaleEvaluator {
  constructor(
    private readonly relatedParties: RelatedPartyService,
    private readonly marketPrices: MarketPricesRepository,
    private readonly sales: SalesRepository,
  ) {}

  async evaluate(tx: { manager: EntityManager }, sale: SaleToEvaluate, settings: ProjectSettings, at: Date): Promise<SaleEvaluation> {
    const counterparties = [...sale.buyerPartyIds, ...(sale.referrerPartyId ? [sale.referrerPartyId] : [])];
    const findings = await this.relatedParties.findingsFor(counterparties, settings.relatedPartyMaxHops, tx);
    const relatedPaths: RelatedPartyPath[] = [...findings.values()].flatMap((finding) => finding.paths);
    return toSaleEvaluation(relatedPaths, await this.marketPriceOf(tx, sale, settings), at);
  }

  private async marketPriceOf(tx: { manager: EntityManager }, sale: SaleToEvaluate, settings: ProjectSettings) {
    const evidence = await this.marketPrices.within(tx).latestFor(sale, sale.contractDate);
    // The comparables are asked for only when there is no appraisal of the unit.
    const comparables = evidence.appraisal
      ? NO_COMPARABLES
      : await this.sales.within(tx).comparables({
          projectId: sale.projectId,
          unitType: sale.unitType,
          from: shiftDate(sale.contractDate, -settings.comparableWindowDays),
          to: shiftDate(sale.contractDate, settings.comparableWindowDays),
          excludeSaleId: sale.id,
        });
    return marketPriceFrom(sale, { appraisal: evidence.appraisal, comparables: () => comparables, typeOrProjectEvidence: evidence.typeOrProject }, settings);
  }
}
