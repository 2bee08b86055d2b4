import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { dec } from '../common/money';
import { InWrite, ManagedRepository, PG_UNIQUE_VIOLATION, pgErrorCode } from '../database/managed-repository';
import { query, Read } from '../database/read';
import { Payment, PaymentKind } from './payment';

interface PaymentRow {
  id: string;
  sale_id: string;
  amount: string;
  received_on: string;
  kind: PaymentKind;
  reference: string | null;
  reversal_of: string | null;
  reason: string | null;
  created_at: Date;
}

const PAYMENT_COLUMNS = 'id, sale_id, amount, received_on::text AS received_on, kind, reference, reversal_of, reason, created_at';

function toPayment(row: PaymentRow): Payment {
  return {
    id: row.id,
    saleId: row.sale_id,
    amount: dec(row.amount),
    receivedOn: row.received_on,
    kind: row.kind,
    reference: row.reference,
    reversalOf: row.reversal_of,
    reason: row.reason,
    createdAt: row.created_at,
  };
}

export type NewPayment = Omit<Payment, 'id'> & { createdBy: string };

@Injectable()
export class PaymentsRepository extends ManagedRepository {
  constructor(@InjectEntityManager() manager: EntityManager) {
    super(manager);
  }

  /** Appends an entry; a second reversal of one payment is refused by the database. */
  async append(this: InWrite<PaymentsRepository>, payment: NewPayment): Promise<Payment> {
    try {
      const [row] = await this.manager.query(
        `INSERT INTO payments (sale_id, amount, received_on, kind, reference, reversal_of, reason, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${PAYMENT_COLUMNS}`,
        [
          payment.saleId, payment.amount.toFixed(), payment.receivedOn, payment.kind, payment.reference,
          payment.reversalOf, payment.reason, payment.createdAt, payment.createdBy,
        ],
      );
      return toPayment(row);
    } catch (error) {
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION && payment.reversalOf) {
        throw new DomainError(ErrorCode.PAYMENT_ALREADY_REVERSED, `payment ${payment.reversalOf} has already been reversed`);
      }
      throw error;
    }
  }

  async findInSale(saleId: string, paymentId: string): Promise<Payment | null> {
    const [row] = await this.manager.query(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE id = $1 AND sale_id = $2`, [paymentId, saleId]);
    return row ? toPayment(row) : null;
  }

  async reversalOf(paymentId: string): Promise<Payment | null> {
    const [row] = await this.manager.query(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE reversal_of = $1`, [paymentId]);
    return row ? toPayment(row) : null;
  }

  /** Payments net of reversals. */
  async paidOn(saleId: string): Promise<Decimal> {
    const [{ paid }] = await this.manager.query('SELECT coalesce(sum(amount), 0) AS paid FROM payments WHERE sale_id = $1', [saleId]);
    return dec(paid);
  }

  /** The date of the sale's latest ledger entry (a payment or a reversal), null without any. */
  async lastReceivedOn(saleId: string): Promise<string | null> {
    const [{ last }] = await this.manager.query('SELECT max(received_on)::text AS last FROM payments WHERE sale_id = $1', [saleId]);
    return last;
  }

  /** Each sale's entries in the order they were received, then recorded. */
  entriesOf(saleIds: string[]): Promise<Map<string, Payment[]>> {
    return this.run(this.entriesRead(saleIds));
  }

  entriesRead(saleIds: string[]): Read<Map<string, Payment[]>> {
    return query(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE sale_id = ANY($1::uuid[]) ORDER BY received_on, seq`, [saleIds], (rows: PaymentRow[]) => {
      const entries = new Map<string, Payment[]>(saleIds.map((id) => [id, []]));
      for (const row of rows) entries.get(row.sale_id)!.push(toPayment(row));
      return entries;
    });
  }

  /** Many payments in one statement (imports). */
  async appendMany(this: InWrite<PaymentsRepository>, payments: NewPayment[]): Promise<string[]> {
    if (payments.length === 0) return [];
    const column = <K extends keyof NewPayment>(key: K) => payments.map((payment) => payment[key]);
    const rows: Array<{ id: string }> = await this.manager.query(
      `INSERT INTO payments (sale_id, amount, received_on, kind, reference, reversal_of, reason, created_at, created_by)
       SELECT * FROM unnest($1::uuid[], $2::numeric[], $3::date[], $4::varchar[], $5::varchar[], $6::uuid[], $7::varchar[],
                            $8::timestamptz[], $9::varchar[])
       RETURNING id`,
      [
        column('saleId'), payments.map((p) => p.amount.toFixed()), column('receivedOn'), column('kind'), column('reference'),
        column('reversalOf'), column('reason'), column('createdAt'), column('createdBy'),
      ],
    );
    return rows.map((row) => row.id);
  }
}
