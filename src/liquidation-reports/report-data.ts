import { Injectable } from '@nestjs/common';
import { FlagsRepository } from '../audit-flags/flags.repository';
import { groupBy } from '../common/group-by';
import { WriteTransaction } from '../database/write-runner';
import { PartiesRepository } from '../parties/parties.repository';
import { PriceListsRepository } from '../pricing/price-lists.repository';
import { ProjectsRepository } from '../projects/projects.repository';
import { defaultTimeZoneFor } from '../projects/time-zone';
import { Sale } from '../sales/sale';
import { UnitsRepository } from '../units/units.repository';
import { LiquidationReportsRepository } from './liquidation-reports.repository';
import { NoteParty } from './notes/note-facts';
import { ReportInput } from './report-builder';
import { ReportFactsRepository } from './report-facts.repository';

/**
 * Loads, in a fixed number of queries, everything the report builder needs for
 * a project as of a date, around the project's sales as the audit run that
 * precedes every report has just read and re-evaluated them.
 */
@Injectable()
export class ReportData {
  constructor(
    private readonly projects: ProjectsRepository,
    private readonly units: UnitsRepository,
    private readonly facts: ReportFactsRepository,
    private readonly parties: PartiesRepository,
    private readonly flags: FlagsRepository,
    private readonly priceLists: PriceListsRepository,
    private readonly reports: LiquidationReportsRepository,
  ) {}

  /** `sales`: every sale of the project, cancelled or not (the builder applies the as-of date). */
  async load(tx: WriteTransaction, projectId: string, asOf: string, sales: Sale[]): Promise<ReportInput> {
    const saleIds = sales.map((sale) => sale.id);
    const project = await this.projects.within(tx).getById(projectId);
    const ledgers = await this.facts.within(tx).ledgersOf(saleIds);
    const saleFlags = await this.flags.within(tx).ofSales(saleIds);
    const lists = await this.priceLists.within(tx).allOfProject(projectId);
    const listFlags = await this.flags.within(tx).ofPriceLists(lists.map((list) => list.id));
    const reviews = await this.flags.within(tx).reviewsOf([...saleFlags, ...listFlags].map((flag) => flag.id));
    const listsById = new Map(lists.map((list) => [list.id, list]));

    // Buyers come with their names; the notes name the referrers and every party on a related-party path.
    const namedIds = new Set<string>();
    for (const sale of sales) {
      if (sale.referrerPartyId) namedIds.add(sale.referrerPartyId);
      for (const path of sale.relatedPaths) path.filter((_, i) => i % 2 === 0).forEach((id) => namedIds.add(id));
    }
    const named = await this.parties.within(tx).namesOf([...namedIds]);
    const party = (id: string): NoteParty => named.get(id) ?? { id, name: id, insiderRole: null };
    const flagsBySale = groupBy(saleFlags, (flag) => flag.saleId!);
    const previous = await this.reports.within(tx).previousBasisOf(projectId, asOf);
    const restated = await this.reports.within(tx).sameDateReportOf(projectId, asOf);

    return {
      project: { id: project.id, code: project.code, name: project.name, currency: project.currency, timeZone: defaultTimeZoneFor(project.currency), city: project.city },
      asOf,
      unitsTotal: await this.units.within(tx).countInProject(projectId),
      sales: sales.map((sale) => ({
        id: sale.id,
        unitNo: sale.unitNo,
        unitType: sale.unitType,
        saleableArea: sale.saleableArea,
        contractDate: sale.contractDate,
        cancelledOn: sale.cancelledOn,
        forfeited: sale.forfeited,
        listPrice: sale.listPrice,
        netPrice: sale.netPrice,
        market: sale.market,
        relatedParty: { isRelated: sale.relatedParty, paths: sale.relatedPaths },
        ...ledgers.get(sale.id)!,
        referrer: sale.referrerPartyId ? party(sale.referrerPartyId) : null,
        flags: (flagsBySale.get(sale.id) ?? []).map((flag) => ({
          id: flag.id,
          type: flag.type,
          severity: flag.severity,
          status: flag.status,
          pendingDismissal: flag.pendingDismissal,
          raisedAt: flag.raisedAt.toISOString(),
          reviews: reviews.get(flag.id)!.map((r) => ({ decision: r.decision, note: r.note, reviewerName: r.reviewerName, at: r.at.toISOString() })),
        })),
      })),
      priceListFlags: listFlags.map((flag) => ({
        id: flag.id,
        type: flag.type,
        severity: flag.severity,
        status: flag.status,
        priceListId: flag.priceListId!,
        batchNo: listsById.get(flag.priceListId!)?.batchNo ?? flag.priceListId!,
        unitType: flag.unitType!,
        issuedOn: listsById.get(flag.priceListId!)?.issuedOn ?? asOf,
        raisedAt: flag.raisedAt.toISOString(),
        reviews: reviews.get(flag.id)!.map((r) => ({ decision: r.decision, note: r.note, reviewerName: r.reviewerName, at: r.at.toISOString() })),
      })),
      priceLists: [],
      parties: Object.fromEntries(named),
      relations: await this.parties.within(tx).relationsAmong([...namedIds]),
      previous,
      restated,
    };
  }
}
