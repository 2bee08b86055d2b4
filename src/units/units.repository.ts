import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager, In } from 'typeorm';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { ManagedRepository, PG_UNIQUE_VIOLATION, pgErrorCode } from '../database/managed-repository';
import { UnitEntity } from './unit.entity';

@Injectable()
export class UnitsRepository extends ManagedRepository {
  constructor(@InjectEntityManager() manager: EntityManager) {
    super(manager);
  }

  findById(id: string): Promise<UnitEntity | null> {
    return this.manager.findOneBy(UnitEntity, { id });
  }

  findByUnitNo(projectId: string, unitNo: string): Promise<UnitEntity | null> {
    return this.manager.findOneBy(UnitEntity, { projectId, unitNo });
  }

  findManyByUnitNo(projectId: string, unitNos: string[]): Promise<UnitEntity[]> {
    if (unitNos.length === 0) return Promise.resolve([]);
    return this.manager.findBy(UnitEntity, { projectId, unitNo: In(unitNos) });
  }

  async insert(unit: Omit<UnitEntity, 'id'>): Promise<UnitEntity> {
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

  async list(projectId: string, filter: { unitType?: string }, limit: number, offset: number) {
    const [items, total] = await this.manager.findAndCount(UnitEntity, {
      where: { projectId, ...(filter.unitType ? { unitType: filter.unitType } : {}) },
      order: { unitNo: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { items, total };
  }
}
