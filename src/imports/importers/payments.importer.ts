import { Injectable } from '@nestjs/common';
import { dec, formatMoney } from '../../common/money';
import { PaymentCommand, PaymentRefusal, RecordPayments } from '../../ledger/use-cases/record-payments';
import { PaymentKind } from '../../payments/payment';
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
 * Receipts: one payment a row, against the active sale of the unit, held to
 * the rules of a payment recorded over the API (the rows above it in the file
 * count towards what is paid).
 */
@Injectable()
export class PaymentsImporter {
  constructor(
    private readonly sales: SalesRepository,
    private readonly recordPayments: RecordPayments,
  ) {}

  async start(ctx: ImportContext): Promise<KindImporter> {
    const { tx } = ctx;
    const active = await this.sales.within(tx).activeByUnitNo(ctx.project.id);
    const checks = this.recordPayments.checks(ctx.today);
    const commandOf = (row: PaymentRow): PaymentCommand => ({
      saleId: active.get(row.unitNo)!.saleId, amount: dec(row.amount), receivedOn: row.receivedOn, kind: row.kind ?? 'INSTALLMENT',
      reference: row.reference ?? null,
    });
    const affected = new Set<string>();
    let created = 0;
    const batch = new Batcher<{ row: PaymentRow; line: number }>(async (rows) => {
      const commands = rows.map(({ row }) => commandOf(row));
      const lines = rows.map(({ row, line }) => ({ line, unitNo: row.unitNo }));
      const ids = tx.log(await this.recordPayments.writeChecked(tx, commands, { importId: ctx.importId, lines }));
      for (const command of commands) affected.add(command.saleId);
      created += ids.length;
    });
    return {
      check: (values, line) => {
        const row = values as unknown as PaymentRow;
        const sale = active.get(row.unitNo);
        if (!sale) return [problem(line, 'unitNo', row.unitNo, 'has no active sale in this project')];
        return checks.check({ ...sale, status: 'ACTIVE' }, commandOf(row)).map((refusal) => rowProblem(refusal, row, line));
      },
      finishChecks: async () => [],
      write: (values, line) => batch.add({ row: values as unknown as PaymentRow, line }),
      finishWrite: async () => {
        await batch.drain();
        const flags = await this.recordPayments.judge(tx, [...affected]);
        return { paymentsCreated: created, salesPaid: affected.size, flagsRaised: flags.raised, flagsCleared: flags.cleared };
      },
    };
  }
}

/** A refusal of the payment rules as the row error of an import. */
function rowProblem(refusal: PaymentRefusal, row: PaymentRow, line: number): CellProblem {
  switch (refusal.reason) {
    case 'sale-cancelled':
      return problem(line, 'unitNo', row.unitNo, 'has no active sale in this project');
    case 'received-in-future':
      return problem(line, 'receivedOn', row.receivedOn, 'is after today');
    case 'exceeds-outstanding':
      return problem(line, 'amount', row.amount, `exceeds the outstanding ${formatMoney(refusal.outstanding)} of the sale of ${row.unitNo}`);
  }
}
