import Decimal from 'decimal.js';
import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager, In } from 'typeorm';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { dec } from '../common/money';
import { InWrite, ManagedRepository, PG_UNIQUE_VIOLATION, pgErrorCode } from '../database/managed-repository';
import { known, query, Read } from '../database/read';
import { PublishedDiscount } from './discount-combination';
import { PriceListDiscountEntity, PriceListEntity } from './price-list.entity';

/** A unit as a price list prices it, with what the views show of the unit. */
export interface PriceListItemRow {
  priceListId: string;
  unitId: string;
  unitNo: string;
  unitType: string;
  saleableArea: Decimal;
  listPrice: Decimal;
}

/** A unit's price in the list that governs it on a date, and that list's deepest discount. */
export interface UnitListPrice {
  priceListId: string;
  batchNo: string;
  issuedOn: string;
  listPrice: Decimal;
  /** The discount schemes the list publishes. */
  discountCodes: string[];
}

interface DiscountRow {
  code: string;
  description: string;
  percent: string;
  stackable: boolean;
  eligibility: PriceListDiscountEntity['eligibility'];
}

interface ItemRow {
  price_list_id: string;
  unit_id: string;
  unit_no: string;
  unit_type: string;
  saleable_area: string;
  list_price: string;
}

interface UnitListPriceRow {
  price_list_id: string;
  batch_no: string;
  issued_on: string;
  list_price: string;
  discount_codes: string[];
}

/** How `unitListPricesOn` keys a unit's price on a date. */
export function listingKey(unitId: string, onOrBefore: string): string {
  return `${unitId} ${onOrBefore}`;
}

@Injectable()
export class PriceListsRepository extends ManagedRepository {
  constructor(@InjectEntityManager() manager: EntityManager) {
    super(manager);
  }

  async insert(this: InWrite<PriceListsRepository>, list: Omit<PriceListEntity, 'id'>): Promise<PriceListEntity> {
    try {
      return await this.manager.save(PriceListEntity, this.manager.create(PriceListEntity, list));
    } catch (error) {
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) {
        throw new DomainError(ErrorCode.ALREADY_EXISTS, `batch ${list.batchNo} already has a price list in this project`, [
          { field: 'batchNo', problem: 'already taken in this project' },
        ]);
      }
      throw error;
    }
  }

  async insertDiscounts(this: InWrite<PriceListsRepository>, discounts: PriceListDiscountEntity[]): Promise<void> {
    if (discounts.length > 0) await this.manager.insert(PriceListDiscountEntity, discounts);
  }

  /** One statement however long the list: the rows travel as two arrays. */
  async insertItems(this: InWrite<PriceListsRepository>, priceListId: string, items: { unitId: string; listPrice: Decimal }[]): Promise<void> {
    await this.manager.query(
      `INSERT INTO price_list_items (price_list_id, unit_id, list_price)
       SELECT $1, item.unit_id, item.list_price FROM unnest($2::uuid[], $3::numeric[]) AS item (unit_id, list_price)`,
      [priceListId, items.map((item) => item.unitId), items.map((item) => item.listPrice.toFixed())],
    );
  }

  findInProject(projectId: string, id: string): Promise<PriceListEntity | null> {
    return this.manager.findOneBy(PriceListEntity, { projectId, id });
  }

  async list(projectId: string, limit: number, offset: number): Promise<{ items: PriceListEntity[]; total: number }> {
    const [items, total] = await this.manager.findAndCount(PriceListEntity, {
      where: { projectId },
      order: { issuedOn: 'ASC', batchNo: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { items, total };
  }

  discountsOf(priceListIds: string[]): Promise<PriceListDiscountEntity[]> {
    if (priceListIds.length === 0) return Promise.resolve([]);
    return this.manager.find(PriceListDiscountEntity, {
      where: { priceListId: In(priceListIds) },
      order: { priceListId: 'ASC', code: 'ASC' },
    });
  }

  /** The items of these lists, ordered by unit number. */
  async itemsOf(priceListIds: string[]): Promise<PriceListItemRow[]> {
    if (priceListIds.length === 0) return [];
    const rows: ItemRow[] = await this.manager.query(
      `SELECT item.price_list_id, item.unit_id, unit.unit_no, unit.unit_type, unit.saleable_area, item.list_price
       FROM price_list_items item JOIN units unit ON unit.id = item.unit_id
       WHERE item.price_list_id = ANY($1::uuid[])
       ORDER BY unit.unit_no, item.unit_id`,
      [priceListIds],
    );
    return rows.map((row) => ({
      priceListId: row.price_list_id,
      unitId: row.unit_id,
      unitNo: row.unit_no,
      unitType: row.unit_type,
      saleableArea: dec(row.saleable_area),
      listPrice: dec(row.list_price),
    }));
  }

  /**
   * Each unit's price in the latest list issued on or before its date that
   * prices it (a later batch that releases other units does not unprice it).
   * Lists issued the same day: the one posted last wins. One statement for
   * any number of (unit, date) pairs: the API's one sale, a chunk of an
   * import. Keyed by `listingKey(unitId, date)`; a pair no list prices is absent.
   */
  unitListPricesOn(pairs: ReadonlyArray<{ unitId: string; onOrBefore: string }>): Promise<Map<string, UnitListPrice>> {
    return this.run(this.unitListPricesRead(pairs));
  }

  unitListPricesRead(pairs: ReadonlyArray<{ unitId: string; onOrBefore: string }>): Read<Map<string, UnitListPrice>> {
    if (pairs.length === 0) return known(new Map());
    return query(
      `SELECT q.unit_id, q.on_date::text AS on_date, found.*
       FROM unnest($1::uuid[], $2::date[]) AS q (unit_id, on_date)
       CROSS JOIN LATERAL (
         SELECT list.id AS price_list_id, list.batch_no, list.issued_on::text AS issued_on, item.list_price,
                ARRAY(SELECT discount.code FROM price_list_discounts discount
                      WHERE discount.price_list_id = list.id ORDER BY discount.code)::text[] AS discount_codes
         FROM price_list_items item JOIN price_lists list ON list.id = item.price_list_id
         WHERE item.unit_id = q.unit_id AND list.issued_on <= q.on_date
         ORDER BY list.issued_on DESC, list.created_at DESC, list.id DESC
         LIMIT 1
       ) found`,
      [pairs.map((pair) => pair.unitId), pairs.map((pair) => pair.onOrBefore)],
      (rows: Array<UnitListPriceRow & { unit_id: string; on_date: string }>) => new Map(
        rows.map((row) => [
          listingKey(row.unit_id, row.on_date),
          { priceListId: row.price_list_id, batchNo: row.batch_no, issuedOn: row.issued_on, listPrice: dec(row.list_price), discountCodes: row.discount_codes },
        ]),
      ),
    );
  }

  /** Each list's batch number and the discounts it publishes. */
  batchesRead(priceListIds: string[]): Read<Map<string, { batchNo: string; discounts: PublishedDiscount[] }>> {
    if (priceListIds.length === 0) return known(new Map());
    // One statement, as the engine asks it for every sale it judges (the API's one included).
    return query(
      `SELECT list.id, list.batch_no, discount.code, discount.description, discount.percent, discount.stackable, discount.eligibility
       FROM price_lists list LEFT JOIN price_list_discounts discount ON discount.price_list_id = list.id
       WHERE list.id = ANY($1::uuid[])
       ORDER BY list.id, discount.code`,
      [priceListIds],
      toBatches,
    );
  }

  /** Every list of the project, in release order. */
  allOfProject(projectId: string): Promise<PriceListEntity[]> {
    return this.manager.find(PriceListEntity, { where: { projectId }, order: { issuedOn: 'ASC', createdAt: 'ASC', id: 'ASC' } });
  }
}

/** Each list's batch number and the discounts it publishes, from its rows (a list without discounts: one row, its code null). */
function toBatches(rows: Array<{ id: string; batch_no: string } & ({ code: null } | DiscountRow)>): Map<string, { batchNo: string; discounts: PublishedDiscount[] }> {
  const batches = new Map<string, { batchNo: string; discounts: PublishedDiscount[] }>();
  for (const row of rows) {
    const batch = batches.get(row.id) ?? { batchNo: row.batch_no, discounts: [] };
    batches.set(row.id, batch);
    if (row.code !== null) {
      const discount: PriceListDiscountEntity = {
        priceListId: row.id, code: row.code, description: row.description, percent: dec(row.percent), stackable: row.stackable, eligibility: row.eligibility,
      };
      batch.discounts.push(discount);
    }
  }
  return batches;
}
