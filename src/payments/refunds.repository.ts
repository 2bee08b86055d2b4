import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { dec } from '../common/money';
import { InWrite, ManagedRepository } from '../database/managed-repository';
import { NewRefund, Refund } from './refund';

interface RefundRow {
  id: string;
  sale_id: string;
  amount: string;
  paid_on: string;
  reference: string | null;
  created_at: Date;
}

const REFUND_COLUMNS = 'id, sale_id, amount, paid_on::text AS paid_on, reference, created_at';

function toRefund(row: RefundRow): Refund {
  return { id: row.id, saleId: row.sale_id, amount: dec(row.amount), paidOn: row.paid_on, reference: row.reference, createdAt: row.created_at };
}

/** Refunds to the buyers of cancelled sales: appended, never changed. */
@Injectable()
export class RefundsRepository extends ManagedRepository {
  constructor(@InjectEntityManager() manager: EntityManager) {
    super(manager);
  }

  async append(this: InWrite<RefundsRepository>, refund: NewRefund): Promise<Refund> {
    const [row] = await this.manager.query(
      `INSERT INTO refunds (sale_id, amount, paid_on, reference, created_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${REFUND_COLUMNS}`,
      [refund.saleId, refund.amount.toFixed(), refund.paidOn, refund.reference, refund.createdAt, refund.createdBy],
    );
    return toRefund(row);
  }

  /** What has been refunded on the sale so far. */
  async refundedOn(saleId: string): Promise<Decimal> {
    const [{ refunded }] = await this.manager.query('SELECT coalesce(sum(amount), 0) AS refunded FROM refunds WHERE sale_id = $1', [saleId]);
    return dec(refunded);
  }

  /** Each sale's refunds in the order they were paid, then recorded. */
  async refundsOf(saleIds: string[]): Promise<Map<string, Refund[]>> {
    const rows: RefundRow[] = await this.manager.query(
      `SELECT ${REFUND_COLUMNS} FROM refunds WHERE sale_id = ANY($1::uuid[]) ORDER BY paid_on, seq`,
      [saleIds],
    );
    const refunds = new Map<string, Refund[]>(saleIds.map((id) => [id, []]));
    for (const row of rows) refunds.get(row.sale_id)!.push(toRefund(row));
    return refunds;
  }
}
