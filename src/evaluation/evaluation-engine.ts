import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppliedChanges } from '../audit-flags/flag-writer';
import { FlagRegister, RaisedForUnrecorded, RegisterAsOf } from '../audit-flags/flag-register';
import { FlagAsOf } from '../audit-flags/register-as-of';
import { FlagsRepository } from '../audit-flags/flags.repository';
import { dateIn, shiftDate } from '../common/business-dates';
import { known, mapRead, Read, runRead, together } from '../database/read';
import { auditEntry, WriteTransaction, written } from '../database/write-runner';
import { RelatedPartyFindings, RelatedPartyService } from '../parties/related-party.service';
import { latestTypeOrProjectEvidence } from '../pricing/evidence-lookup';
import { MarketPriceEntity, marketPriceScope } from '../pricing/market-price.entity';
import { MarketPricesRepository } from '../pricing/market-prices.repository';
import { PriceListsRepository } from '../pricing/price-lists.repository';
import { PaymentsRepository } from '../payments/payments.repository';
import { ProjectSettings } from '../projects/project-settings';
import { ProjectsRepository } from '../projects/projects.repository';
import { Handover, SaleToEvaluate } from '../sales/sale';
import { Payment } from '../payments/payment';
import { ComparableRow, Counterparties, SalesRepository } from '../sales/sales.repository';
import { ComparableCandidate, ComparablesIndex } from './comparables';
import { MarketEvidence } from './market-price';
import { PriceListJudgement, judgePriceLists } from './price-list-judgement';
import { RelatedPartyEvidence, NOT_RELATED } from './related-party-evidence';
import { SaleJudgement, judgeSale } from './sale-judgement';

type Reader = { manager: EntityManager };

/** What judging a set of sales did: how many were judged, whose evaluation moved, and the flag changes. */
export interface JudgedSales extends AppliedChanges {
  salesJudged: number;
  salesReevaluated: number;
}

/** A project judged as of a date into a report: every sale and price list with its flags as they stood then. */
export interface ProjectAsOf {
  sales: Array<SaleJudgement & { flags: FlagAsOf[] }>;
  priceLists: Array<PriceListJudgement & { flags: FlagAsOf[] }>;
  register: Pick<RegisterAsOf, 'flags' | 'reviews'>;
}

/**
 * How many sales are judged and kept at once: their candidates, ledgers and
 * judgements are read and dropped slice by slice, so memory stays flat in the
 * number of sales (an import of a hundred thousand, an audit run of ten).
 */
const SLICE = 2000;

function toMarketEvidence(entity: MarketPriceEntity): MarketEvidence {
  return { id: entity.id, asOf: entity.asOf, pricePerSqm: entity.pricePerSqm, source: entity.source, scope: marketPriceScope(entity) };
}

/**
 * The one evaluation engine (docs/api-guide.md, The rules): for any set of sales of a project, as
 * of a date, it reads everything their judgement rests on in a fixed number
 * of set-based queries (so one sale and ten thousand cost the same per sale),
 * finds the market price (§4.2) with the one comparables implementation, the
 * related-party finding of buyers and referrer (§4.1), and runs every rule
 * (§4.3). As of today (`judgeLive`) it stores the evaluations and brings the
 * live flag register in line; as of another date it only counts what would
 * change. Recording a sale, a
 * payment, a reversal, a handover, a cancellation, a relation, a price list,
 * an import, an audit run and a report all come here.
 */
@Injectable()
export class EvaluationEngine {
  constructor(
    private readonly projects: ProjectsRepository,
    private readonly sales: SalesRepository,
    private readonly payments: PaymentsRepository,
    private readonly relatedParties: RelatedPartyService,
    private readonly marketPrices: MarketPricesRepository,
    private readonly priceLists: PriceListsRepository,
    private readonly flags: FlagsRepository,
    private readonly register: FlagRegister,
  ) {}

  /**
   * Judges these sales as of today and keeps what it found: each sale's
   * evaluation where it moved, and its flags raised, refreshed, reopened or
   * cleared (docs/api-guide.md, The rules), in the caller's write.
   */
  async judgeLive(tx: WriteTransaction, saleIds: string[]): Promise<JudgedSales> {
    const total = nothingJudged();
    const byProject = await this.sales.within(tx).projectsOf([...new Set(saleIds)]);
    for (const [projectId, ids] of byProject) {
      add(total, await this.judgeEach(tx, projectId, ids, tx.clock.today(), true, await this.projects.within(tx).settingsOf(projectId)));
    }
    return total;
  }

  /**
   * Every sale and price list of a project judged as of a date (a whole-project
   * audit run). As of today it is kept: evaluations stored, the live register
   * brought in line. As of another date, `keep: false` only counts what would
   * change in the register.
   */
  async judgeProject(tx: WriteTransaction, projectId: string, asOf: string, keep: boolean): Promise<JudgedSales & { priceLists: number }> {
    const settings = await this.projects.within(tx).settingsOf(projectId);
    const total = await this.judgeEach(tx, projectId, await this.sales.within(tx).idsOfProject(projectId), asOf, keep, settings);
    if (keep) await this.projects.within(tx).markSalesEvaluated(projectId, tx.clock.now());
    const lists = await this.judgePriceLists(tx, projectId, asOf, settings);
    add(total, await this.register.applyToPriceLists(tx, lists.map((list) => ({ projectId, ...list })), asOf, !keep));
    return { ...total, priceLists: lists.length };
  }

  /**
   * Every sale and price list of a project judged as of a date into what a
   * report says (docs/api-guide.md, Liquidation reports), writing nothing: the evaluations as of the date,
   * and the flags as the register stood at the end of it (decisions taken by
   * then, in the project's time zone) brought in line with what the rules
   * found then. The live register and the stored evaluations stay as they are.
   */
  async judgeProjectAsOf(tx: WriteTransaction, projectId: string, asOf: string): Promise<ProjectAsOf> {
    const settings = await this.projects.within(tx).settingsOf(projectId);
    const takenBy = await this.takenBy(tx, projectId, asOf);
    const saleIds = await this.sales.within(tx).idsOfProject(projectId);
    const judgements: SaleJudgement[] = [];
    if (saleIds.length > 0) {
      const context = known(await runRead(tx, this.projectContext(projectId, takenBy)));
      for (let i = 0; i < saleIds.length; i += SLICE) {
        const sales = await this.sales.within(tx).toEvaluate(saleIds.slice(i, i + SLICE));
        judgements.push(...(await this.judgeSlice(tx, projectId, sales, asOf, settings, tx.clock.now(), context)));
      }
    }
    const lists = await this.judgePriceLists(tx, projectId, asOf, settings);
    const register = await this.register.asOf(tx, judgements, lists, takenBy);
    return {
      sales: judgements.map((judgement) => ({ ...judgement, flags: register.sales.get(judgement.saleId)! })),
      priceLists: lists.map((list) => ({ ...list, flags: register.priceLists.get(list.priceListId)! })),
      register,
    };
  }

  /** Whether an instant falls on or before a business date in the project's time zone. */
  private async takenBy(tx: Reader, projectId: string, asOf: string): Promise<(at: Date) => boolean> {
    const project = await this.projects.within(tx).getById(projectId);
    return (at) => dateIn(at, project.timeZone) <= asOf;
  }

  /** Sales of one project (ids in contract-date order) judged slice by slice, each slice kept, or counted against the register, before the next is read. */
  private async judgeEach(
    tx: WriteTransaction, projectId: string, saleIds: string[], asOf: string, keep: boolean, settings: ProjectSettings,
  ): Promise<JudgedSales> {
    const total = nothingJudged();
    if (saleIds.length === 0) return total;
    // Judged live, every confirmation known counts; as of another date, those taken by then.
    const context = known(await runRead(tx, this.projectContext(projectId, keep ? () => true : await this.takenBy(tx, projectId, asOf))));
    for (let i = 0; i < saleIds.length; i += SLICE) {
      const sales = await this.sales.within(tx).toEvaluate(saleIds.slice(i, i + SLICE));
      const judgements = await this.judgeSlice(tx, projectId, sales, asOf, settings, tx.clock.now(), context);
      if (keep) {
        add(total, await this.keep(tx, sales, judgements, asOf));
        await tx.flush();
      } else {
        add(total, { salesJudged: judgements.length, ...(await this.register.applyToSales(tx, judgements, asOf, true)) });
      }
    }
    return total;
  }

  /** What every slice of a project shares: the confirmed-abnormal sales and the type and project evidence. */
  private projectContext(projectId: string, takenBy: (at: Date) => boolean): Read<ProjectContext> {
    const read = together({
      confirmed: this.flags.confirmedAbnormalSalesRead(projectId),
      evidence: this.marketPrices.typeAndProjectEvidenceRead(projectId),
    });
    return mapRead(read, ({ confirmed, evidence }) => ({
      confirmedAbnormal: new Set([...confirmed].filter(([, at]) => takenBy(at)).map(([saleId]) => saleId)),
      evidenceOn: latestTypeOrProjectEvidence(evidence),
    }));
  }

  /** The batch rule over every price list of the project issued on or before the date (docs/api-guide.md, The rules). Writes nothing. */
  async judgePriceLists(tx: Reader, projectId: string, asOf: string, settings: ProjectSettings): Promise<PriceListJudgement[]> {
    const lists = (await this.priceLists.within(tx).allOfProject(projectId)).filter((list) => list.issuedOn <= asOf);
    const ids = lists.map((list) => list.id);
    const items = await this.priceLists.within(tx).itemsOf(ids);
    const discounts = await this.priceLists.within(tx).discountsOf(ids);
    const evidence = await this.marketPrices.within(tx).typeAndProjectEvidence(projectId);
    return judgePriceLists(lists, items, discounts, latestTypeOrProjectEvidence(evidence), settings);
  }

  /** The price lists of a project judged as of today, kept in the register (a price list was posted). */
  async judgePriceListsLive(tx: WriteTransaction, projectId: string): Promise<AppliedChanges> {
    const settings = await this.projects.within(tx).settingsOf(projectId);
    const lists = await this.judgePriceLists(tx, projectId, tx.clock.today(), settings);
    return this.register.applyToPriceLists(tx, lists.map((list) => ({ projectId, ...list })), tx.clock.today());
  }

  /** Stores the evaluations that moved and applies the findings to the live register. */
  private async keep(tx: WriteTransaction, sales: SaleToEvaluate[], judgements: SaleJudgement[], asOf: string): Promise<JudgedSales> {
    const stored = new Map(sales.map((sale) => [sale.id, sale.evaluationHash]));
    const moved = judgements.filter((judgement) => stored.get(judgement.saleId) !== judgement.evaluation.hash);
    await this.sales.within(tx).saveEvaluations(moved.map((judgement) => ({ saleId: judgement.saleId, evaluation: judgement.evaluation })));
    // A sale judged for the first time was recorded just now; its log entry says so.
    for (const judgement of moved.filter((j) => stored.get(j.saleId) !== null)) {
      const { relatedParty, relatedPaths, market } = judgement.evaluation;
      tx.log(written(judgement.saleId, auditEntry('sale.re-evaluated', 'sale', judgement.saleId, {
        asOf,
        relatedParty: { isRelated: relatedParty, paths: relatedPaths },
        market: market && { price: market.price.toFixed(2), pricePerSqm: market.pricePerSqm.toFixed(2), method: market.method },
      })));
    }
    const applied = await this.register.applyToSales(tx, judgements, asOf);
    return { salesJudged: judgements.length, salesReevaluated: moved.length, ...applied };
  }

  /**
   * Sales about to be recorded (the API's; a chunk of an import's), judged as
   * of today from what the database holds, writing nothing: the sales
   * themselves are not read (they have no payments or handovers yet), their
   * buyers and referrer are given. `pending` are the other sales about to be
   * recorded with them (an import's rows not written yet, these included):
   * they are comparables as recorded sales not yet judged are. Everything
   * the judgement rests on is read in one round trip.
   */
  async judgeUnrecorded(
    reader: Reader, projectId: string, settings: ProjectSettings, sales: UnrecordedSale[], today: string, at: Date, pending?: PendingComparables,
  ): Promise<Array<SaleJudgement & { raised: RaisedForUnrecorded }>> {
    const context = this.projectContext(projectId, () => true);
    const counterparties = new Map(sales.map(({ sale, buyers, referrer }) => [sale.id, { buyers, referrer }]));
    const judgements = await this.judgeSlice(reader, projectId, sales.map(({ sale }) => sale), today, settings, at, context, counterparties, pending);
    return judgements.map((judgement) => ({ ...judgement, raised: this.register.raiseForUnrecorded(judgement, at) }));
  }

  private async judgeSlice(
    tx: Reader,
    projectId: string,
    sales: SaleToEvaluate[],
    asOf: string,
    settings: ProjectSettings,
    at: Date,
    projectContext: Read<ProjectContext>,
    unrecorded?: Map<string, Counterparties>,
    pending?: PendingComparables,
  ): Promise<SaleJudgement[]> {
    if (sales.length === 0) return [];
    const ids = sales.map((sale) => sale.id);
    const counterparties = unrecorded ?? (await this.sales.within(tx).counterpartiesOf(ids));
    const first = sales[0].contractDate;
    const last = sales[sales.length - 1].contractDate;
    const to = shiftDate(last, settings.comparableWindowDays);
    const window = [[...new Set(sales.map((sale) => sale.unitType))], shiftDate(first, -settings.comparableWindowDays), to < asOf ? to : asOf] as const;
    const nothingYet = <T>() => known(new Map<string, T[]>(ids.map((id) => [id, []])));
    // One round trip: the sales' own ledgers, their parties' neighbourhood, the evidence, the batches and the comparables.
    const read = await runRead(tx, together({
      context: projectContext,
      findings: this.relatedParties.findingsRead(
        [...counterparties.values()].flatMap((c) => [...c.buyers, ...(c.referrer ? [c.referrer] : [])]), settings.relatedPartyMaxHops,
      ),
      entries: unrecorded ? nothingYet<Payment>() : this.payments.entriesRead(ids),
      handovers: unrecorded ? nothingYet<Handover>() : this.sales.handoversRead(ids),
      appraisals: this.marketPrices.latestForUnitsOnRead(sales.map((sale) => ({ key: sale.id, unitId: sale.unitId, onOrBefore: sale.contractDate }))),
      batches: this.priceLists.batchesRead([...new Set(sales.flatMap((sale) => (sale.priceListId ? [sale.priceListId] : [])))]),
      recorded: this.sales.comparableCandidatesRead(projectId, ...window),
    }));
    const { context: { confirmedAbnormal, evidenceOn }, entries, handovers, appraisals, batches, recorded } = read;
    const related = relatedPartyEvidence(read.findings);
    const buyersOf = (saleId: string) => mergeEvidence(counterparties.get(saleId)!.buyers.map(related));

    const freshlyRelated = new Map(sales.map((sale) => [sale.id, buyersOf(sale.id).isRelated]));
    // Concatenated, not pushed as arguments: a window of a large file holds more candidates than a call takes arguments.
    const rows = pending ? recorded.concat(await pending(...window)) : recorded;
    const candidates: ComparableCandidate[] = rows.map((row) => ({
      saleId: row.id,
      unitNo: row.unitNo,
      unitType: row.unitType,
      contractDate: row.contractDate,
      saleableArea: row.saleableArea,
      netPrice: row.netPrice,
      unfit:
        row.cancelledOn !== null && row.cancelledOn <= asOf
          ? 'CANCELLED'
          : (freshlyRelated.get(row.id) ?? row.relatedParty)
            ? 'RELATED'
            : confirmedAbnormal.has(row.id)
              ? 'CONFIRMED_ABNORMAL'
              : null,
    }));
    const comparables = new ComparablesIndex(candidates, settings);

    return sales.map((sale) => {
      const referrerId = counterparties.get(sale.id)!.referrer;
      const appraisal = appraisals.get(sale.id);
      const typeOrProject = evidenceOn(sale.unitType, sale.contractDate);
      const batch = sale.priceListId ? batches.get(sale.priceListId) : undefined;
      return judgeSale(
        {
          sale,
          payments: entries.get(sale.id)!,
          handovers: handovers.get(sale.id)!,
          buyers: buyersOf(sale.id),
          referrer: referrerId ? { partyId: referrerId, ...related(referrerId) } : null,
          appraisal: appraisal ? toMarketEvidence(appraisal) : null,
          typeOrProjectEvidence: typeOrProject && toMarketEvidence(typeOrProject),
          comparables: () => comparables.selectFor({ saleId: sale.id, unitType: sale.unitType, contractDate: sale.contractDate }),
          batch: batch ? { priceListId: sale.priceListId!, ...batch } : null,
        },
        settings,
        asOf,
        at,
      );
    });
  }
}

/** Each party's related-party finding, with the parties on its paths named. */
function relatedPartyEvidence({ findings, named }: RelatedPartyFindings): (partyId: string) => RelatedPartyEvidence {
  return (partyId) => {
    const finding = findings.get(partyId);
    if (!finding?.isRelated) return NOT_RELATED;
    const parties: RelatedPartyEvidence['parties'] = {};
    for (const path of finding.paths) {
      path.forEach((id, i) => {
        if (i % 2 === 0) parties[id] = { name: named.get(id)?.name ?? id, insiderRole: named.get(id)?.insiderRole ?? null };
      });
    }
    return { isRelated: true, paths: finding.paths, parties };
  };
}

function mergeEvidence(pieces: RelatedPartyEvidence[]): RelatedPartyEvidence {
  const related = pieces.filter((piece) => piece.isRelated);
  if (related.length === 0) return NOT_RELATED;
  return {
    isRelated: true,
    paths: related.flatMap((piece) => piece.paths),
    parties: Object.assign({}, ...related.map((piece) => piece.parties)),
  };
}

/** The sales about to be recorded of these unit types contracted within these dates, as comparables (unjudged: not related). */
export type PendingComparables = (unitTypes: readonly string[], from: string, to: string) => Promise<ComparableRow[]>;

/** A sale not yet recorded, with its buyers and referrer. */
export interface UnrecordedSale extends Counterparties {
  sale: SaleToEvaluate;
}

interface ProjectContext {
  confirmedAbnormal: Set<string>;
  evidenceOn: ReturnType<typeof latestTypeOrProjectEvidence>;
}

function nothingJudged(): JudgedSales {
  return { salesJudged: 0, salesReevaluated: 0, raised: 0, updated: 0, reopened: 0, cleared: 0 };
}

function add(total: JudgedSales, part: Partial<JudgedSales>): void {
  total.raised += part.raised ?? 0;
  total.updated += part.updated ?? 0;
  total.reopened += part.reopened ?? 0;
  total.cleared += part.cleared ?? 0;
  total.salesReevaluated += part.salesReevaluated ?? 0;
  total.salesJudged += part.salesJudged ?? 0;
}
