import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import canonicalize from 'canonicalize';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import type { Response } from 'superagent';
import { LedgerFactory } from '../factories/ledger';
import { pdfText } from '../utils/pdf-text';
import { TestApp, createTestApp } from '../utils/test-app';

/** Collects a binary body (supertest only buffers text by default). */
const binaryParser = (res: Response, callback: (error: Error | null, body: unknown) => void): void => {
  // In Node, superagent hands the parser the raw message stream.
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('liquidation reports (e2e)', () => {
  let t: TestApp;
  let f: LedgerFactory;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-06-30T09:00:00.000Z' });
    f = await LedgerFactory.create(t);
  });
  afterAll(() => t.close());

  async function generate(projectId: string, asOf: string) {
    return f.report(projectId, asOf);
  }

  describe("the CEO's driver, years later", () => {
    let projectId: string;
    let report: Record<string, any>;
    let driverSaleId: string;

    beforeAll(async () => {
      t.clock.set('2026-01-05T09:00:00Z');
      projectId = (await f.project()).id;
      const units = await f.units(projectId, 4, { unitType: '3BR', saleableArea: '100.00', costPrice: '3000000.00' }, '2');
      for (const [i, date] of ['2026-01-10', '2026-01-20', '2026-02-01'].entries()) {
        t.clock.set(`${date}T09:00:00Z`);
        const sale = await f.sale({ unitId: units[i].id, contractDate: date, netPrice: '4000000.00' });
        await f.pay(sale.id, '4000000.00', date, 'BALANCE');
      }
      const ceo = await f.party({ name: '李伟', insiderRole: 'CEO' });
      const driver = await f.party({ name: '张三' });
      await f.relate(driver.id, ceo.id, 'PERSONAL_STAFF');
      t.clock.set('2026-02-10T09:00:00Z');
      driverSaleId = (await f.sale({ unitId: units[3].id, buyerPartyIds: [driver.id], contractDate: '2026-02-10', netPrice: '3000000.00' })).id;
      t.clock.set('2026-03-01T09:00:00Z');
      await f.as.clerk.post(`/api/sales/${driverSaleId}/handover`).send({ handedOverOn: '2026-03-01', occupied: true }).expect(200);
      t.clock.set('2026-06-30T09:00:00Z');
      report = await generate(projectId, '2026-06-30');
    });

    it('carries the driver’s receivable as related, occupied and explained by a note', () => {
      expect(report.summary).toMatchObject({
        unitsTotal: 4, unitsSold: 4, unitsUnsold: 0, contractValue: '15000000.00', cashReceived: '12000000.00',
        receivables: '3000000.00', relatedPartyReceivables: '3000000.00', marketShortfall: '1000000.00',
      });
      expect(report.receivables).toEqual([
        {
          saleId: driverSaleId, unitNo: '2-4', debtors: ['张三'], amount: '3000000.00', daysOutstanding: 140, agingBucket: '91-180',
          relatedParty: true, occupied: true, noteRefs: [1],
        },
      ]);
      expect(report.notes).toHaveLength(1);
      expect(report.notes[0].text).toContain('张三');
      expect(report.notes[0].text).toContain('personal staff of 李伟 (CEO)');
      expect(report.notes[0].text).toContain('occupies the unit');
      expect(report.summary.openFlags.byType).toMatchObject({ RELATED_PARTY_SALE: 1, UNPAID_POSSESSION: 1, MISSING_DEPOSIT: 1 });
    });

    it('is frozen: its hash is that of its canonical content, and later writes change nothing', async () => {
      const { id, sha256, generatedAt, generatedBy, previousReportId, lang, notes, ...content } = report;
      expect({ generatedBy: generatedBy.name, lang, previousReportId }).toEqual({ generatedBy: 'Wang Fang', lang: 'en', previousReportId: null });
      const { rows } = await t.db.sql.query('SELECT content FROM liquidation_reports WHERE id = $1', [id]);
      expect(createHash('sha256').update(canonicalize(rows[0].content)!).digest('hex')).toBe(sha256);
      expect(rows[0].content.notes.en).toEqual(notes);
      expect(content.asOf).toBe('2026-06-30');
      expect(generatedAt).toBe('2026-06-30T09:00:00.000Z');

      await f.pay(driverSaleId, '3000000.00', '2026-06-30', 'BALANCE');
      const again = (await t.admin.get(`/api/projects/${projectId}/liquidation-reports/${id}`).expect(200)).body;
      expect(again).toEqual(report);
      await expect(t.db.sql.query(`UPDATE liquidation_reports SET sha256 = repeat('0', 64) WHERE id = $1`, [id])).rejects.toThrow(/append-only/);
      await expect(t.db.sql.query('DELETE FROM liquidation_reports WHERE id = $1', [id])).rejects.toThrow(/append-only/);
    });

    it('restates the report of the same date after the balance is paid, saying what changed', async () => {
      const later = await generate(projectId, '2026-06-30');
      expect(later.previousReportId).toBeNull();
      expect(later.changesSincePrevious).toBeNull();
      expect(later.restatementOf).toBe(report.id);
      expect(later.restatement.totals).toEqual(
        expect.arrayContaining([
          { field: 'cashReceived', previous: '12000000.00', current: '15000000.00' },
          { field: 'receivables', previous: '3000000.00', current: '0.00' },
          { field: 'relatedPartyReceivables', previous: '3000000.00', current: '0.00' },
        ]),
      );
      const line = later.restatement.lines.find((l: { section: string; saleId: string }) => l.section === 'sales' && l.saleId === driverSaleId);
      expect(line.fields.map((field: { field: string }) => field.field)).toEqual(expect.arrayContaining(['flags', 'outstanding', 'paid']));
      expect(later.restatement.lines).toContainEqual(expect.objectContaining({ section: 'receivables', saleId: driverSaleId, change: 'REMOVED' }));
      expect(later.receivables).toEqual([]);
      // A related-party sale keeps its note even when paid.
      expect(later.notes.map((note: { saleId: string }) => note.saleId)).toEqual([driverSaleId]);
      const list = (await t.admin.get(`/api/projects/${projectId}/liquidation-reports`).expect(200)).body;
      expect(list.items.map((item: { id: string }) => item.id)).toEqual([later.id, report.id]);
    });

    it('reads in Chinese, and exports to CSV, XLSX and PDF', async () => {
      const url = `/api/projects/${projectId}/liquidation-reports/${report.id}`;
      const zh = (await t.admin.get(`${url}?lang=zh`).expect(200)).body;
      expect(zh.notes[0].text).toContain('张三');
      expect(zh.notes[0].text).toContain('人民币');
      expect(zh.sha256).toBe(report.sha256);

      const csv = await t.admin.get(`${url}?format=csv&table=receivables`).expect(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.text).toContain('3000000.00');
      expect(csv.text.split(/\r?\n/).filter((line) => line.trim()).length).toBe(2);
      const salesCsv = await t.admin.get(url).set('Accept', 'text/csv').expect(200);
      expect(salesCsv.text.split(/\r?\n/).filter((line) => line.trim()).length).toBe(5);

      const xlsx = await t.admin.get(`${url}?format=xlsx`).buffer(true).parse(binaryParser).expect(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.body);
      expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Summary', 'Sales', 'Receivables', 'Cancellations', 'Price lists', 'Notes', 'Subsequent events', 'Restatement']);
      // the header, four sales and the totals row
      expect(workbook.getWorksheet('Sales')!.actualRowCount).toBe(6);

      const pdf = await t.admin.get(`${url}?lang=zh`).set('Accept', 'application/pdf').buffer(true).parse(binaryParser).expect(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const { text } = await pdfText(pdf.body);
      expect(text).toContain('张三');
      expect(text).toContain('李伟');
    });
  });

  it('includes what happened by the as-of date only: sales signed, cancellations, payments', async () => {
    t.clock.set('2026-03-01T09:00:00Z');
    const projectId = (await f.project()).id;
    const units = await f.units(projectId, 4, {}, 'D');
    const cancelledBefore = await f.sale({ unitId: units[0].id, contractDate: '2026-01-10', netPrice: '100.00' });
    const cancelledAfter = await f.sale({ unitId: units[1].id, contractDate: '2026-01-10', netPrice: '200.00' });
    const signedAfter = await f.sale({ unitId: units[2].id, contractDate: '2026-02-20', netPrice: '400.00' });
    const kept = await f.sale({ unitId: units[3].id, contractDate: '2026-01-10', netPrice: '800.00' });
    await f.pay(kept.id, '10.00', '2026-01-31');
    await f.pay(kept.id, '20.00', '2026-02-01');
    await f.as.clerk.post(`/api/sales/${cancelledBefore.id}/cancellation`).send({ cancelledOn: '2026-01-31', reason: 'withdrawn' }).expect(200);
    await f.as.clerk.post(`/api/sales/${cancelledAfter.id}/cancellation`).send({ cancelledOn: '2026-02-01', reason: 'withdrawn' }).expect(200);
    const report = await generate(projectId, '2026-01-31');
    expect(report.sales.map((line: { saleId: string }) => line.saleId).sort()).toEqual([cancelledAfter.id, kept.id].sort());
    expect(report.sales.map((line: { saleId: string }) => line.saleId)).not.toContain(signedAfter.id);
    expect(report.summary).toMatchObject({ unitsTotal: 4, unitsSold: 2, contractValue: '1000.00', cashReceived: '10.00', receivables: '990.00' });
    // A day later the second sale is cancelled: the next report names it as removed, with the day.
    const next = await generate(projectId, '2026-02-01');
    expect(next.changesSincePrevious.salesRemoved).toEqual([{ saleId: cancelledAfter.id, unitNo: units[1].unitNo, cancelledOn: '2026-02-01' }]);
    expect(next.changesSincePrevious.salesAdded).toEqual([]);
    t.clock.set('2026-06-30T09:00:00Z');
  });

  it('reconciles to the cent on random portfolios recorded through the API', async () => {
    const dateOf = (day: number) => new Date(Date.UTC(2025, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
    const money = (cents: number) => (cents / 100).toFixed(2);
    const portfolio = fc.array(
      fc.record({
        net: fc.integer({ min: 100, max: 2_000_000_000 }),
        signed: fc.integer({ min: 0, max: 400 }),
        shares: fc.array(fc.record({ percent: fc.integer({ min: 1, max: 30 }), after: fc.integer({ min: 0, max: 90 }), reverse: fc.boolean() }), { maxLength: 3 }),
        cancelAfter: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
      }),
      { minLength: 1, maxLength: 8 },
    );
    await fc.assert(
      fc.asyncProperty(portfolio, fc.integer({ min: 0, max: 540 }), async (sales, asOfDay) => {
        const asOf = dateOf(asOfDay);
        const projectId = (await f.project()).id;
        let contract = 0;
        let received = 0;
        for (const [i, plan] of sales.entries()) {
          const unitId = (await f.unit(projectId, { unitNo: `R-${i}` })).id;
          const contractDate = dateOf(plan.signed);
          const sale = await f.sale({ unitId, contractDate, netPrice: money(plan.net) });
          let paid = 0;
          let lastEntry = plan.signed;
          for (const share of plan.shares) {
            const amount = Math.floor((plan.net * share.percent) / 100);
            if (amount === 0) continue;
            const receivedOn = dateOf(plan.signed + share.after);
            lastEntry = Math.max(lastEntry, plan.signed + share.after + (share.reverse ? 5 : 0));
            const payment = await f.pay(sale.id, money(amount), receivedOn, 'INSTALLMENT');
            if (receivedOn <= asOf) paid += amount;
            if (share.reverse) {
              const reversedOn = dateOf(plan.signed + share.after + 5);
              await f.as.finance.post(`/api/sales/${sale.id}/payments/${payment.id}/reversal`).send({ reversedOn, reason: 'bounced' }).expect(201);
              if (reversedOn <= asOf) paid -= amount;
            }
          }
          // Cancelled after the sale's latest entry: a cancelled sale takes no money after it ended.
          const cancelledOn = plan.cancelAfter === null ? null : dateOf(Math.min(lastEntry + plan.cancelAfter, 545)); // day 545: today, 2026-06-30
          if (cancelledOn) await f.as.clerk.post(`/api/sales/${sale.id}/cancellation`).send({ cancelledOn, reason: 'random' }).expect(200);
          if (contractDate <= asOf && (cancelledOn === null || cancelledOn > asOf)) {
            contract += plan.net;
            received += paid;
          }
        }
        const report = await generate(projectId, asOf);
        expect(report.summary.contractValue).toBe(money(contract));
        expect(report.summary.cashReceived).toBe(money(received));
        expect(report.summary.receivables).toBe(money(contract - received));
      }),
      { numRuns: 4, seed: 20261130 },
    );
  });

  it('is produced from the command line too, without the HTTP API', async () => {
    const project = await f.project();
    const unit = await f.unit(project.id, { unitNo: 'CLI-1' });
    await f.sale({ unitId: unit.id, contractDate: '2026-06-01', netPrice: '1234567.89' });
    const out = join(mkdtempSync(join(tmpdir(), 'ledger-report-')), 'report.xlsx');
    const run = spawnSync(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'scripts/report.ts', '--project', project.code, '--as-of', '2026-06-30', '--format', 'xlsx', '--out', out],
      { cwd: join(__dirname, '..', '..'), env: { PATH: process.env.PATH, DATABASE_URL: t.db.url }, encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`of ${project.code} as of 2026-06-30: receivables 1234567.89`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Summary', 'Sales', 'Receivables', 'Cancellations', 'Price lists', 'Notes', 'Subsequent events', 'Restatement']);
    const stored = await t.db.sql.query(`SELECT generated_by_id FROM liquidation_reports WHERE project_id = $1`, [project.id]);
    expect(stored.rows).toEqual([{ generated_by_id: 'cli' }]);
  });

  describe('input and roles', () => {
    let projectId: string;
    beforeAll(async () => {
      projectId = (await f.project()).id;
    });

    it.each([
      ['no asOf', {}, 400],
      ['an impossible date', { asOf: '2026-02-29' }, 400],
      ['a date in the future', { asOf: '2026-07-01' }, 422],
      ['an unknown field', { asOf: '2026-06-30', lang: 'zh' }, 400],
    ])('refuses %s, writing nothing', async (_, body, status) => {
      const before = await f.count('liquidation_reports');
      await f.as.auditor.post(`/api/projects/${projectId}/liquidation-reports`).send(body).expect(status);
      expect(await f.count('liquidation_reports')).toBe(before);
    });

    it('answers 404 for an unknown project or report, and 400 for an unknown format', async () => {
      const missing = '00000000-0000-4000-8000-000000000000';
      await f.as.auditor.post(`/api/projects/${missing}/liquidation-reports`).send({ asOf: '2026-06-30' }).expect(404);
      await t.admin.get(`/api/projects/${projectId}/liquidation-reports/${missing}`).expect(404);
      const report = await generate(projectId, '2026-06-30');
      await t.admin.get(`/api/projects/${projectId}/liquidation-reports/${report.id}?format=docx`).expect(400);
      await t.admin.get(`/api/projects/${projectId}/liquidation-reports/${report.id}?lang=fr`).expect(400);
    });

    it('is generated by auditors only', async () => {
      for (const agent of [f.as.clerk, f.as.finance, f.as.admin]) {
        await agent.post(`/api/projects/${projectId}/liquidation-reports`).send({ asOf: '2026-06-30' }).expect(403);
      }
    });
  });
});
