import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { dec } from '../common/money';
import { ManagedRepository } from '../database/managed-repository';
import { ReportSaleInput } from './report-builder';

/** What the report says of one sale besides its own row: who bought it, its ledger and its handovers. */
export type SaleLedger = Pick<ReportSaleInput, 'buyers' | 'payments' | 'handovers' | 'refunds'>;

/**
 * The facts a liquidation report reads for every sale of a project, one
 * statement each: a large project has tens of thousands of ledger entries, so
 * only the columns the report shows are read (no audit columns, no timestamps
 * to parse), each sale's rows in their order.
 */
@Injectable()
export class ReportFactsRepository extends ManagedRepository {
  constructor(@InjectEntityManager() manager: EntityManager) {
    super(manager);
  }

  /**
   * Each sale's buyers (named, in order), ledger entries (in the order received, then recorded), handovers (by date, then
   * recorded) and refunds (by date, then recorded).
   */
  async ledgersOf(saleIds: string[]): Promise<Map<string, SaleLedger>> {
    const ledgers = new Map<string, SaleLedger>(saleIds.map((id) => [id, { buyers: [], payments: [], handovers: [], refunds: [] }]));
    const buyers: Array<{ sale_id: string; id: string; name: string; insider_role: string | null }> = await this.manager.query(
      `SELECT b.sale_id, p.id, p.name, p.insider_role FROM sale_buyers b JOIN parties p ON p.id = b.party_id
       WHERE b.sale_id = ANY($1::uuid[]) ORDER BY b.sale_id, b.position`,
      [saleIds],
    );
    for (const row of buyers) ledgers.get(row.sale_id)!.buyers.push({ id: row.id, name: row.name, insiderRole: row.insider_role });
    const entries: Array<{ sale_id: string; id: string; amount: string; received_on: string; kind: string; reversal_of: string | null }> =
      await this.manager.query(
        `SELECT e.sale_id, e.id, e.amount, e.received_on::text AS received_on, e.kind, e.reversal_of FROM payments e
         WHERE e.sale_id = ANY($1::uuid[]) ORDER BY e.sale_id, e.received_on, e.seq`,
        [saleIds],
      );
    for (const row of entries) {
      ledgers.get(row.sale_id)!.payments.push({ id: row.id, amount: dec(row.amount), receivedOn: row.received_on, kind: row.kind, reversalOf: row.reversal_of });
    }
    const handovers: Array<{ sale_id: string; handed_over_on: string; occupied: boolean }> = await this.manager.query(
      `SELECT h.sale_id, h.handed_over_on::text AS handed_over_on, h.occupied FROM handovers h
       WHERE h.sale_id = ANY($1::uuid[]) ORDER BY h.sale_id, h.handed_over_on, h.seq`,
      [saleIds],
    );
    for (const row of handovers) ledgers.get(row.sale_id)!.handovers.push({ handedOverOn: row.handed_over_on, occupied: row.occupied });
    const refunds: Array<{ sale_id: string; amount: string; paid_on: string }> = await this.manager.query(
      `SELECT r.sale_id, r.amount, r.paid_on::text AS paid_on FROM refunds r
       WHERE r.sale_id = ANY($1::uuid[]) ORDER BY r.sale_id, r.paid_on, r.seq`,
      [saleIds],
    );
    for (const row of refunds) ledgers.get(row.sale_id)!.refunds.push({ amount: dec(row.amount), paidOn: row.paid_on });
    return ledgers;
  }
}
