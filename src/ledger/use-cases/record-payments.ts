import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { DomainError, ErrorCode } from '../../common/errors/domain-error';
import { formatMoney } from '../../common/money';
import { AuditRecord } from '../../audit-log/audit-log.repository';
import { auditEntry, WriteTransaction, written, Written } from '../../database/write-runner';
import { EvaluationEngine } from '../../evaluation/evaluation-engine';
import { PaymentKind } from '../../payments/payment';
import { PaymentsRepository } from '../../payments/payments.repository';
import { RecordedPaymentView } from '../../payments/dto/payment.dto';
import { SaleStatus } from '../../sales/sale';
import { SalesRepository } from '../../sales/sales.repository';
import { toRecordedPaymentView } from '../sale-view';

/** A payment to record against a sale, from the API or a row of an import. */
export interface PaymentCommand {
  saleId: string;
  amount: Decimal;
  receivedOn: string;
  kind: PaymentKind;
  reference: string | null;
}

/** What the rules need to know of the sale a payment is for. */
export interface PayableSale {
  saleId: string;
  status: SaleStatus;
  netPrice: Decimal;
  /** Payments net of reversals, before the batch. */
  paid: Decimal;
}

/** Why a payment is refused: the API answers it as a domain error, an import as a row error. */
export type PaymentRefusal =
  | { reason: 'sale-cancelled'; saleId: string }
  | { reason: 'received-in-future'; receivedOn: string }
  | { reason: 'exceeds-outstanding'; amount: Decimal; outstanding: Decimal };

/**
 * The rules a payment must meet, for a batch in order: a sale that is not
 * cancelled, a date not after today, and never more than is outstanding —
 * counting the payments accepted before it in the same batch.
 */
export class PaymentChecks {
  private readonly paid = new Map<string, Decimal>();

  constructor(private readonly today: string) {}

  check(sale: PayableSale, command: PaymentCommand): PaymentRefusal[] {
    if (sale.status !== 'ACTIVE') return [{ reason: 'sale-cancelled', saleId: sale.saleId }];
    const refusals: PaymentRefusal[] = [];
    if (command.receivedOn > this.today) refusals.push({ reason: 'received-in-future', receivedOn: command.receivedOn });
    const paidBefore = this.paid.get(sale.saleId) ?? sale.paid;
    const outstanding = sale.netPrice.minus(paidBefore);
    if (command.amount.gt(outstanding)) refusals.push({ reason: 'exceeds-outstanding', amount: command.amount, outstanding });
    else this.paid.set(sale.saleId, paidBefore.plus(command.amount));
    return refusals;
  }
}

/** A refusal as the API answers it. */
export function paymentRefusalError(refusal: PaymentRefusal): DomainError {
  switch (refusal.reason) {
    case 'sale-cancelled':
      return DomainError.rule(`sale ${refusal.saleId} is cancelled; it takes no payments (record reversals to refund)`);
    case 'received-in-future':
      return DomainError.rule(`receivedOn ${refusal.receivedOn} is in the future`, [{ field: 'receivedOn', problem: 'is after today' }]);
    case 'exceeds-outstanding':
      return new DomainError(
        ErrorCode.PAYMENT_EXCEEDS_OUTSTANDING,
        `payment of ${formatMoney(refusal.amount)} exceeds the outstanding ${formatMoney(refusal.outstanding)}`,
        [{ field: 'amount', problem: `exceeds the outstanding ${formatMoney(refusal.outstanding)}` }],
      );
  }
}

/** Where an imported batch came from: its audit entry names the import and each payment's line. */
export interface ImportedFrom {
  importId: string;
  lines: Array<{ line: number; unitNo: string }>;
}

export type PaymentOutcome = { recorded: RecordedPaymentView } | { refused: PaymentRefusal[] };

/**
 * Recording payments: the one place their rules are checked, their entries
 * written with the audit log saying so, and their sales judged again. The API
 * records a batch of one; an import checks every row first (`checks`) and then
 * writes its batches (`writeChecked`), judging the sales once at the end.
 */
@Injectable()
export class RecordPayments {
  constructor(
    private readonly sales: SalesRepository,
    private readonly payments: PaymentsRepository,
    private readonly engine: EvaluationEngine,
  ) {}

  /** The rules for a batch whose dates may not lie after `today`. */
  checks(today: string): PaymentChecks {
    return new PaymentChecks(today);
  }

  /**
   * Records each payment the rules accept; payments of one sale queue on the
   * sale's lock. An unknown sale is a not-found error, as over the API.
   */
  async record(tx: WriteTransaction, commands: PaymentCommand[]): Promise<Written<PaymentOutcome[]>> {
    const checks = this.checks(tx.clock.today());
    const outcomes: PaymentOutcome[] = [];
    const entries: AuditRecord[] = [];
    const accepted: Array<{ command: PaymentCommand; netPrice: Decimal; index: number }> = [];
    for (const command of commands) {
      const sale = await this.sales.within(tx).lockById(command.saleId);
      const paid = await this.payments.within(tx).paidOn(command.saleId);
      const refused = checks.check({ saleId: sale.id, status: sale.status, netPrice: sale.netPrice, paid }, command);
      outcomes.push({ refused });
      if (refused.length === 0) accepted.push({ command, netPrice: sale.netPrice, index: outcomes.length - 1 });
    }
    for (const { command, netPrice, index } of accepted) {
      const payment = await this.payments.within(tx).append({
        ...command, reversalOf: null, reason: null, createdAt: tx.clock.now(), createdBy: tx.actor.id,
      });
      const view = toRecordedPaymentView(payment, await this.payments.within(tx).paidOn(command.saleId), netPrice);
      outcomes[index] = { recorded: view };
      entries.push(auditEntry('payment.recorded', 'sale', payment.saleId, view));
    }
    await this.judge(tx, accepted.map(({ command }) => command.saleId));
    return { value: outcomes, audit: entries };
  }

  /** Writes a batch of an import that `checks` accepted, in one statement, with one audit entry listing it. */
  async writeChecked(tx: WriteTransaction, commands: PaymentCommand[], from: ImportedFrom): Promise<Written<string[]>> {
    const at = tx.clock.now();
    const ids = await this.payments.within(tx).appendMany(
      commands.map((command) => ({ ...command, reversalOf: null, reason: null, createdAt: at, createdBy: tx.actor.id })),
    );
    return written(
      ids,
      auditEntry('payments.imported', 'import', from.importId, {
        payments: ids.map((id, i) => ({
          line: from.lines[i].line, paymentId: id, saleId: commands[i].saleId, unitNo: from.lines[i].unitNo,
          amount: formatMoney(commands[i].amount), receivedOn: commands[i].receivedOn,
        })),
      }),
    );
  }

  /** The evaluation engine judges the sales paid on again, at once. */
  judge(tx: WriteTransaction, saleIds: string[]) {
    return this.engine.judgeLive(tx, [...new Set(saleIds)]);
  }
}
