import { Injectable } from '@nestjs/common';
import { dec } from '../../common/money';
import { UnitsRepository } from '../../units/units.repository';
import { auditEntry, written } from '../../database/write-runner';
import { CellProblem } from '../csv-columns';
import { Batcher, ImportContext, KindImporter, problem } from './importer';

interface UnitRow {
  unitNo: string;
  building?: string;
  floor?: number;
  unitType: string;
  saleableArea: string;
  costPrice?: string;
}

/** The units schedule: one unit a row, each unit number new to the project and once in the file. */
@Injectable()
export class UnitsImporter {
  constructor(private readonly units: UnitsRepository) {}

  async start(ctx: ImportContext): Promise<KindImporter> {
    const units = this.units.within(ctx.tx);
    const existing = new Set((await units.allOfProject(ctx.project.id)).map((unit) => unit.unitNo));
    const seen = new Map<string, number>();
    let created = 0;
    const batch = new Batcher<UnitRow>(async (rows) => {
      const at = ctx.tx.clock.now();
      const ids = await units.insertMany(
        rows.map((row) => ({
          projectId: ctx.project.id, unitNo: row.unitNo, building: row.building ?? null, floor: row.floor ?? null, unitType: row.unitType,
          saleableArea: dec(row.saleableArea), costPrice: row.costPrice ? dec(row.costPrice) : null, createdAt: at,
        })),
      );
      ctx.tx.log(written(ids, auditEntry('units.imported', 'import', ctx.importId, { units: ids.map((id, i) => ({ unitId: id, ...rows[i] })) })));
      created += ids.length;
    });
    return {
      check: (values, line) => {
        const row = values as unknown as UnitRow;
        const problems: CellProblem[] = [];
        if (existing.has(row.unitNo)) problems.push(problem(line, 'unitNo', row.unitNo, 'already exists in this project'));
        else if (seen.has(row.unitNo)) problems.push(problem(line, 'unitNo', row.unitNo, `repeats line ${seen.get(row.unitNo)}`));
        else seen.set(row.unitNo, line);
        return problems;
      },
      finishChecks: async () => [],
      write: (values) => batch.add(values as unknown as UnitRow),
      finishWrite: async () => {
        await batch.drain();
        return { unitsCreated: created };
      },
    };
  }
}
