import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager, In } from 'typeorm';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { InWrite, ManagedRepository, PG_UNIQUE_VIOLATION, pgErrorCode } from '../database/managed-repository';
import { ProjectSettings, effectiveSettings } from '../projects/project-settings';
import { dec } from '../common/money';
import { query, Read } from '../database/read';
import { UnitEntity } from './unit.entity';

export const UNIT_STATUSES = ['AVAILABLE', 'SOLD'] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

const UNIT_COLUMNS = 'u.id, u.project_id, u.unit_no, u.building, u.floor, u.unit_type, u.saleable_area, u.cost_price, u.created_at';

interface UnitRow {
  id: string;
  project_id: string;
  unit_no: string;
  building: string | null;
  floor: number | null;
  unit_type: string;
  saleable_area: string;
  cost_price: string | null;
  created_at: Date;
}

function toUnit(row: UnitRow): UnitEntity {
  return {
    id: row.id, projectId: row.project_id, unitNo: row.unit_no, building: row.building, floor: row.floor, unitType: row.unit_type,
    saleableArea: dec(row.saleable_area), costPrice: row.cost_price === null ? null : dec(row.cost_price), createdAt: row.created_at,
  };
}

const ACTIVE_SALE = `SELECT 1 FROM sales s WHERE s.unit_id = unit.id AND s.status = 'ACTIVE'`;

@Injectable()
export class UnitsRepository extends ManagedRepository {
  constructor(@InjectEntityManager() manager: EntityManager) {
    super(manager);
  }

  findById(id: string): Promise<UnitEntity | null> {
    return this.manager.findOneBy(UnitEntity, { id });
  }

  /** The unit being sold, with the rule thresholds of its project, in one query. */
  withSettingsRead(id: string): Read<{ unit: UnitEntity; settings: ProjectSettings } | null> {
    return query(
      `SELECT ${UNIT_COLUMNS}, p.settings FROM units u JOIN projects p ON p.id = u.project_id WHERE u.id = $1`,
      [id],
      ([row]: Array<UnitRow & { settings: Partial<ProjectSettings> }>) => (row ? { unit: toUnit(row), settings: effectiveSettings(row.settings) } : null),
    );
  }

  findByUnitNo(projectId: string, unitNo: string): Promise<UnitEntity | null> {
    return this.manager.findOneBy(UnitEntity, { projectId, unitNo });
  }

  findManyByUnitNo(projectId: string, unitNos: string[]): Promise<UnitEntity[]> {
    if (unitNos.length === 0) return Promise.resolve([]);
    return this.manager.findBy(UnitEntity, { projectId, unitNo: In(unitNos) });
  }

  async insert(this: InWrite<UnitsRepository>, unit: Omit<UnitEntity, 'id'>): Promise<UnitEntity> {
    try {
      return await this.manager.save(UnitEntity, this.manager.create(UnitEntity, unit));
    } catch (error) {
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) {
        throw new DomainError(ErrorCode.ALREADY_EXISTS, `unit ${unit.unitNo} already exists in this project`, [
          { field: 'unitNo', problem: 'already taken in this project' },
        ]);
      }
      throw error;
    }
  }

  async list(projectId: string, filter: { unitType?: string; status?: UnitStatus }, limit: number, offset: number) {
    const query = this.manager.createQueryBuilder(UnitEntity, 'unit').where('unit.projectId = :projectId', { projectId });
    if (filter.unitType) query.andWhere('unit.unitType = :unitType', { unitType: filter.unitType });
    if (filter.status) query.andWhere(`${filter.status === 'SOLD' ? '' : 'NOT '}EXISTS (${ACTIVE_SALE})`);
    const [items, total] = await query.orderBy('unit.unitNo', 'ASC').take(limit).skip(offset).getManyAndCount();
    return { items, total };
  }

  countInProject(projectId: string): Promise<number> {
    return this.manager.countBy(UnitEntity, { projectId });
  }

  /** Which of these units have an active sale. */
  async soldAmong(unitIds: string[]): Promise<Set<string>> {
    if (unitIds.length === 0) return new Set();
    const rows: Array<{ unit_id: string }> = await this.manager.query(
      `SELECT unit_id FROM sales WHERE unit_id = ANY($1::uuid[]) AND status = 'ACTIVE'`,
      [unitIds],
    );
    return new Set(rows.map((row) => row.unit_id));
  }

  /** Many units in one statement (imports); returns their ids in order. */
  async insertMany(this: InWrite<UnitsRepository>, units: Array<Omit<UnitEntity, 'id'>>): Promise<string[]> {
    if (units.length === 0) return [];
    const rows: Array<{ id: string }> = await this.manager.query(
      `INSERT INTO units (project_id, unit_no, building, floor, unit_type, saleable_area, cost_price, created_at)
       SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::int[], $5::varchar[], $6::numeric[], $7::numeric[], $8::timestamptz[])
       RETURNING id`,
      [
        units.map((u) => u.projectId), units.map((u) => u.unitNo), units.map((u) => u.building), units.map((u) => u.floor),
        units.map((u) => u.unitType), units.map((u) => u.saleableArea.toFixed()), units.map((u) => u.costPrice?.toFixed() ?? null),
        units.map((u) => u.createdAt),
      ],
    );
    return rows.map((row) => row.id);
  }

  /** The units of the project with these numbers (a chunk of an import's rows), read as plain rows. */
  async byUnitNos(projectId: string, unitNos: readonly string[]): Promise<UnitEntity[]> {
    if (unitNos.length === 0) return [];
    const rows: UnitRow[] = await this.manager.query(
      `SELECT ${UNIT_COLUMNS} FROM units u WHERE u.project_id = $1 AND u.unit_no = ANY($2::varchar[])`,
      [projectId, unitNos],
    );
    return rows.map((row) => toUnit(row));
  }

  /** Every unit of the project, by unit number; read as plain rows, so that a project of many units loads in little memory. */
  async allOfProject(projectId: string): Promise<UnitEntity[]> {
    const rows: UnitRow[] = await this.manager.query(`SELECT ${UNIT_COLUMNS} FROM units u WHERE u.project_id = $1 ORDER BY u.unit_no`, [projectId]);
    return rows.map((row) => toUnit(row));
  }
}
