import { Injectable } from '@nestjs/common';
import { FlagsRepository } from '../audit-flags/flags.repository';
import { groupBy } from '../common/group-by';
import { WriteTransaction } from '../database/write-runner';
import { PartiesRepository } from '../parties/parties.repository';
import { PaymentsRepository } from '../payments/payments.repository';
import { PriceListsRepository } from '../pricing/price-lists.repository';
import { ProjectsRepository } from '../projects/projects.repository';
import { SalesRepository } from '../sales/sales.repository';
import { UnitsRepository } from '../units/units.repository';
import { LiquidationReportsRepository } from './liquidation-reports.repository';
import { NoteParty } from './notes/note-facts';
import { ReportInput, includedOn } from './report-builder';

/** Loads, in a fixed number of queries, everything the report builder needs for a project as of a date. */
@Injectable()
export class ReportData {
  constructor(
    private readonly projects: ProjectsRepository,
    private readonly units: UnitsRepository,
    private readonly sales: SalesRepository,
    private readonly payments: PaymentsRepository,
    private readonly parties: PartiesRepository,
    private readonly flags: FlagsRepository,
    private readonly priceLists: PriceListsRepository,
    private readonly reports: LiquidationReportsRepository,
  ) {}

  async load(tx: WriteTransaction, projectId: string, asOf: string): Promise<ReportInput> {
    const project = await this.projects.within(tx).getById(projectId);
    const sales = (await this.sales.within(tx).allOfProject(projectId)).filter((sale) => includedOn(sale, asOf));
    const ids = sales.map((sale) => sale.id);
    const buyers = await this.sales.within(tx).buyersOf(ids);
    const entries = await this.payments.within(tx).entriesOf(ids);
    const handovers = await this.sales.within(tx).handoversOf(ids);
    const saleFlags = await this.flags.within(tx).ofSales(ids);
    const listFlags = (await this.flags.within(tx).ofProject(projectId)).filter((flag) => flag.priceListId !== null);
    const reviews = await this.flags.within(tx).reviewsOf([...saleFlags, ...listFlags].map((flag) => flag.id));
    const lists = new Map((await this.priceLists.within(tx).allOfProject(projectId)).map((list) => [list.id, list]));

    const partyIds = new Set<string>();
    for (const sale of sales) {
      for (const buyer of buyers.get(sale.id)!) partyIds.add(buyer.id);
      if (sale.referrerPartyId) partyIds.add(sale.referrerPartyId);
      for (const path of sale.relatedPaths) path.filter((_, i) => i % 2 === 0).forEach((id) => partyIds.add(id));
    }
    const named = await this.parties.within(tx).namesOf([...partyIds]);
    const party = (id: string): NoteParty => named.get(id) ?? { id, name: id, insiderRole: null };
    const flagsBySale = groupBy(saleFlags, (flag) => flag.saleId!);
    const previous = await this.reports.within(tx).latestOfProject(projectId);

    return {
      project: { id: project.id, code: project.code, name: project.name, currency: project.currency, city: project.city },
      asOf,
      unitsTotal: await this.units.within(tx).countInProject(projectId),
      sales: sales.map((sale) => ({
        id: sale.id,
        unitNo: sale.unitNo,
        unitType: sale.unitType,
        saleableArea: sale.saleableArea,
        contractDate: sale.contractDate,
        cancelledOn: sale.cancelledOn,
        listPrice: sale.listPrice,
        netPrice: sale.netPrice,
        market: sale.market,
        relatedParty: { isRelated: sale.relatedParty, paths: sale.relatedPaths },
        buyers: buyers.get(sale.id)!.map((buyer) => party(buyer.id)),
        referrer: sale.referrerPartyId ? party(sale.referrerPartyId) : null,
        payments: entries.get(sale.id)!.map((p) => ({ id: p.id, amount: p.amount, receivedOn: p.receivedOn, kind: p.kind, reversalOf: p.reversalOf })),
        handovers: handovers.get(sale.id)!.map((h) => ({ handedOverOn: h.handedOverOn, occupied: h.occupied })),
        flags: (flagsBySale.get(sale.id) ?? []).map((flag) => ({
          id: flag.id,
          type: flag.type,
          severity: flag.severity,
          status: flag.status,
          pendingDismissal: flag.pendingDismissal,
          reviews: reviews.get(flag.id)!.map((r) => ({ decision: r.decision, note: r.note, reviewerName: r.reviewerName, at: r.at.toISOString() })),
        })),
      })),
      priceListFlags: listFlags.map((flag) => ({
        id: flag.id,
        type: flag.type,
        severity: flag.severity,
        status: flag.status,
        priceListId: flag.priceListId!,
        batchNo: lists.get(flag.priceListId!)?.batchNo ?? flag.priceListId!,
        unitType: flag.unitType!,
        issuedOn: lists.get(flag.priceListId!)?.issuedOn ?? asOf,
      })),
      parties: Object.fromEntries(named),
      relations: await this.parties.within(tx).relationsAmong([...partyIds]),
      previous: previous && { id: previous.id, content: previous.content },
    };
  }
}
