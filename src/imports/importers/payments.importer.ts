import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { dec, formatMoney } from '../../common/money';
import { PaymentKind } from '../../payments/payment';
import { PaymentsRepository } from '../../payments/payments.repository';
import { EvaluationEngine } from '../../evaluation/evaluation-engine';
import { SalesRepository } from '../../sales/sales.repository';
import { CellProblem } from '../csv-columns';
import { Batcher, ImportContext, KindImporter, problem } from './importer';

interface PaymentRow {
  unitNo: string;
  receivedOn: string;
  amount: string;
  kind?: PaymentKind;
  reference?: string;
}

/**
 * Receipts: one payment a row, against the active sale of the unit; as over
 * the API, no payment may take a sale's paid amount over its net price
 * (counting the rows above it in the file).
 */
@Injectable()
export class PaymentsImporter {
  constructor(
    private readonly sales: SalesRepository,
    private readonly payments: PaymentsRepository,
    private readonly engine: EvaluationEngine,
  ) {}

  async start(ctx: ImportContext): Promise<KindImporter> {
    const { tx } = ctx;
    const active = await this.sales.within(tx).activeByUnitNo(ctx.project.id);
    const paid = new Map<string, Decimal>();
    const affected = new Set<string>();
    let created = 0;
    const batch = new Batcher<{ row: PaymentRow; line: number }>(async (rows) => {
      const at = tx.clock.now();
      const ids = await this.payments.within(tx).appendMany(
        rows.map(({ row }) => ({
          saleId: active.get(row.unitNo)!.saleId, amount: dec(row.amount), receivedOn: row.receivedOn, kind: row.kind ?? 'INSTALLMENT',
          reference: row.reference ?? null, reversalOf: null, reason: null, createdAt: at, createdBy: tx.actor.id,
        })),
      );
      const entries = ids.map((id, i) => {
        const { row, line } = rows[i];
        const saleId = active.get(row.unitNo)!.saleId;
        affected.add(saleId);
        return { line, paymentId: id, saleId, unitNo: row.unitNo, amount: row.amount, receivedOn: row.receivedOn };
      });
      tx.record('payments.imported', 'import', ctx.importId, { payments: entries });
      created += ids.length;
    });
    return {
      check: (values, line) => {
        const row = values as unknown as PaymentRow;
        const problems: CellProblem[] = [];
        const sale = active.get(row.unitNo);
        if (!sale) return [problem(line, 'unitNo', row.unitNo, 'has no active sale in this project')];
        if (row.receivedOn > ctx.today) problems.push(problem(line, 'receivedOn', row.receivedOn, 'is after today'));
        const paidBefore = paid.get(sale.saleId) ?? sale.paid;
        const outstanding = sale.netPrice.minus(paidBefore);
        if (dec(row.amount).gt(outstanding)) {
          problems.push(problem(line, 'amount', row.amount, `exceeds the outstanding ${formatMoney(outstanding)} of the sale of ${row.unitNo}`));
        } else {
          paid.set(sale.saleId, paidBefore.plus(row.amount));
        }
        return problems;
      },
      finishChecks: async () => [],
      write: (values, line) => batch.add({ row: values as unknown as PaymentRow, line }),
      finishWrite: async () => {
        await batch.drain();
        const flags = await this.engine.judgeLive(tx, [...affected]);
        return { paymentsCreated: created, salesPaid: affected.size, flagsRaised: flags.raised, flagsCleared: flags.cleared };
      },
    };
  }
}
