import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { dec } from '../common/money';
import { InWrite, ManagedRepository } from '../database/managed-repository';
import { known, query, Read } from '../database/read';
import { MarketPriceEntity, MarketPriceScope, MarketPriceSource } from './market-price.entity';

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

interface MarketPriceRow {
  id: string;
  project_id: string;
  as_of: string;
  price_per_sqm: string;
  source: MarketPriceSource;
  unit_id: string | null;
  unit_type: string | null;
  reference: string | null;
  created_at: Date;
}

/** A piece of evidence's columns as `MarketPriceRow` reads them, of the alias `m`. */
const COLUMNS = `m.id, m.project_id, m.as_of::text AS as_of, m.price_per_sqm, m.source, m.unit_id, m.unit_type, m.reference, m.created_at`;

function toEntity(row: MarketPriceRow): MarketPriceEntity {
  return {
    id: row.id, projectId: row.project_id, asOf: row.as_of, pricePerSqm: dec(row.price_per_sqm), source: row.source,
    unitId: row.unit_id, unitType: row.unit_type, reference: row.reference, createdAt: row.created_at,
  };
}

@Injectable()
export class MarketPricesRepository extends ManagedRepository {
  constructor(@InjectEntityManager() manager: EntityManager) {
    super(manager);
  }

  insert(this: InWrite<MarketPricesRepository>, evidence: Omit<MarketPriceEntity, 'id' | 'unit'>): Promise<MarketPriceEntity> {
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

  /**
   * For one unit on one date, in one query: the latest evidence of the unit
   * itself dated on or before `onOrBefore` (§4.2 UNIT_APPRAISAL), and the latest
   * for its unit type or, when the type has none, for the whole project
   * (§4.2 PROJECT_EVIDENCE). Evidence of the same date: the one recorded last.
   */
  async latestFor(
    unit: { projectId: string; unitId: string; unitType: string },
    onOrBefore: string,
  ): Promise<{ appraisal: MarketPriceEntity | null; typeOrProject: MarketPriceEntity | null }> {
    const latest = `ORDER BY m.as_of DESC, m.created_at DESC, m.id DESC LIMIT 1`;
    const rows: Array<MarketPriceRow & { scope: MarketPriceScope }> = await this.hotQuery(
      `(SELECT 'UNIT' AS scope, ${COLUMNS} FROM market_prices m WHERE m.unit_id = $2 AND m.as_of <= $4 ${latest})
       UNION ALL
       (SELECT 'UNIT_TYPE', ${COLUMNS} FROM market_prices m
        WHERE m.project_id = $1 AND m.unit_id IS NULL AND m.unit_type = $3 AND m.as_of <= $4 ${latest})
       UNION ALL
       (SELECT 'PROJECT', ${COLUMNS} FROM market_prices m
        WHERE m.project_id = $1 AND m.unit_id IS NULL AND m.unit_type IS NULL AND m.as_of <= $4 ${latest})`,
      [unit.projectId, unit.unitId, unit.unitType, onOrBefore],
    );
    const found = new Map(rows.map((row) => [row.scope, toEntity(row)]));
    return { appraisal: found.get('UNIT') ?? null, typeOrProject: found.get('UNIT_TYPE') ?? found.get('PROJECT') ?? null };
  }

  /** Every piece of unit-type and whole-project evidence of the project (what PROJECT_EVIDENCE may use), latest first. */
  typeAndProjectEvidence(projectId: string): Promise<MarketPriceEntity[]> {
    return this.run(this.typeAndProjectEvidenceRead(projectId));
  }

  typeAndProjectEvidenceRead(projectId: string): Read<MarketPriceEntity[]> {
    return query(
      `SELECT ${COLUMNS} FROM market_prices m WHERE m.project_id = $1 AND m.unit_id IS NULL
       ORDER BY m.as_of DESC, m.created_at DESC, m.id DESC`, // latest first; of one date, the one recorded last
      [projectId],
      (rows: MarketPriceRow[]) => rows.map(toEntity),
    );
  }

  /** For many (unit, date) pairs at once: the latest evidence of each unit dated on or before its date, by the pair's key. */
  latestForUnitsOnRead(pairs: Array<{ key: string; unitId: string; onOrBefore: string }>): Read<Map<string, MarketPriceEntity>> {
    if (pairs.length === 0) return known(new Map());
    return query(
      `SELECT DISTINCT ON (p.key) p.key, ${COLUMNS}
       FROM unnest($1::text[], $2::uuid[], $3::date[]) AS p (key, unit_id, on_or_before)
       JOIN market_prices m ON m.unit_id = p.unit_id AND m.as_of <= p.on_or_before
       ORDER BY p.key, m.as_of DESC, m.created_at DESC, m.id DESC`,
      [pairs.map((p) => p.key), pairs.map((p) => p.unitId), pairs.map((p) => p.onOrBefore)],
      (rows: Array<MarketPriceRow & { key: string }>) => new Map(rows.map((row) => [row.key, toEntity(row)])),
    );
  }
}
