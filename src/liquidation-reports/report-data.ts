import { Injectable } from '@nestjs/common';
import { FlagReview } from '../audit-flags/flags.repository';
import { FlagAsOf } from '../audit-flags/register-as-of';
import { ProjectAsOf } from '../evaluation/evaluation-engine';
import { WriteTransaction } from '../database/write-runner';
import { PartiesRepository } from '../parties/parties.repository';
import { PriceListsRepository } from '../pricing/price-lists.repository';
import { ProjectsRepository } from '../projects/projects.repository';
import { RecordedSaleFacts } from '../sales/sale';
import { UnitsRepository } from '../units/units.repository';
import { LiquidationReportsRepository } from './liquidation-reports.repository';
import { NoteFlag, NoteParty, NoteReview } from './notes/note-facts';
import { ReportInput } from './report-builder';
import { ReportFactsRepository } from './report-facts.repository';

/**
 * Loads, in a fixed number of queries, everything the report builder needs for
 * a project as of a date, around the project's sales as the evaluation engine
 * has just judged them as of that date (into the report only).
 */
@Injectable()
export class ReportData {
  constructor(
    private readonly projects: ProjectsRepository,
    private readonly units: UnitsRepository,
    private readonly facts: ReportFactsRepository,
    private readonly parties: PartiesRepository,
    private readonly priceLists: PriceListsRepository,
    private readonly reports: LiquidationReportsRepository,
  ) {}

  /**
   * `sales`: every sale of the project, cancelled or not (the builder applies the as-of date); `judged`: the project as the
   * evaluation engine judged it as of the date, flags as they stood then.
   */
  async load(tx: WriteTransaction, projectId: string, asOf: string, sales: RecordedSaleFacts[], judged: ProjectAsOf): Promise<ReportInput> {
    const saleIds = sales.map((sale) => sale.id);
    const project = await this.projects.within(tx).getById(projectId);
    const ledgers = await this.facts.within(tx).ledgersOf(saleIds);
    const lists = await this.priceLists.within(tx).allOfProject(projectId);
    const listsById = new Map(lists.map((list) => [list.id, list]));
    const judgedSales = new Map(judged.sales.map((judgement) => [judgement.saleId, judgement]));

    // Buyers come with their names; the notes name the referrers and every party on a related-party path as of the date.
    const namedIds = new Set<string>();
    for (const sale of sales) {
      if (sale.referrerPartyId) namedIds.add(sale.referrerPartyId);
      for (const path of judgedSales.get(sale.id)!.evaluation.relatedPaths) path.filter((_, i) => i % 2 === 0).forEach((id) => namedIds.add(id));
    }
    const named = await this.parties.within(tx).namesOf([...namedIds]);
    const party = (id: string): NoteParty => named.get(id) ?? { id, name: id, insiderRole: null };
    const previous = await this.reports.within(tx).previousBasisOf(projectId, asOf);
    const restated = await this.reports.within(tx).sameDateReportOf(projectId, asOf);

    return {
      project: { id: project.id, code: project.code, name: project.name, currency: project.currency, timeZone: project.timeZone, city: project.city },
      asOf,
      unitsTotal: await this.units.within(tx).countInProject(projectId),
      sales: sales.map((sale) => {
        const { evaluation, flags } = judgedSales.get(sale.id)!;
        return {
          id: sale.id,
          unitNo: sale.unitNo,
          unitType: sale.unitType,
          saleableArea: sale.saleableArea,
          contractDate: sale.contractDate,
          cancelledOn: sale.cancelledOn,
          forfeited: sale.forfeited,
          listPrice: sale.listPrice,
          netPrice: sale.netPrice,
          market: evaluation.market,
          relatedParty: { isRelated: evaluation.relatedParty, paths: evaluation.relatedPaths },
          ...ledgers.get(sale.id)!,
          referrer: sale.referrerPartyId ? party(sale.referrerPartyId) : null,
          flags: flags.map(toNoteFlag),
        };
      }),
      priceListFlags: judged.priceLists.flatMap((list) =>
        list.flags.map((flag) => ({
          ...toNoteFlag(flag),
          priceListId: list.priceListId,
          batchNo: list.batchNo,
          unitType: flag.unitType!,
          issuedOn: list.issuedOn,
        })),
      ),
      priceLists: judged.priceLists.flatMap((list) =>
        list.unitTypes.map((type) => {
          const flag = list.flags.find((candidate) => candidate.unitType === type.unitType && candidate.status !== 'CLEARED');
          return {
            priceListId: list.priceListId,
            batchNo: list.batchNo,
            issuedOn: list.issuedOn,
            ...type,
            flag: flag ? { id: flag.id, type: flag.type, severity: flag.severity, status: flag.status } : null,
          };
        }),
      ),
      registerFlags: judged.register.flags.map((flag) => ({
        id: flag.id,
        type: flag.type,
        severity: flag.severity,
        status: flag.status,
        saleId: flag.saleId,
        priceListId: flag.priceListId,
        issuedOn: flag.priceListId ? (listsById.get(flag.priceListId)?.issuedOn ?? null) : null,
        raisedAt: flag.raisedAt.toISOString(),
        reviews: (judged.register.reviews.get(flag.id) ?? []).map(toNoteReview),
      })),
      parties: Object.fromEntries(named),
      relations: await this.parties.within(tx).relationsAmong([...namedIds]),
      previous,
      restated,
    };
  }
}

function toNoteReview(review: FlagReview): NoteReview {
  return { decision: review.decision, note: review.note, reviewerName: review.reviewerName, at: review.at.toISOString() };
}

function toNoteFlag(flag: FlagAsOf): NoteFlag & { id: string | null } {
  return {
    id: flag.id,
    type: flag.type,
    severity: flag.severity,
    status: flag.status,
    pendingDismissal: flag.pendingDismissal,
    reviews: flag.reviews.map(toNoteReview),
  };
}
