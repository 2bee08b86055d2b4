import ExcelJS from 'exceljs';
import type { Response } from 'superagent';
import { allCodes } from '../../src/liquidation-reports/renderers/report-codes';
import { LedgerFactory } from '../factories/ledger';
import { pdfText } from '../utils/pdf-text';
import { TestApp, createTestApp } from '../utils/test-app';

/** Collects a binary body (supertest only buffers text by default). */
const binaryParser = (res: Response, callback: (error: Error | null, body: unknown) => void): void => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
};

const ENGLISH_CODE = new RegExp(`\\b(${allCodes().filter((code) => /^[A-Z_]+$/.test(code)).join('|')})\\b`);

/** 3,000,000.00 as the PDF writes it. */
const grouped = (amount: string) => amount.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

describe('report files as people read them (e2e)', () => {
  let t: TestApp;
  let f: LedgerFactory;
  let url: string;
  let report: Record<string, any>;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-06-30T09:00:00.000Z' });
    f = await LedgerFactory.create(t);
    t.clock.set('2026-01-05T09:00:00Z');
    const projectId = (await f.project()).id;
    const units = await f.units(projectId, 4, { unitType: '3BR', saleableArea: '100.00', costPrice: '3000000.00' }, 'F');
    for (const [i, date] of ['2026-01-10', '2026-01-20', '2026-02-01'].entries()) {
      t.clock.set(`${date}T09:00:00Z`);
      const sale = await f.sale({ unitId: units[i].id, contractDate: date, netPrice: '4000000.00' });
      await f.pay(sale.id, i === 0 ? '1000000.00' : '4000000.00', date, 'BALANCE');
    }
    const ceo = await f.party({ name: '李伟', insiderRole: 'CEO' });
    const driver = await f.party({ name: '张三' });
    await f.relate(driver.id, ceo.id, 'PERSONAL_STAFF');
    t.clock.set('2026-02-10T09:00:00Z');
    await f.sale({ unitId: units[3].id, buyerPartyIds: [driver.id], contractDate: '2026-02-10', netPrice: '3000000.00' });
    t.clock.set('2026-06-30T09:00:00Z');
    report = await f.report(projectId, '2026-06-30');
    url = `/api/projects/${projectId}/liquidation-reports/${report.id}`;
  });
  afterAll(() => t.close());

  it('serves the JSON and the CSV with their codes (machine-read)', async () => {
    const json = (await t.admin.get(`${url}?format=json&lang=zh`).expect(200)).body;
    expect(json.summary).toEqual(report.summary);
    const csv = await t.admin.get(`${url}?format=csv&lang=zh`).expect(200);
    expect(csv.text).toContain('RELATED_PARTY_SALE/');
  });

  it.each(['en', 'zh'] as const)('serves a workbook of date cells, money under its currency and totals equal to the summary (%s)', async (lang) => {
    const xlsx = await t.admin.get(`${url}?format=xlsx&lang=${lang}`).buffer(true).parse(binaryParser).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body);
    const sales = workbook.worksheets[1];

    expect(sales.name).toBe(lang === 'zh' ? '销售明细' : 'Sales');
    expect(sales.getCell('F2').type).toBe(ExcelJS.ValueType.Date);
    expect(sales.getCell('J1').value).toBe(lang === 'zh' ? '成交价（元）' : 'net price (CNY)');
    expect(sales.getCell('J2').numFmt).toBe('#,##0.00');
    const totals = sales.getRow(2 + report.sales.length);
    const result = (column: string) => (totals.getCell(column).value as { formula: string; result: number });
    expect(result('J').formula).toBe(`SUM(J2:J${1 + report.sales.length})`);
    expect(result('J').result.toFixed(2)).toBe(report.summary.contractValue);
    expect(result('O').result.toFixed(2)).toBe(report.summary.cashReceived);
    expect(result('P').result.toFixed(2)).toBe(report.summary.receivables);
    expect(sales.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sales.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
    if (lang === 'zh') {
      workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => {
        if (cell.type !== ExcelJS.ValueType.Formula) expect(String(cell.value)).not.toMatch(ENGLISH_CODE);
      })));
    }
  });

  it('serves a Chinese PDF in Chinese words, with 元 and the receivables total', async () => {
    const pdf = await t.admin.get(`${url}?format=pdf&lang=zh`).buffer(true).parse(binaryParser).expect(200);
    const { text } = await pdfText(pdf.body);

    expect(text).toContain('元');
    expect(text).toContain('关联方交易');
    expect(text).toContain('张三');
    expect(text).not.toMatch(ENGLISH_CODE);
    expect(text).toMatch(new RegExp(`合计\\s+${grouped(report.summary.receivables).replace(/\./g, '\\.')}`));
  });
});
