import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, FieldProblem } from '../common/errors/domain-error';
import { dec, formatMoney } from '../common/money';
import { Page } from '../common/validation/pagination.dto';
import { auditEntry, WriteTransaction, written, Written } from '../database/write-runner';
import { ProjectsRepository } from '../projects/projects.repository';
import { UnitsRepository } from '../units/units.repository';
import { CreatePriceListDto, PriceListItemDto, PriceListSummaryView, PriceListView } from './dto/price-list.dto';
import { groupBy } from '../common/group-by';
import { netListPrice, priceListAverages } from './price-list-averages';
import { PriceListDiscountEntity, PriceListEntity } from './price-list.entity';
import { PriceListItemRow, PriceListsRepository } from './price-lists.repository';
import { ReadReplica } from '../database/read-replica';

function toPriceListSummary(
  list: PriceListEntity,
  discounts: PriceListDiscountEntity[],
  items: PriceListItemRow[],
): PriceListSummaryView {
  const averages = priceListAverages(items, discounts);
  return {
    id: list.id,
    projectId: list.projectId,
    batchNo: list.batchNo,
    issuedOn: list.issuedOn,
    discounts: discounts.map((discount) => ({
      code: discount.code,
      description: discount.description,
      percent: formatMoney(discount.percent),
      stackable: discount.stackable,
      eligibility: discount.eligibility,
    })),
    largestDiscountPct: averages.largestDiscountPct,
    unitCount: averages.unitCount,
    totalSaleableArea: averages.totalSaleableArea,
    averageListPricePerSqm: averages.averageListPricePerSqm,
    averageNetPricePerSqm: averages.averageNetPricePerSqm,
    byUnitType: averages.byUnitType,
    createdAt: list.createdAt.toISOString(),
  };
}

function toPriceListView(list: PriceListEntity, discounts: PriceListDiscountEntity[], items: PriceListItemRow[]): PriceListView {
  const summary = toPriceListSummary(list, discounts, items);
  return {
    ...summary,
    items: items.map((item) => ({
      unitId: item.unitId,
      unitNo: item.unitNo,
      unitType: item.unitType,
      saleableArea: formatMoney(item.saleableArea),
      listPrice: formatMoney(item.listPrice),
      netPrice: formatMoney(netListPrice(item.listPrice, summary.largestDiscountPct)),
    })),
  };
}

/** Every repeat of a value after its first occurrence, named by its field. */
function repeats(values: string[], field: (index: number) => string): FieldProblem[] {
  const firstIndexOf = new Map<string, number>();
  const problems: FieldProblem[] = [];
  values.forEach((value, index) => {
    const first = firstIndexOf.get(value);
    if (first === undefined) firstIndexOf.set(value, index);
    else problems.push({ field: field(index), problem: `repeats ${field(first)}` });
  });
  return problems;
}

function refuseRepeats(dto: CreatePriceListDto): void {
  const problems = [
    ...repeats(dto.discounts.map((discount) => discount.code), (i) => `discounts[${i}].code`),
    ...repeats(dto.items.map((item) => item.unitNo), (i) => `items[${i}].unitNo`),
  ];
  if (problems.length > 0) {
    throw new DomainError(ErrorCode.VALIDATION_FAILED, problems.map((p) => `${p.field}: ${p.problem}`).join('; '), problems);
  }
}

@Injectable()
export class PriceListsService {
  constructor(
    private readonly projects: ProjectsRepository,
    private readonly units: UnitsRepository,
    private readonly priceLists: PriceListsRepository,
    private readonly replica: ReadReplica,
  ) {}

  /** Posts a release batch within a write; the batch rules are run on it by the caller, in the same write. */
  async createWithin(tx: WriteTransaction, projectId: string, dto: CreatePriceListDto): Promise<Written<PriceListView>> {
    refuseRepeats(dto);
    await this.projects.within(tx).getById(projectId);
    const unitIds = await this.resolveUnits(tx, projectId, dto.items);
    const priceLists = this.priceLists.within(tx);
    const list = await priceLists.insert({
      projectId,
      batchNo: dto.batchNo,
      issuedOn: dto.issuedOn,
      createdAt: tx.clock.now(),
    });
    await priceLists.insertDiscounts(
      dto.discounts.map((discount) => ({
        priceListId: list.id,
        code: discount.code,
        description: discount.description,
        percent: dec(discount.percent),
        stackable: discount.stackable ?? false,
        eligibility: discount.eligibility ?? 'ALL',
      })),
    );
    await priceLists.insertItems(
      list.id,
      dto.items.map((item, index) => ({ unitId: unitIds[index], listPrice: dec(item.listPrice) })),
    );
    const view = toPriceListView(list, await priceLists.discountsOf([list.id]), await priceLists.itemsOf([list.id]));
    return written(view, auditEntry('price-list.created', 'price-list', list.id, view));
  }

  async get(projectId: string, id: string): Promise<PriceListView> {
    await this.projects.getById(projectId);
    const list = await this.priceLists.findInProject(projectId, id);
    if (!list) throw DomainError.notFound('price list', id);
    return toPriceListView(list, await this.priceLists.discountsOf([id]), await this.priceLists.itemsOf([id]));
  }

  /** From the read replica when there is one: a batch posted a moment ago may not be listed yet. */
  async list(projectId: string, limit: number, offset: number): Promise<Page<PriceListSummaryView>> {
    const { page, discounts, items } = await this.replica.run(async (scope) => {
      await this.projects.within(scope).getById(projectId);
      const priceLists = this.priceLists.within(scope);
      const found = await priceLists.list(projectId, limit, offset);
      const ids = found.items.map((list) => list.id);
      return { page: found, discounts: await priceLists.discountsOf(ids), items: await priceLists.itemsOf(ids) };
    });
    const discountsByList = groupBy(discounts, (discount) => discount.priceListId);
    const itemsByList = groupBy(items, (item) => item.priceListId);
    return {
      items: page.items.map((list) =>
        toPriceListSummary(list, discountsByList.get(list.id) ?? [], itemsByList.get(list.id) ?? []),
      ),
      total: page.total,
    };
  }

  /** The unit id of each item, in order; every unit number the project does not have is named. */
  private async resolveUnits(tx: WriteTransaction, projectId: string, items: PriceListItemDto[]): Promise<string[]> {
    const units = await this.units.within(tx).findManyByUnitNo(projectId, items.map((item) => item.unitNo));
    const idOf = new Map(units.map((unit) => [unit.unitNo, unit.id]));
    const unknown: FieldProblem[] = items.flatMap((item, index) =>
      idOf.has(item.unitNo) ? [] : [{ field: `items[${index}].unitNo`, problem: `no unit ${item.unitNo} in this project` }],
    );
    if (unknown.length > 0) {
      throw new DomainError(
        ErrorCode.UNKNOWN_REFERENCE,
        `${unknown.length} unit number(s) not in this project: ${unknown.map((p) => p.field).join(', ')}`,
        unknown,
      );
    }
    return items.map((item) => idOf.get(item.unitNo)!);
  }
}
