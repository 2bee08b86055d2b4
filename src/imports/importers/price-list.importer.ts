import { Injectable } from '@nestjs/common';
import { groupBy } from '../../common/group-by';
import { dec } from '../../common/money';
import { EvaluationEngine } from '../../evaluation/evaluation-engine';
import { PriceListsRepository } from '../../pricing/price-lists.repository';
import { UnitsRepository } from '../../units/units.repository';
import { CellProblem } from '../csv-columns';
import { PublishedDiscount } from '../import-kinds';
import { Batcher, ImportContext, KindImporter, problem } from './importer';

interface PriceRow {
  batchNo: string;
  issuedOn: string;
  unitNo: string;
  listPrice: string;
  discounts?: PublishedDiscount[];
}

interface BatchSeen {
  firstLine: number;
  issuedOn: string;
  discounts: PublishedDiscount[] | null;
  units: Set<string>;
}

const sameDiscounts = (a: PublishedDiscount[], b: PublishedDiscount[]) =>
  a.length === b.length && a.every((d, i) => d.code === b[i].code && dec(d.percent).eq(b[i].percent) && d.description === b[i].description);

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
            priceListId: list.id, code: d.code, description: d.description, percent: dec(d.percent), stackable: false, eligibility: 'ALL' as const,
          })),
        );
        listIds.set(row.batchNo, list.id);
        ctx.tx.record('price-list.imported', 'price-list', list.id, {
          importId: ctx.importId, batchNo: row.batchNo, issuedOn: seen.issuedOn, discounts: seen.discounts ?? [], units: seen.units.size,
        });
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
        let seen = batches.get(row.batchNo);
        if (!seen) {
          seen = { firstLine: line, issuedOn: row.issuedOn, discounts: row.discounts ?? null, units: new Set() };
          batches.set(row.batchNo, seen);
        }
        if (row.issuedOn !== seen.issuedOn) {
          problems.push(problem(line, 'issuedOn', row.issuedOn, `batch ${row.batchNo} was issued on ${seen.issuedOn} (line ${seen.firstLine})`));
        }
        if (row.discounts) {
          if (seen.discounts === null) seen.discounts = row.discounts;
          else if (!sameDiscounts(seen.discounts, row.discounts)) {
            problems.push(problem(line, 'discounts', row.discounts.map((d) => `${d.code}:${d.percent}`).join(';'), `differ from the batch's discounts given earlier`));
          }
          const codes = row.discounts.map((d) => d.code);
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
