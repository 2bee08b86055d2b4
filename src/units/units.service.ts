import { Injectable } from '@nestjs/common';
import { Actor } from '../common/auth/role';
import { dec, formatMoney, formatNullableMoney } from '../common/money';
import { Page } from '../common/validation/pagination.dto';
import { auditEntry, WriteRunner, written } from '../database/write-runner';
import { ProjectsRepository } from '../projects/projects.repository';
import { CreateUnitDto, UnitView, UnitsQuery } from './dto/unit.dto';
import { UnitEntity } from './unit.entity';
import { UnitsRepository } from './units.repository';
import { ReadReplica } from '../database/read-replica';

export function toUnitView(unit: UnitEntity, sold: boolean): UnitView {
  return {
    id: unit.id,
    projectId: unit.projectId,
    unitNo: unit.unitNo,
    building: unit.building,
    floor: unit.floor,
    unitType: unit.unitType,
    saleableArea: formatMoney(unit.saleableArea),
    costPrice: formatNullableMoney(unit.costPrice),
    status: sold ? 'SOLD' : 'AVAILABLE',
    createdAt: unit.createdAt.toISOString(),
  };
}

@Injectable()
export class UnitsService {
  constructor(
    private readonly projects: ProjectsRepository,
    private readonly units: UnitsRepository,
    private readonly writes: WriteRunner,
    private readonly replica: ReadReplica,
  ) {}

  create(actor: Actor, projectId: string, dto: CreateUnitDto): Promise<UnitView> {
    return this.writes.run(actor, async (tx) => {
      await this.projects.within(tx).getById(projectId);
      const unit = await this.units.within(tx).insert({
        projectId,
        unitNo: dto.unitNo,
        building: dto.building ?? null,
        floor: dto.floor ?? null,
        unitType: dto.unitType,
        saleableArea: dec(dto.saleableArea),
        costPrice: dto.costPrice === undefined ? null : dec(dto.costPrice),
        createdAt: tx.clock.now(),
      });
      const view = toUnitView(unit, false);
      return written(view, auditEntry('unit.created', 'unit', unit.id, view));
    });
  }

  /** From the read replica when there is one: a unit added or sold a moment ago may not show (or show as sold) yet. */
  async list(projectId: string, query: UnitsQuery): Promise<Page<UnitView>> {
    const { page, sold } = await this.replica.run(async (scope) => {
      await this.projects.within(scope).getById(projectId);
      const units = this.units.within(scope);
      const found = await units.list(projectId, { unitType: query.unitType, status: query.status }, query.limit, query.offset);
      return { page: found, sold: await units.soldAmong(found.items.map((unit) => unit.id)) };
    });
    return { items: page.items.map((unit) => toUnitView(unit, sold.has(unit.id))), total: page.total };
  }
}
