import { Injectable } from '@nestjs/common';
import { groupBy } from '../../common/group-by';
import { dec } from '../../common/money';
import { EvaluationEngine } from '../../evaluation/evaluation-engine';
import { PriceListsRepository } from '../../pricing/price-lists.repository';
import { UnitsRepository } from '../../units/units.repository';
import { auditEntry, written } from '../../database/write-runner';
import { CellProblem } from '../csv-columns';
import { PublishedDiscount } from '../../pricing/discount-combination';
import { ImportedDiscount } from '../import-kinds';
import { Batcher, ImportContext, KindImporter, problem } from './importer';

interface PriceRow {
  batchNo: string;
  issuedOn: string;
  unitNo: string;
  listPrice: string;
  discounts?: ImportedDiscount[];
  stackableDiscounts?: string[];
  staffDiscounts?: string[];
}

type BatchDiscount = PublishedDiscount & { description: string; percent: string };

interface BatchSeen {
  firstLine: number;
  issuedOn: string;
  discounts: BatchDiscount[] | null;
  units: Set<string>;
}

const sameDiscounts = (a: BatchDiscount[], b: BatchDiscount[]) =>
  a.length === b.length &&
  a.every(
    (d, i) =>
      d.code === b[i].code && dec(d.percent).eq(b[i].percent) && d.description === b[i].description &&
      d.stackable === b[i].stackable && d.eligibility === b[i].eligibility,
  );

/** The row's discounts with whether each stacks and who may have it; the codes named in those columns that the row does not publish. */
function discountsOf(row: PriceRow): { discounts: BatchDiscount[] | null; unknown: Array<{ column: string; code: string }> } {
  const stackable = new Set(row.stackableDiscounts ?? []);
  const staff = new Set(row.staffDiscounts ?? []);
  const published = new Set((row.discounts ?? []).map((d) => d.code));
  const unknown = [
    ...[...stackable].filter((code) => !published.has(code)).map((code) => ({ column: 'stackableDiscounts', code })),
    ...[...staff].filter((code) => !published.has(code)).map((code) => ({ column: 'staffDiscounts', code })),
  ];
  const discounts = row.discounts?.map((d) => ({ ...d, stackable: stackable.has(d.code), eligibility: staff.has(d.code) ? ('STAFF' as const) : ('ALL' as const) }));
  return { discounts: discounts ?? null, unknown };
}

/**
 * Release batches: one row a priced unit; the rows of a batch share its issue
 * date and its published discounts (given on any of its rows). Several
 * batches may share a file.
 */
@Injectable()
export class PriceListImporter {
  constructor(
    private readonly units: UnitsRepository,
    private readonly priceLists: PriceListsRepository,
    private readonly engine: EvaluationEngine,
  ) {}

  async start(ctx: ImportContext): Promise<KindImporter> {
    const unitIds = new Map((await this.units.within(ctx.tx).allOfProject(ctx.project.id)).map((unit) => [unit.unitNo, unit.id]));
    const existingBatches = new Set((await this.priceLists.within(ctx.tx).allOfProject(ctx.project.id)).map((list) => list.batchNo));
    const batches = new Map<string, BatchSeen>();
    const listIds = new Map<string, string>();
    let items = 0;
    const lists = this.priceLists.within(ctx.tx);
    const batch = new Batcher<PriceRow>(async (rows) => {
      for (const row of rows) {
        if (listIds.has(row.batchNo)) continue;
        const seen = batches.get(row.batchNo)!;
        const list = await lists.insert({ projectId: ctx.project.id, batchNo: row.batchNo, issuedOn: seen.issuedOn, createdAt: ctx.tx.clock.now() });
        await lists.insertDiscounts(
          (seen.discounts ?? []).map((d) => ({
            priceListId: list.id, code: d.code, description: d.description, percent: dec(d.percent), stackable: d.stackable, eligibility: d.eligibility,
          })),
        );
        listIds.set(row.batchNo, list.id);
        ctx.tx.log(written(list.id, auditEntry('price-list.imported', 'price-list', list.id, {
          importId: ctx.importId, batchNo: row.batchNo, issuedOn: seen.issuedOn, discounts: seen.discounts ?? [], units: seen.units.size,
        })));
      }
      for (const [batchNo, group] of groupBy(rows, (row) => row.batchNo)) {
        await lists.insertItems(listIds.get(batchNo)!, group.map((row) => ({ unitId: unitIds.get(row.unitNo)!, listPrice: dec(row.listPrice) })));
        items += group.length;
      }
    });
    return {
      check: (values, line) => {
        const row = values as unknown as PriceRow;
        const problems: CellProblem[] = [];
        if (!unitIds.has(row.unitNo)) problems.push(problem(line, 'unitNo', row.unitNo, 'no such unit in this project'));
        if (existingBatches.has(row.batchNo)) problems.push(problem(line, 'batchNo', row.batchNo, 'already has a price list in this project'));
        const given = discountsOf(row);
        for (const { column, code } of given.unknown) problems.push(problem(line, column, code, 'is not among the discounts of this row'));
        let seen = batches.get(row.batchNo);
        if (!seen) {
          seen = { firstLine: line, issuedOn: row.issuedOn, discounts: given.discounts, units: new Set() };
          batches.set(row.batchNo, seen);
        }
        if (row.issuedOn !== seen.issuedOn) {
          problems.push(problem(line, 'issuedOn', row.issuedOn, `batch ${row.batchNo} was issued on ${seen.issuedOn} (line ${seen.firstLine})`));
        }
        if (given.discounts) {
          if (seen.discounts === null) seen.discounts = given.discounts;
          else if (!sameDiscounts(seen.discounts, given.discounts)) {
            problems.push(problem(line, 'discounts', given.discounts.map((d) => `${d.code}:${d.percent}`).join(';'), `differ from the batch's discounts given earlier`));
          }
          const codes = given.discounts.map((d) => d.code);
          if (new Set(codes).size !== codes.length) problems.push(problem(line, 'discounts', codes.join(';'), 'repeat a code'));
        }
        if (seen.units.has(row.unitNo)) problems.push(problem(line, 'unitNo', row.unitNo, `appears twice in batch ${row.batchNo}`));
        seen.units.add(row.unitNo);
        return problems;
      },
      finishChecks: async () => [],
      write: (values) => batch.add(values as unknown as PriceRow),
      finishWrite: async () => {
        await batch.drain();
        const flags = await this.engine.judgePriceListsLive(ctx.tx, ctx.project.id);
        return { priceListsCreated: listIds.size, itemsCreated: items, flagsRaised: flags.raised };
      },
    };
  }
}
