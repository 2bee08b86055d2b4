import { isDeepStrictEqual } from 'node:util';
import { Injectable } from '@nestjs/common';
import { Actor } from '../common/auth/role';
import { WriteRunner, WriteTransaction } from '../database/write-runner';
import { RelatedPartyService } from '../parties/related-party.service';
import { latestTypeOrProjectEvidence } from '../pricing/evidence-lookup';
import { comparablesForAll } from '../sales/comparables-pool';
import { marketPriceFrom, toSaleEvaluation } from '../sales/sale-evaluator';
import { MarketPricesRepository } from '../pricing/market-prices.repository';
import { PriceListRules } from '../pricing/price-list-rules';
import { ProjectSettings } from '../projects/project-settings';
import { ProjectsRepository } from '../projects/projects.repository';
import { Sale, SaleEvaluation } from '../sales/sale';
import { SaleRules } from '../sales/sale-rules';
import { refuseFutureDate } from '../common/business-dates';
import { SalesRepository } from '../sales/sales.repository';
import { AuditRunView } from './dto/audit-run.dto';

function sameEvaluation(sale: Sale, evaluation: SaleEvaluation): boolean {
  const market = (m: Sale['market']) => m && { price: m.price.toFixed(2), perSqm: m.pricePerSqm.toFixed(2), method: m.method, basis: m.basis };
  return (
    sale.relatedParty === evaluation.relatedParty &&
    isDeepStrictEqual(sale.relatedPaths, evaluation.relatedPaths) &&
    isDeepStrictEqual(market(sale.market), market(evaluation.market))
  );
}

/** What an audit run did, and the project's sales as it left them (a liquidation report is built from them next). */
export interface AuditRun {
  view: AuditRunView;
  sales: Sale[];
}

/**
 * SPEC §4.3 audit run: re-evaluates every sale of a project with all the
 * evidence known now (related parties, market prices, comparables), then every
 * rule, judged as of a date. Set-based: a fixed number of queries whatever the
 * number of sales.
 */
@Injectable()
export class AuditRunsService {
  constructor(
    private readonly writes: WriteRunner,
    private readonly projects: ProjectsRepository,
    private readonly sales: SalesRepository,
    private readonly marketPrices: MarketPricesRepository,
    private readonly relatedParties: RelatedPartyService,
    private readonly saleRules: SaleRules,
    private readonly priceListRules: PriceListRules,
  ) {}

  run(actor: Actor, projectId: string, asOf: string | undefined): Promise<AuditRunView> {
    return this.writes.run(actor, async (tx) => (await this.runWithin(tx, projectId, asOf)).view);
  }

  /** Also used by report generation, inside its own write. */
  async runWithin(tx: WriteTransaction, projectId: string, requestedAsOf: string | undefined): Promise<AuditRun> {
    const started = Date.now();
    const asOf = requestedAsOf ?? tx.clock.today();
    refuseFutureDate(tx.clock, 'asOf', asOf);
    const settings = await this.projects.within(tx).settingsOf(projectId);
    const sales = await this.sales.within(tx).allOfProject(projectId);

    const evaluations = await this.evaluate(tx, projectId, sales, settings);
    const changed = sales.filter((sale) => !sameEvaluation(sale, evaluations.get(sale.id)!));
    await this.sales.within(tx).markEvaluated(projectId, tx.clock.now());
    await this.sales.within(tx).saveEvaluations(changed.map((sale) => ({ saleId: sale.id, evaluation: evaluations.get(sale.id)! })));
    for (const sale of changed) {
      const evaluation = evaluations.get(sale.id)!;
      tx.record('sale.re-evaluated', 'sale', sale.id, {
        asOf,
        relatedParty: { isRelated: evaluation.relatedParty, paths: evaluation.relatedPaths },
        market: evaluation.market && {
          price: evaluation.market.price.toFixed(2), pricePerSqm: evaluation.market.pricePerSqm.toFixed(2),
          method: evaluation.market.method, basis: evaluation.market.basis,
        },
      });
    }
    const reevaluated = sales.map((sale) => ({ ...sale, ...evaluations.get(sale.id)! }));
    const saleFlags = await this.saleRules.applyTo(tx, reevaluated, settings, asOf);
    const listFlags = await this.priceListRules.apply(tx, projectId, settings, asOf);

    const view: AuditRunView = {
      projectId,
      asOf,
      salesEvaluated: sales.length,
      priceListsEvaluated: listFlags.priceLists,
      salesReevaluated: changed.length,
      flagsRaised: saleFlags.raised + listFlags.raised,
      flagsUpdated: saleFlags.updated + listFlags.updated,
      flagsReopened: saleFlags.reopened + listFlags.reopened,
      flagsCleared: saleFlags.cleared + listFlags.cleared,
      durationMs: Date.now() - started,
    };
    tx.record('audit-run.completed', 'project', projectId, view);
    return { view, sales: reevaluated };
  }

  /** Related parties and market prices of every sale, with what is known now. */
  private async evaluate(tx: WriteTransaction, projectId: string, sales: Sale[], settings: ProjectSettings): Promise<Map<string, SaleEvaluation>> {
    const at = tx.clock.now();
    const counterparties = await this.sales.within(tx).counterpartiesOf(sales.map((sale) => sale.id));
    const findings = await this.relatedParties.findingsFor([...new Set([...counterparties.values()].flat())], settings.relatedPartyMaxHops, tx);
    const relatedPaths = new Map(sales.map((sale) => [sale.id, counterparties.get(sale.id)!.flatMap((id) => findings.get(id)?.paths ?? [])]));

    const appraisals = await this.marketPrices.within(tx).latestForUnitsOn(
      sales.map((sale) => ({ key: sale.id, unitId: sale.unitId, onOrBefore: sale.contractDate })),
    );
    const evidenceOn = latestTypeOrProjectEvidence(await this.marketPrices.within(tx).typeAndProjectEvidence(projectId));
    const comparables = comparablesForAll(
      sales.map((sale) => ({
        id: sale.id, unitType: sale.unitType, contractDate: sale.contractDate, netPrice: sale.netPrice, saleableArea: sale.saleableArea,
        comparable: sale.status === 'ACTIVE' && relatedPaths.get(sale.id)!.length === 0,
      })),
      settings.comparableWindowDays,
    );
    return new Map(
      sales.map((sale) => {
        const market = marketPriceFrom(
          sale,
          {
            appraisal: appraisals.get(sale.id),
            comparables: () => comparables.get(sale.id)!,
            typeOrProjectEvidence: evidenceOn(sale.unitType, sale.contractDate),
          },
          settings,
        );
        return [sale.id, toSaleEvaluation(relatedPaths.get(sale.id)!, market, at)];
      }),
    );
  }
}
