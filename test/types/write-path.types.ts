/**
 * The write path as the compiler holds it: `npm run typecheck` fails if any
 * line marked `@ts-expect-error` compiles, i.e. if a write could escape the
 * transaction or its audit entry. Never run; only type-checked.
 */
import { EntityManager } from 'typeorm';
import Decimal from 'decimal.js';
import { Actor } from '../../src/common/auth/role';
import { auditEntry, alreadyLogged, WriteRunner, written, Written } from '../../src/database/write-runner';
import { NewPayment, PaymentsRepository } from '../../src/payments/payments.repository';
import { SalesRepository } from '../../src/sales/sales.repository';

declare const writes: WriteRunner;
declare const actor: Actor;
declare const payments: PaymentsRepository;
declare const sales: SalesRepository;
declare const manager: EntityManager;
declare const payment: NewPayment;

export async function writePathTypes(): Promise<void> {
  // A write gives back its value with its audit entry…
  await writes.run(actor, async (tx) => written(await payments.within(tx).append(payment), auditEntry('payment.recorded', 'sale', 's', {})));

  // @ts-expect-error …and a write that returns only its value, without an audit entry, does not compile.
  await writes.run(actor, async (tx) => payments.within(tx).append(payment));

  // @ts-expect-error `written` takes at least one audit entry.
  written('value');

  // A long write logs its entries as it goes, and flushes them mid-transaction.
  await writes.run(actor, async (tx) => {
    const ids = tx.log(await payments.within(tx).appendMany([payment]).then((appended) => written(appended, auditEntry('payments.imported', 'import', 'i', {}))));
    await tx.flush();
    return alreadyLogged(ids);
  });

  // @ts-expect-error record() and appendRecorded() are gone: entries travel with the write's value.
  await writes.run(actor, async (tx) => tx.record('payment.recorded', 'sale', 's', {}));

  // @ts-expect-error A repository as injected cannot write: only its copy bound to a write transaction can.
  await payments.append(payment);

  // @ts-expect-error Nor a copy bound to some manager that is not a write transaction's.
  await sales.within({ manager }).cancel('sale', '2026-01-01', 'reason', new Decimal(0));

  // Reads need no transaction.
  await payments.paidOn('sale');
  const bound: Written<number> = written(1, auditEntry('a', 'b', 'c', null));
  void bound;
}
