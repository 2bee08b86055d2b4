import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, LessThanOrEqual } from 'typeorm';
import { ManagedRepository } from '../database/managed-repository';
import { MarketPriceEntity, MarketPriceScope } from './market-price.entity';

export interface MarketPriceFilter {
  unitNo?: string;
  unitType?: string;
  scope?: MarketPriceScope;
}

const SCOPE_CONDITION: Record<MarketPriceScope, string> = {
  UNIT: 'evidence.unitId IS NOT NULL',
  UNIT_TYPE: 'evidence.unitId IS NULL AND evidence.unitType IS NOT NULL',
  PROJECT: 'evidence.unitId IS NULL AND evidence.unitType IS NULL',
};

/** Latest first; evidence of the same date: the one recorded last. */
const LATEST_FIRST = { asOf: 'DESC', createdAt: 'DESC', id: 'DESC' } as const;

@Injectable()
export class MarketPricesRepository extends ManagedRepository {
  constructor(@InjectEntityManager() manager: EntityManager) {
    super(manager);
  }

  insert(evidence: Omit<MarketPriceEntity, 'id' | 'unit'>): Promise<MarketPriceEntity> {
    return this.manager.save(MarketPriceEntity, this.manager.create(MarketPriceEntity, evidence));
  }

  /** With each piece's unit loaded, ordered by `asOf` then by when it was recorded. */
  async list(projectId: string, filter: MarketPriceFilter, limit: number, offset: number) {
    const query = this.manager
      .createQueryBuilder(MarketPriceEntity, 'evidence')
      .leftJoinAndSelect('evidence.unit', 'unit')
      .where('evidence.projectId = :projectId', { projectId });
    if (filter.unitNo !== undefined) query.andWhere('unit.unitNo = :unitNo', { unitNo: filter.unitNo });
    if (filter.unitType !== undefined) query.andWhere('evidence.unitType = :unitType', { unitType: filter.unitType });
    if (filter.scope) query.andWhere(SCOPE_CONDITION[filter.scope]);
    const [items, total] = await query
      .orderBy('evidence.asOf', 'ASC')
      .addOrderBy('evidence.createdAt', 'ASC')
      .addOrderBy('evidence.id', 'ASC')
      .limit(limit)
      .offset(offset)
      .getManyAndCount();
    return { items, total };
  }

  /** The latest evidence for this one unit dated on or before `onOrBefore` (§4.2 UNIT_APPRAISAL). */
  findLatestForUnit(unitId: string, onOrBefore: string): Promise<MarketPriceEntity | null> {
    return this.manager.findOne(MarketPriceEntity, {
      where: { unitId, asOf: LessThanOrEqual(onOrBefore) },
      order: LATEST_FIRST,
    });
  }

  /**
   * The latest evidence for the unit type dated on or before `onOrBefore`;
   * when the type has none, the latest for the whole project (§4.2 PROJECT_EVIDENCE).
   */
  async findLatestForUnitTypeOrProject(projectId: string, unitType: string, onOrBefore: string): Promise<MarketPriceEntity | null> {
    return (await this.findLatestInScope(projectId, unitType, onOrBefore)) ?? this.findLatestInScope(projectId, null, onOrBefore);
  }

  private findLatestInScope(projectId: string, unitType: string | null, onOrBefore: string): Promise<MarketPriceEntity | null> {
    return this.manager.findOne(MarketPriceEntity, {
      where: { projectId, unitId: IsNull(), unitType: unitType ?? IsNull(), asOf: LessThanOrEqual(onOrBefore) },
      order: LATEST_FIRST,
    });
  }

  /** Every piece of unit-type and whole-project evidence of the project (what PROJECT_EVIDENCE may use). */
  typeAndProjectEvidence(projectId: string): Promise<MarketPriceEntity[]> {
    return this.manager.find(MarketPriceEntity, { where: { projectId, unitId: IsNull() }, order: LATEST_FIRST });
  }

  /** For many (unit, date) pairs at once: the latest evidence of each unit dated on or before its date. */
  async latestForUnitsOn(pairs: Array<{ key: string; unitId: string; onOrBefore: string }>): Promise<Map<string, MarketPriceEntity>> {
    if (pairs.length === 0) return new Map();
    const rows: Array<{ key: string; id: string }> = await this.manager.query(
      `SELECT DISTINCT ON (p.key) p.key, m.id
       FROM unnest($1::text[], $2::uuid[], $3::date[]) AS p (key, unit_id, on_or_before)
       JOIN market_prices m ON m.unit_id = p.unit_id AND m.as_of <= p.on_or_before
       ORDER BY p.key, m.as_of DESC, m.created_at DESC, m.id DESC`,
      [pairs.map((p) => p.key), pairs.map((p) => p.unitId), pairs.map((p) => p.onOrBefore)],
    );
    if (rows.length === 0) return new Map();
    const entities = await this.manager.findBy(MarketPriceEntity, { id: In(rows.map((row) => row.id)) });
    const byId = new Map(entities.map((entity) => [entity.id, entity]));
    return new Map(rows.map((row) => [row.key, byId.get(row.id)!]));
  }
}
