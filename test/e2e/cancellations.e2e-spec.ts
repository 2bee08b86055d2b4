import { DataSource } from 'typeorm';
import { CancellationRefunds1765443600000 } from '../../migrations/1765443600000-CancellationRefunds';
import { shiftDate } from '../../src/common/business-dates';
import { MIGRATIONS } from '../../src/database/migrations';
import { LedgerFactory } from '../factories/ledger';
import { TestApp, createTestApp } from '../utils/test-app';
import { createTestDatabase } from '../utils/test-database';

describe('cancellations: what the developer keeps and refunds owed (e2e)', () => {
  let t: TestApp;
  let f: LedgerFactory;
  let projectId: string;
  let unitNo = 0;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-06-30T09:00:00.000Z' });
    f = await LedgerFactory.create(t);
    projectId = (await f.project()).id;
  });
  afterAll(() => t.close());

  /** A sale of a fresh unit with a deposit paid. */
  async function paidSale(deposit: string, contractDate = '2026-03-01', netPrice = '2000000.00') {
    unitNo += 1;
    const unit = await f.unit(projectId, { unitNo: `CX-${unitNo}` });
    const sale = await f.sale({ unitId: unit.id, contractDate, netPrice });
    await f.pay(sale.id, deposit, shiftDate(contractDate, 1));
    return sale;
  }

  async function cancelledSale(deposit: string, forfeitedAmount: string, cancelledOn = '2026-04-01') {
    const sale = await paidSale(deposit);
    const cancelled = await f.as.clerk.post(`/api/sales/${sale.id}/cancellation`).send({ cancelledOn, reason: 'buyer withdrew', forfeitedAmount }).expect(200);
    return cancelled.body;
  }

  const refund = (saleId: string, body: Record<string, unknown>) => f.as.finance.post(`/api/sales/${saleId}/refunds`).send(body);
  const view = async (saleId: string) => (await t.admin.get(`/api/sales/${saleId}`).expect(200)).body;

  it('keeps the forfeited part of a deposit and owes back the rest, refund by refund, to the cent', async () => {
    const cancelled = await cancelledSale('200000.00', '50000.00');
    expect(cancelled).toMatchObject({
      status: 'CANCELLED', paid: '200000.00', forfeited: '50000.00', refunded: '0.00', refundOwed: '150000.00', refunds: [],
    });
    expect(await view(cancelled.id)).toEqual(cancelled);

    const first = await refund(cancelled.id, { amount: '100000.00', paidOn: '2026-04-10', reference: 'ICBC 0410' }).expect(201);
    expect(first.body).toMatchObject({
      saleId: cancelled.id, amount: '100000.00', paidOn: '2026-04-10', reference: 'ICBC 0410',
      paid: '200000.00', forfeited: '50000.00', refunded: '100000.00', refundOwed: '50000.00',
    });
    const second = await refund(cancelled.id, { amount: '50000.00', paidOn: '2026-04-20' }).expect(201);
    expect(second.body).toMatchObject({ refunded: '150000.00', refundOwed: '0.00', reference: null });

    const after = await view(cancelled.id);
    expect(after).toMatchObject({ forfeited: '50000.00', refunded: '150000.00', refundOwed: '0.00' });
    expect(after.refunds).toEqual([
      { id: first.body.id, amount: '100000.00', paidOn: '2026-04-10', reference: 'ICBC 0410' },
      { id: second.body.id, amount: '50000.00', paidOn: '2026-04-20', reference: null },
    ]);

    const refunds = await f.count('refunds');
    const log = await f.count('audit_log');
    const over = await refund(cancelled.id, { amount: '0.01', paidOn: '2026-04-21' }).expect(422);
    expect(over.body).toMatchObject({ error: 'REFUND_EXCEEDS_OWED', details: [{ field: 'amount', problem: 'exceeds the refund owed, 0.00' }] });
    expect(await f.count('refunds')).toBe(refunds);
    expect(await f.count('audit_log')).toBe(log);
  });

  it('records each refund in the audit log, in the same write', async () => {
    const cancelled = await cancelledSale('10000.00', '0.00');
    expect(cancelled).toMatchObject({ forfeited: '0.00', refundOwed: '10000.00' });
    const answer = await refund(cancelled.id, { amount: '4000.00', paidOn: '2026-04-02' }).expect(201);
    const log = await t.admin.get(`/api/audit-log?entityType=sale&entityId=${cancelled.id}`).expect(200);
    const entry = log.body.items.find((item: { action: string }) => item.action === 'sale.refunded');
    expect(entry).toMatchObject({ data: answer.body });
    const cancellation = log.body.items.find((item: { action: string }) => item.action === 'sale.cancelled');
    expect(cancellation).toMatchObject({ data: { forfeited: '0.00', paid: '10000.00', refundOwed: '10000.00' } });
  });

  it('forfeits nothing by default, and never more than was paid net of reversals', async () => {
    const sale = await paidSale('30000.00');
    const reversed = await f.pay(sale.id, '20000.00', '2026-03-03', 'INSTALLMENT');
    await f.as.finance.post(`/api/sales/${sale.id}/payments/${reversed.id}/reversal`).send({ reversedOn: '2026-03-04', reason: 'bounced' }).expect(201);
    const log = await f.count('audit_log');

    const over = await f.as.clerk.post(`/api/sales/${sale.id}/cancellation`)
      .send({ cancelledOn: '2026-04-01', reason: 'withdrew', forfeitedAmount: '30000.01' }).expect(422);
    expect(over.body).toMatchObject({ error: 'FORFEIT_EXCEEDS_PAID', details: [{ field: 'forfeitedAmount', problem: 'exceeds what was paid, 30000.00' }] });
    const number = await f.as.clerk.post(`/api/sales/${sale.id}/cancellation`)
      .send({ cancelledOn: '2026-04-01', reason: 'withdrew', forfeitedAmount: 100 }).expect(400);
    expect(number.body.details).toEqual([expect.objectContaining({ field: 'forfeitedAmount' })]);
    const negative = await f.as.clerk.post(`/api/sales/${sale.id}/cancellation`)
      .send({ cancelledOn: '2026-04-01', reason: 'withdrew', forfeitedAmount: '-1.00' }).expect(400);
    expect(negative.body.details).toEqual([expect.objectContaining({ field: 'forfeitedAmount' })]);
    const huge = await f.as.clerk.post(`/api/sales/${sale.id}/cancellation`)
      .send({ cancelledOn: '2026-04-01', reason: 'withdrew', forfeitedAmount: '1000000000000.00' }).expect(400);
    expect(huge.body.details).toEqual([expect.objectContaining({ field: 'forfeitedAmount' })]);
    expect(await view(sale.id)).toMatchObject({ status: 'ACTIVE', forfeited: '0.00', refundOwed: '0.00', refunds: [] });
    expect(await f.count('audit_log')).toBe(log);

    const all = await f.as.clerk.post(`/api/sales/${sale.id}/cancellation`)
      .send({ cancelledOn: '2026-04-01', reason: 'withdrew', forfeitedAmount: '30000.00' }).expect(200);
    expect(all.body).toMatchObject({ paid: '30000.00', forfeited: '30000.00', refundOwed: '0.00' });

    const plain = await paidSale('5000.00');
    const cancelled = await f.as.clerk.post(`/api/sales/${plain.id}/cancellation`).send({ cancelledOn: '2026-04-01', reason: 'withdrew' }).expect(200);
    expect(cancelled.body).toMatchObject({ forfeited: '0.00', refunded: '0.00', refundOwed: '5000.00' });
  });

  it('refuses a cancellation dated before a payment or reversal already received, writing nothing', async () => {
    const sale = await paidSale('30000.00');
    const later = await f.pay(sale.id, '20000.00', '2026-03-10', 'INSTALLMENT');
    const log = await f.count('audit_log');
    // Forfeiting the March instalment as of February would keep money received after the sale ended.
    const early = await f.as.clerk.post(`/api/sales/${sale.id}/cancellation`)
      .send({ cancelledOn: '2026-03-05', reason: 'dated back', forfeitedAmount: '50000.00' }).expect(422);
    expect(early.body.details).toEqual([{ field: 'cancelledOn', problem: 'is before the latest payment or reversal received, on' }]);
    expect(early.body.message).toContain('2026-03-10');
    await f.as.finance.post(`/api/sales/${sale.id}/payments/${later.id}/reversal`).send({ reversedOn: '2026-03-12', reason: 'bounced' }).expect(201);
    await f.as.clerk.post(`/api/sales/${sale.id}/cancellation`).send({ cancelledOn: '2026-03-11', reason: 'dated back' }).expect(422);
    expect(await view(sale.id)).toMatchObject({ status: 'ACTIVE' });
    expect(await f.count('audit_log')).toBe(log + 1);
    await f.as.clerk.post(`/api/sales/${sale.id}/cancellation`).send({ cancelledOn: '2026-03-12', reason: 'withdrew', forfeitedAmount: '30000.00' }).expect(200);
  });

  it('refunds only cancelled, known sales, by finance, dated from the cancellation to today', async () => {
    const active = await paidSale('10000.00');
    expect(active).toMatchObject({ forfeited: '0.00', refunded: '0.00', refundOwed: '0.00', refunds: [] });
    const notCancelled = await refund(active.id, { amount: '1.00', paidOn: '2026-04-02' }).expect(422);
    expect(notCancelled.body.error).toBe('BUSINESS_RULE_VIOLATED');

    const cancelled = await cancelledSale('10000.00', '1000.00', '2026-04-01');
    const before = await f.count('refunds');
    const clerk = await f.as.clerk.post(`/api/sales/${cancelled.id}/refunds`).send({ amount: '1.00', paidOn: '2026-04-02' }).expect(403);
    expect(clerk.body.error).toBe('FORBIDDEN');
    const unknown = await refund('00000000-0000-4000-8000-000000000000', { amount: '1.00', paidOn: '2026-04-02' }).expect(404);
    expect(unknown.body.error).toBe('NOT_FOUND');
    const early = await refund(cancelled.id, { amount: '1.00', paidOn: '2026-03-31' }).expect(422);
    expect(early.body.details).toEqual([{ field: 'paidOn', problem: 'is before the cancellation date' }]);
    const future = await refund(cancelled.id, { amount: '1.00', paidOn: '2026-07-01' }).expect(422);
    expect(future.body.details).toEqual([{ field: 'paidOn', problem: 'is after today' }]);
    const number = await refund(cancelled.id, { amount: 1, paidOn: '2026-04-02' }).expect(400);
    expect(number.body.details).toEqual([expect.objectContaining({ field: 'amount' })]);
    const zero = await refund(cancelled.id, { amount: '0.00', paidOn: '2026-04-02' }).expect(400);
    expect(zero.body.details).toEqual([expect.objectContaining({ field: 'amount' })]);
    expect(await f.count('refunds')).toBe(before);

    const onTheDay = await refund(cancelled.id, { amount: '9000.00', paidOn: '2026-04-01' }).expect(201);
    expect(onTheDay.body.refundOwed).toBe('0.00');
  });

  it('replays a refund with the same Idempotency-Key and body, and refuses the key with another body', async () => {
    const cancelled = await cancelledSale('50000.00', '0.00');
    const send = (body: Record<string, unknown>) => refund(cancelled.id, body).set('Idempotency-Key', `refund-${cancelled.id}`);
    const first = await send({ amount: '20000.00', paidOn: '2026-04-05' }).expect(201);
    const replay = await send({ amount: '20000.00', paidOn: '2026-04-05' }).expect(201);
    expect(replay.body).toEqual(first.body);
    const other = await send({ amount: '20000.00', paidOn: '2026-04-06' }).expect(409);
    expect(other.body.error).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await view(cancelled.id)).toMatchObject({ refunded: '20000.00', refundOwed: '30000.00' });
    expect((await view(cancelled.id)).refunds).toHaveLength(1);
  });

  it('never lets simultaneous refunds together exceed what is owed', async () => {
    const cancelled = await cancelledSale('150000.00', '50000.00');
    expect(cancelled.refundOwed).toBe('100000.00');
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, i) => refund(cancelled.id, { amount: '30000.00', paidOn: '2026-04-02', reference: `R-${i}` })),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 201, 201, 422, 422]);
    for (const answer of answers.filter((a) => a.status === 422)) {
      expect(answer.body.details).toEqual([{ field: 'amount', problem: 'exceeds the refund owed, 10000.00' }]);
    }
    expect(await view(cancelled.id)).toMatchObject({ refunded: '90000.00', refundOwed: '10000.00' });
  });

  it('refuses a reversal that would leave less paid than was forfeited and refunded', async () => {
    const sale = await paidSale('40000.00');
    const extra = await f.pay(sale.id, '10000.00', '2026-03-03', 'INSTALLMENT');
    await f.as.clerk.post(`/api/sales/${sale.id}/cancellation`).send({ cancelledOn: '2026-04-01', reason: 'withdrew', forfeitedAmount: '40000.00' }).expect(200);
    await refund(sale.id, { amount: '5000.00', paidOn: '2026-04-02' }).expect(201);
    const reversal = await f.as.finance.post(`/api/sales/${sale.id}/payments/${extra.id}/reversal`)
      .send({ reversedOn: '2026-04-03', reason: 'refunded instead' }).expect(422);
    expect(reversal.body.details).toEqual([{ field: 'paymentId', problem: 'its reversal would leave less paid than was forfeited and refunded' }]);
    expect(await view(sale.id)).toMatchObject({ paid: '50000.00', forfeited: '40000.00', refunded: '5000.00', refundOwed: '5000.00' });
  });

  it('lists a sale cancelled by the as-of date among the cancellations of the liquidation report, with refunds paid by then', async () => {
    const project = (await f.project()).id;
    const [unit, other] = await f.units(project, 2, {}, 'LQ');
    const buyer = await f.party({ name: 'Zhou Xun' });
    const sale = await f.sale({ unitId: unit.id, buyerPartyIds: [buyer.id], contractDate: '2026-02-01', netPrice: '2000000.00' });
    await f.pay(sale.id, '200000.00', '2026-02-02');
    const kept = await f.sale({ unitId: other.id, contractDate: '2026-02-01', netPrice: '1000000.00' });
    await f.pay(kept.id, '100000.00', '2026-02-02');
    await f.as.clerk.post(`/api/sales/${sale.id}/cancellation`).send({ cancelledOn: '2026-04-01', reason: 'withdrew', forfeitedAmount: '50000.00' }).expect(200);
    await refund(sale.id, { amount: '100000.00', paidOn: '2026-04-10' }).expect(201);
    await refund(sale.id, { amount: '30000.00', paidOn: '2026-06-01' }).expect(201);
    const report = (asOf: string) => f.report(project, asOf);

    const afterFirstRefund = await report('2026-05-31');
    expect(afterFirstRefund.cancellations).toEqual([
      {
        saleId: sale.id, unitNo: 'LQ-1', buyers: ['Zhou Xun'], cancelledOn: '2026-04-01',
        paid: '200000.00', forfeited: '50000.00', refunded: '100000.00', refundOwed: '50000.00',
      },
    ]);
    expect(afterFirstRefund.cancellationTotals).toEqual({ paid: '200000.00', forfeited: '50000.00', refunded: '100000.00', refundOwed: '50000.00' });
    expect(afterFirstRefund.sales.map((line: { saleId: string }) => line.saleId)).toEqual([kept.id]);
    expect(afterFirstRefund.summary).toMatchObject({ unitsSold: 1, contractValue: '1000000.00', cashReceived: '100000.00' });

    const later = await report('2026-06-30');
    expect(later.cancellations[0]).toMatchObject({ refunded: '130000.00', refundOwed: '20000.00' });
    expect(later.cancellationTotals).toMatchObject({ refunded: '130000.00', refundOwed: '20000.00' });
    const stored = await t.admin.get(`/api/projects/${project}/liquidation-reports/${later.id}`).expect(200);
    expect(stored.body.cancellations).toEqual(later.cancellations);
    const csv = await t.admin.get(`/api/projects/${project}/liquidation-reports/${later.id}?format=csv&table=cancellations`).expect(200);
    expect(csv.text.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean)).toEqual([
      'unit,buyers,cancelled on,paid,forfeited,refunded,refund owed',
      'LQ-1,Zhou Xun,2026-04-01,200000.00,50000.00,130000.00,20000.00',
    ]);

    const before = await report('2026-03-31');
    expect(before.cancellations).toEqual([]);
    expect(before.cancellationTotals).toEqual({ paid: '0.00', forfeited: '0.00', refunded: '0.00', refundOwed: '0.00' });
    expect(before.sales.map((line: { saleId: string }) => line.saleId).sort()).toEqual([sale.id, kept.id].sort());
  });

  it('documents the refund route and the new parts of the sale view', async () => {
    const { body: document } = await t.http().get('/api/docs-json').expect(200);
    const sale = document.components.schemas.SaleView;
    expect(sale.required).toEqual(expect.arrayContaining(['forfeited', 'refunded', 'refundOwed', 'refunds']));
    expect(sale.properties.refunds).toEqual(expect.objectContaining({ type: 'array', items: { $ref: '#/components/schemas/RefundView' } }));
    expect(Object.keys(document.components.schemas.RefundView.properties).sort()).toEqual(['amount', 'id', 'paidOn', 'reference']);
    expect(document.components.schemas.CancellationDto.properties.forfeitedAmount).toMatchObject({ type: 'string', default: '0.00' });
    expect(document.paths['/api/sales/{saleId}/refunds'].post.responses['201']).toBeDefined();
  });

  it('is refused by the database when a refund or a forfeit would be changed or removed', async () => {
    const cancelled = await cancelledSale('20000.00', '5000.00');
    const { body } = await refund(cancelled.id, { amount: '1000.00', paidOn: '2026-04-02' }).expect(201);
    await expect(t.db.sql.query(`UPDATE refunds SET amount = 2000 WHERE id = $1`, [body.id])).rejects.toThrow(/append-only/);
    await expect(t.db.sql.query('DELETE FROM refunds WHERE id = $1', [body.id])).rejects.toThrow(/append-only/);
    await expect(t.db.sql.query('TRUNCATE refunds')).rejects.toThrow(/append-only/);
    await expect(t.db.sql.query('UPDATE sales SET forfeited_amount = 0 WHERE id = $1', [cancelled.id])).rejects.toThrow(/cancellation is final/);
    await expect(
      t.db.sql.query(`INSERT INTO refunds (sale_id, amount, paid_on, created_at, created_by) VALUES ($1, 0, '2026-04-02', now(), 'x')`, [cancelled.id]),
    ).rejects.toThrow(/check constraint/);
    const active = await paidSale('1000.00');
    await expect(t.db.sql.query('UPDATE sales SET forfeited_amount = 1 WHERE id = $1', [active.id])).rejects.toThrow(/sales_forfeited_only_when_cancelled/);
    expect(await view(cancelled.id)).toMatchObject({ forfeited: '5000.00', refunded: '1000.00', refundOwed: '14000.00' });
  });
});

describe('the cancellation refunds migration (e2e)', () => {
  it('has a down() that undoes its migration: the refunds table, the forfeited column and the guard go, and come back', async () => {
    // Migrations after it are undone first, and redone after.
    const later = MIGRATIONS.slice(MIGRATIONS.indexOf(CancellationRefunds1765443600000) + 1).map((Migration) => new Migration());
    const db = await createTestDatabase();
    const dataSource = new DataSource({ type: 'postgres', url: db.url });
    await dataSource.initialize();
    const runner = dataSource.createQueryRunner();
    const shape = async () => ({
      refunds: (await db.sql.query(`SELECT to_regclass('refunds') IS NOT NULL AS present`)).rows[0].present,
      forfeited: (await db.sql.query(`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'sales' AND column_name = 'forfeited_amount'`)).rows[0].n,
      guard: (await db.sql.query(`SELECT prosrc LIKE '%forfeited_amount%' AS mentions FROM pg_proc WHERE proname = 'sales_guard'`)).rows[0].mentions,
    });
    try {
      expect(await shape()).toEqual({ refunds: true, forfeited: 1, guard: true });
      const migration = new CancellationRefunds1765443600000();
      for (const after of [...later].reverse()) await after.down(runner);
      await migration.down(runner);
      expect(await shape()).toEqual({ refunds: false, forfeited: 0, guard: false });
      await migration.up(runner);
      for (const after of later) await after.up(runner);
      expect(await shape()).toEqual({ refunds: true, forfeited: 1, guard: true });
    } finally {
      await runner.release();
      await dataSource.destroy();
      await db.drop();
    }
  });
});
