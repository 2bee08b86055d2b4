import { ValueType, Workbook, Worksheet } from 'exceljs';
import { pdfText } from '../../../test/utils/pdf-text';
import { Lang, ReportNote, ReportPriceListLine, ReportSaleLine, ReportView } from '../report.types';
import { defuseFormula, renderCsv } from './csv.renderer';
import { renderPdf } from './pdf.renderer';
import { allCodes } from './report-codes';
import { formatTimestamp } from './report-time';
import { renderXlsx } from './xlsx.renderer';

const DRIVER_SALE_ID = '00000000-0000-4000-8000-000000000001';
const FOREIGN_SALE_ID = '00000000-0000-4000-8000-000000000002';
const PAID_SALE_ID = '00000000-0000-4000-8000-000000000003';

const NOTES: Record<Lang, ReportNote[]> = {
  en: [
    {
      number: 1,
      saleId: DRIVER_SALE_ID,
      text: 'Unit A-1801 was bought by 张三, the personal driver of 李伟 (CEO of the developer), for 3,000,000.00 CNY, 1,000,000.00 below its market price. Nothing has been paid; the unit was handed over on 2022-03-01 and is occupied.',
    },
    {
      number: 2,
      saleId: FOREIGN_SALE_ID,
      text: 'Unit B-0203: 2,000,000.00 CNY outstanding; the deposit was paid late.',
    },
  ],
  zh: [
    {
      number: 1,
      saleId: DRIVER_SALE_ID,
      text: 'A-1801 号房由张三购买，张三是开发商总经理李伟的私人司机，成交价 3,000,000.00 元，低于市场价 1,000,000.00 元。买方分文未付，该房已于 2022-03-01 交付并已入住。',
    },
    { number: 2, saleId: FOREIGN_SALE_ID, text: 'B-0203 号房尚欠 2,000,000.00 元，定金逾期支付。' },
  ],
};

function sale(overrides: Partial<ReportSaleLine> & Pick<ReportSaleLine, 'saleId' | 'unitNo'>): ReportSaleLine {
  return {
    unitType: '3BR',
    saleableArea: '120.00',
    buyers: [{ id: `${overrides.saleId}-buyer`, name: '王芳' }],
    referrer: null,
    contractDate: '2023-01-10',
    handedOverOn: null,
    occupied: false,
    listPrice: '1900000.00',
    netPrice: '1800000.00',
    marketPrice: '1850000.00',
    marketMethod: 'COMPARABLE_SALES',
    variance: { amount: '-50000.00', pct: '-2.70' },
    paid: '1800000.00',
    outstanding: '0.00',
    relatedParty: false,
    payments: [],
    flags: [],
    noteRefs: [],
    ...overrides,
  };
}

const DRIVER_SALE = sale({
  saleId: DRIVER_SALE_ID,
  unitNo: 'A-1801',
  saleableArea: '143.50',
  buyers: [{ id: 'p-zhang', name: '张三' }],
  contractDate: '2021-06-15',
  handedOverOn: '2022-03-01',
  occupied: true,
  listPrice: '4200000.00',
  netPrice: '3000000.00',
  marketPrice: '4000000.00',
  marketMethod: 'UNIT_APPRAISAL',
  variance: { amount: '-1000000.00', pct: '-25.00' },
  paid: '0.00',
  outstanding: '3000000.00',
  relatedParty: true,
  flags: [
    { id: 'f-1', type: 'RELATED_PARTY_SALE', severity: 'MEDIUM', status: 'OPEN' },
    { id: 'f-2', type: 'BELOW_MARKET', severity: 'HIGH', status: 'OPEN' },
    { id: 'f-3', type: 'UNPAID_POSSESSION', severity: 'HIGH', status: 'CONFIRMED' },
  ],
  noteRefs: [1],
});

const FOREIGN_SALE = sale({
  saleId: FOREIGN_SALE_ID,
  unitNo: 'B-0203',
  unitType: '2BR',
  saleableArea: '89.25',
  buyers: [
    { id: 'p-smith', name: 'Smith, "Jack" Jr' },
    { id: 'p-mary', name: 'Mary Smith' },
  ],
  referrer: { id: 'p-agent', name: 'Jane Doe' },
  contractDate: '2023-09-01',
  listPrice: null,
  netPrice: '2500000.00',
  marketPrice: null,
  marketMethod: null,
  variance: null,
  paid: '500000.00',
  outstanding: '2000000.00',
  flags: [{ id: 'f-4', type: 'MISSING_DEPOSIT', severity: 'MEDIUM', status: 'OPEN' }],
  noteRefs: [2],
});

const PAID_SALE = sale({ saleId: PAID_SALE_ID, unitNo: 'C-0101' });

/** The first batch of 3BR, and a second one priced 13.89% below it while the market rose 10%: flagged as of the date only (no register id). */
const PRICE_LISTS: ReportPriceListLine[] = [
  {
    priceListId: 'pl-1', batchNo: 'B1', issuedOn: '2023-03-01', unitType: '3BR', unitCount: 40,
    averageListPricePerSqm: '36000.00', averageNetPricePerSqm: '34200.00',
    comparedWith: null, gapPerSqm: null, gapPct: null, marketChange: null, flag: null,
  },
  {
    priceListId: 'pl-2', batchNo: 'B2', issuedOn: '2023-09-01', unitType: '3BR', unitCount: 24,
    averageListPricePerSqm: '31000.00', averageNetPricePerSqm: '29450.00',
    comparedWith: { priceListId: 'pl-1', batchNo: 'B1', issuedOn: '2023-03-01', averageNetPricePerSqm: '34200.00' },
    gapPerSqm: '4750.00', gapPct: '13.89',
    marketChange: { fromAsOf: '2023-02-15', fromPricePerSqm: '35000.00', toAsOf: '2023-08-20', toPricePerSqm: '38500.00', changePct: '10.00' },
    flag: { id: null, type: 'PRICE_BELOW_EARLIER_BATCH', severity: 'HIGH', status: 'OPEN' },
  },
];

/**
 * After the as-of date 2023-12-31: a review late on 1 January UTC (the 2nd in
 * Shanghai), C-0101 cancelled and refunded, a flag raised on batch B2, and an
 * instalment on B-0203 received and reversed. Given by kind, not by date.
 */
const SUBSEQUENT_EVENTS: ReportView['subsequentEvents'] = {
  payments: [
    { saleId: FOREIGN_SALE_ID, unitNo: 'B-0203', paymentId: 'pay-9', amount: '300000.00', receivedOn: '2024-01-05', kind: 'INSTALLMENT', reversalOf: null },
    { saleId: FOREIGN_SALE_ID, unitNo: 'B-0203', paymentId: 'pay-10', amount: '-300000.00', receivedOn: '2024-01-08', kind: 'INSTALLMENT', reversalOf: 'pay-9' },
  ],
  cancellations: [{ saleId: PAID_SALE_ID, unitNo: 'C-0101', cancelledOn: '2024-01-03' }],
  refunds: [{ saleId: PAID_SALE_ID, unitNo: 'C-0101', amount: '900000.00', paidOn: '2024-01-09' }],
  reviews: [
    { flagId: 'f-2', type: 'BELOW_MARKET', saleId: DRIVER_SALE_ID, unitNo: 'A-1801', priceListId: null, decision: 'CONFIRM', reviewerName: 'Chen Jing 陈静', at: '2024-01-01T23:30:00.000Z' },
  ],
  flagsRaised: [
    { flagId: 'f-9', type: 'PRICE_BELOW_EARLIER_BATCH', severity: 'MEDIUM', status: 'OPEN', saleId: null, unitNo: null, priceListId: 'pl-2', raisedAt: '2024-01-04T02:00:00.000Z' },
  ],
};

function reportView(lang: Lang, overrides: Partial<ReportView> = {}): ReportView {
  return {
    reportVersion: 1,
    id: '10000000-0000-4000-8000-000000000009',
    project: { id: 'project-1', code: 'SH-007', name: '滨江花园 Riverside Garden', currency: 'CNY', timeZone: 'Asia/Shanghai', city: '上海' },
    asOf: '2023-12-31',
    generatedAt: '2024-01-02T08:30:00.000Z',
    generatedBy: { id: 'user-1', name: 'Auditor Wu 吴审计' },
    sha256: 'a'.repeat(64),
    previousReportId: '10000000-0000-4000-8000-000000000008',
    lang,
    summary: {
      unitsTotal: 10,
      unitsSold: 3,
      unitsUnsold: 7,
      contractValue: '7300000.00',
      cashReceived: '2300000.00',
      receivables: '5000000.00',
      relatedPartyReceivables: '3000000.00',
      marketShortfall: '1050000.00',
      openFlags: {
        total: 3,
        byType: { RELATED_PARTY_SALE: 1, BELOW_MARKET: 1, MISSING_DEPOSIT: 1 },
        bySeverity: { HIGH: 1, MEDIUM: 2 },
      },
    },
    sales: [DRIVER_SALE, FOREIGN_SALE, PAID_SALE],
    cancellations: [],
    cancellationTotals: { paid: '0.00', forfeited: '0.00', refunded: '0.00', refundOwed: '0.00' },
    receivables: [
      {
        saleId: DRIVER_SALE_ID,
        unitNo: 'A-1801',
        debtors: ['张三'],
        amount: '3000000.00',
        daysOutstanding: 929,
        agingBucket: '>365',
        relatedParty: true,
        occupied: true,
        noteRefs: [1],
      },
      {
        saleId: FOREIGN_SALE_ID,
        unitNo: 'B-0203',
        debtors: ['Smith, "Jack" Jr', 'Mary Smith'],
        amount: '2000000.00',
        daysOutstanding: 121,
        agingBucket: '91-180',
        relatedParty: false,
        occupied: false,
        noteRefs: [2],
      },
    ],
    priceListFlags: [],
    priceLists: PRICE_LISTS,
    notes: NOTES[lang],
    subsequentEvents: SUBSEQUENT_EVENTS,
    restatementOf: null,
    restatement: null,
    changesSincePrevious: {
      previousReportId: '10000000-0000-4000-8000-000000000008',
      previousAsOf: '2023-06-30',
      salesAdded: [{ saleId: FOREIGN_SALE_ID, unitNo: 'B-0203' }],
      salesRemoved: [],
      payments: { added: 1, addedAmount: '500000.00', removed: 0, removedAmount: '0.00' },
      flagsRaised: [{ id: 'f-4', type: 'MISSING_DEPOSIT', severity: 'MEDIUM', status: 'OPEN', saleId: FOREIGN_SALE_ID }],
      flagsClosed: [
        {
          id: 'f-5',
          type: 'MISSING_DEPOSIT',
          severity: 'MEDIUM',
          status: 'CLEARED',
          previousStatus: 'OPEN',
          saleId: PAID_SALE_ID,
        },
      ],
      totals: {
        contractValue: { previous: '4800000.00', current: '7300000.00', change: '2500000.00' },
        cashReceived: { previous: '1800000.00', current: '2300000.00', change: '500000.00' },
        receivables: { previous: '3000000.00', current: '5000000.00', change: '2000000.00' },
        relatedPartyReceivables: { previous: '3000000.00', current: '3000000.00', change: '0.00' },
        marketShortfall: { previous: '1050000.00', current: '1050000.00', change: '0.00' },
      },
    },
    ...overrides,
  };
}

const RESTATED_ID = '10000000-0000-4000-8000-000000000007';

/** A restatement of the report of the same date: a late payment on B-0203, a flag on A-1801 known as of the date only, C-0101's receivable gone. */
const RESTATEMENT: Pick<ReportView, 'restatementOf' | 'restatement'> = {
  restatementOf: RESTATED_ID,
  restatement: {
    totals: [
      { field: 'cashReceived', previous: '2000000.00', current: '2300000.00' },
      {
        field: 'openFlags',
        previous: { total: 2, byType: { BELOW_MARKET: 1, MISSING_DEPOSIT: 1 }, bySeverity: { HIGH: 1, MEDIUM: 1 } },
        current: { total: 3, byType: { RELATED_PARTY_SALE: 1, BELOW_MARKET: 1, MISSING_DEPOSIT: 1 }, bySeverity: { HIGH: 1, MEDIUM: 2 } },
      },
      { field: 'cancellationTotals.refundOwed', previous: null, current: '0.00' },
    ],
    lines: [
      {
        section: 'sales', saleId: FOREIGN_SALE_ID, unitNo: 'B-0203', change: 'CHANGED',
        fields: [
          { field: 'paid', previous: '200000.00', current: '500000.00' },
          {
            field: 'payments',
            previous: [{ id: 'pay-1', amount: '200000.00', receivedOn: '2023-09-05', kind: 'DEPOSIT', reversalOf: null }],
            current: [
              { id: 'pay-1', amount: '200000.00', receivedOn: '2023-09-05', kind: 'DEPOSIT', reversalOf: null },
              { id: 'pay-2', amount: '300000.00', receivedOn: '2023-12-20', kind: 'INSTALLMENT', reversalOf: null },
            ],
          },
        ],
      },
      {
        section: 'sales', saleId: DRIVER_SALE_ID, unitNo: 'A-1801', change: 'CHANGED',
        fields: [
          {
            field: 'flags',
            previous: [{ id: 'f-2', type: 'BELOW_MARKET', severity: 'HIGH', status: 'OPEN' }],
            current: [
              { id: 'f-2', type: 'BELOW_MARKET', severity: 'HIGH', status: 'OPEN' },
              { id: null, type: 'RELATED_PARTY_SALE', severity: 'MEDIUM', status: 'OPEN' },
            ],
          },
          { field: 'relatedParty', previous: false, current: true },
        ],
      },
      { section: 'receivables', saleId: PAID_SALE_ID, unitNo: 'C-0101', change: 'REMOVED', fields: [] },
    ],
  },
};

function manySales(count: number): ReportSaleLine[] {
  return Array.from({ length: count }, (_, index) =>
    sale({ saleId: `sale-${index}`, unitNo: `T-${String(index + 1).padStart(4, '0')}` }),
  );
}

function csvLines(csv: string): string[] {
  expect(csv.endsWith('\r\n')).toBe(true);
  return csv.slice(0, -2).split('\r\n');
}

async function reopen(xlsx: Buffer): Promise<Workbook> {
  const workbook = new Workbook();
  await workbook.xlsx.load(xlsx as unknown as Parameters<Workbook['xlsx']['load']>[0]);
  return workbook;
}

const withoutSpaces = (text: string): string => text.replace(/\s+/g, '');

describe('CSV renderer', () => {
  it('writes a BOM, the English header row and one line per sale', () => {
    const csv = renderCsv(reportView('en'), 'sales');

    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, ...lines] = csvLines(csv.slice(1));
    expect(header).toBe(
      'unit,unit type,area,buyers,referrer,contract date,handed over on,occupied,list price,net price,market price,market method,variance,variance %,paid,outstanding,related party,flags,notes',
    );
    expect(lines).toHaveLength(3);
  });

  it("prints the driver's sale with the exact money strings", () => {
    const [, driverLine] = csvLines(renderCsv(reportView('en'), 'sales'));

    expect(driverLine).toBe(
      'A-1801,3BR,143.50,张三,,2021-06-15,2022-03-01,yes,4200000.00,3000000.00,4000000.00,UNIT_APPRAISAL,-1000000.00,-25.00,0.00,3000000.00,yes,RELATED_PARTY_SALE/MEDIUM/OPEN; BELOW_MARKET/HIGH/OPEN; UNPAID_POSSESSION/HIGH/CONFIRMED,1',
    );
  });

  it('quotes a name holding a comma and a quote, and leaves missing values empty', () => {
    const [, , foreignLine] = csvLines(renderCsv(reportView('en'), 'sales'));

    expect(foreignLine).toBe(
      'B-0203,2BR,89.25,"Smith, ""Jack"" Jr; Mary Smith",Jane Doe,2023-09-01,,no,,2500000.00,,,,,500000.00,2000000.00,no,MISSING_DEPOSIT/MEDIUM/OPEN,2',
    );
  });

  it('writes Chinese headers and yes/no for a zh report', () => {
    const [header, driverLine] = csvLines(renderCsv(reportView('zh'), 'sales').slice(1));

    expect(header).toBe(
      '房号,户型,面积,买方,介绍人,签约日期,交付日期,入住,表价,成交价,市场价,估价方法,差额,差额%,已付,未付,关联方,预警,附注',
    );
    expect(driverLine.split(',').slice(7, 8)).toEqual(['是']);
  });

  it('writes the cancelled sales with what was kept and what is owed back', () => {
    const [header, ...lines] = csvLines(renderCsv(withCancellation(reportView('zh')), 'cancellations').slice(1));

    expect(header).toBe('房号,买方,撤销日期,已付,没收金额,已退款,应退未退');
    expect(lines).toEqual(['D-0505,Zhou Xun,2023-10-15,200000.00,50000.00,100000.00,50000.00']);
  });

  it('writes each price list by unit type beside the earlier batch and the market, with its flag', () => {
    const csv = renderCsv(reportView('en'), 'price-lists');
    const [header, ...lines] = csvLines(csv.slice(1));

    expect(header).toBe(
      'batch,issued on,unit type,units,average list price per m²,average net price per m²,earlier batch,earlier batch issued on,earlier batch average net price per m²,gap per m²,gap %,market date at earlier batch,market per m² at earlier batch,market date at this batch,market per m² at this batch,market change %,flag',
    );
    expect(lines).toEqual([
      'B1,2023-03-01,3BR,40,36000.00,34200.00,,,,,,,,,,,',
      'B2,2023-09-01,3BR,24,31000.00,29450.00,B1,2023-03-01,34200.00,4750.00,13.89,2023-02-15,35000.00,2023-08-20,38500.00,10.00,PRICE_BELOW_EARLIER_BATCH/HIGH/OPEN',
    ]);
    expect(csv).not.toContain('null');
  });

  it('writes the price lists with Chinese headers, and only the header for a report frozen before they were kept', () => {
    const [header] = csvLines(renderCsv(reportView('zh'), 'price-lists').slice(1));
    expect(header.split(',').slice(0, 6)).toEqual(['批次', '发布日期', '户型', '套数', '平均表价/m²', '平均折后价/m²']);

    const { priceLists: _lines, ...older } = reportView('en');
    expect(csvLines(renderCsv(older as ReportView, 'price-lists').slice(1))).toHaveLength(1);
  });

  it('writes the events after the balance date in one list by date, timestamps in the project\'s zone', () => {
    const csv = renderCsv(reportView('en'), 'subsequent-events');
    const [header, ...lines] = csvLines(csv.slice(1));

    expect(header).toBe('date,event,unit or price list,amount,detail');
    expect(lines).toEqual([
      '2024-01-02 07:30 (Asia/Shanghai),review decision,A-1801,,BELOW_MARKET: CONFIRM by Chen Jing 陈静',
      '2024-01-03,sale cancelled,C-0101,,',
      '2024-01-04 10:00 (Asia/Shanghai),flag raised,price list B2,,PRICE_BELOW_EARLIER_BATCH/MEDIUM/OPEN',
      '2024-01-05,payment,B-0203,300000.00,INSTALLMENT',
      '2024-01-08,payment reversed,B-0203,-300000.00,"INSTALLMENT, reverses the payment of 2024-01-05"',
      '2024-01-09,refund paid,C-0101,900000.00,',
    ]);
  });

  it('writes the events after the balance date in Chinese, and only the header when there are none', () => {
    const [header, review] = csvLines(renderCsv(reportView('zh'), 'subsequent-events').slice(1));
    expect(header).toBe('日期,事项,房号或价目表,金额,说明');
    expect(review).toBe('2024-01-02 07:30 (Asia/Shanghai),复核决定,A-1801,,BELOW_MARKET：CONFIRM（复核人 Chen Jing 陈静）');

    const { subsequentEvents: _events, ...older } = reportView('en');
    expect(csvLines(renderCsv(older as ReportView, 'subsequent-events').slice(1))).toHaveLength(1);
  });

  it('names a price-list flag by its batch and unit type, and prints no "null" for a flag known as of the date only', () => {
    const report = reportView('en');
    const events = {
      ...SUBSEQUENT_EVENTS,
      reviews: [{ flagId: 'f-unknown', type: 'PRICE_BELOW_EARLIER_BATCH', saleId: null, unitNo: null, priceListId: 'pl-unknown', decision: 'COMMENT', reviewerName: 'Chen Jing', at: '2024-01-06T01:00:00.000Z' }],
      flagsRaised: [{ ...SUBSEQUENT_EVENTS.flagsRaised[0], flagId: 'f-11', priceListId: 'pl-1' }],
    };
    const flagged = { ...report.priceLists[1], flag: { ...report.priceLists[1].flag!, id: 'f-11' } };
    const csv = renderCsv({ ...report, subsequentEvents: events, priceLists: [report.priceLists[0], flagged] }, 'subsequent-events');

    expect(csv).toContain('flag raised,price list B2 3BR,,PRICE_BELOW_EARLIER_BATCH/MEDIUM');
    expect(csv).toContain('2024-01-06 09:00 (Asia/Shanghai),review decision,,,PRICE_BELOW_EARLIER_BATCH: COMMENT by Chen Jing');
    expect(csv).not.toContain('null');
  });

  it('writes the receivables with their aging', () => {
    const [header, ...lines] = csvLines(renderCsv(reportView('zh'), 'receivables').slice(1));

    expect(header).toBe('房号,债务人,金额,账龄天数,账龄区间,关联方,入住,附注');
    expect(lines).toEqual([
      'A-1801,张三,3000000.00,929,>365,是,是,1',
      'B-0203,"Smith, ""Jack"" Jr; Mary Smith",2000000.00,121,91-180,否,否,2',
    ]);
  });
});

/** The report with one sale cancelled by its as-of date. */
function withCancellation(report: ReportView): ReportView {
  return {
    ...report,
    cancellations: [
      {
        saleId: '10000000-0000-4000-8000-000000000077', unitNo: 'D-0505', buyers: ['Zhou Xun'], cancelledOn: '2023-10-15',
        paid: '200000.00', forfeited: '50000.00', refunded: '100000.00', refundOwed: '50000.00',
      },
    ],
    cancellationTotals: { paid: '200000.00', forfeited: '50000.00', refunded: '100000.00', refundOwed: '50000.00' },
  };
}

describe('XLSX renderer', () => {
  it('has exactly the eight sheets, named in English in an English report', async () => {
    const workbook = await reopen(await renderXlsx(reportView('en')));

    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Summary', 'Sales', 'Receivables', 'Cancellations', 'Price lists', 'Notes', 'Subsequent events', 'Restatement',
    ]);
  });

  it('says on the Restatement sheet which report a restatement restates, and every total and line that differs', async () => {
    const workbook = await reopen(await renderXlsx(reportView('en', RESTATEMENT)));
    const rows: unknown[][] = [];
    workbook.getWorksheet('Restatement')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));

    expect(rows).toEqual([
      [`This report restates report ${RESTATED_ID} of the same as-of date. What differs from it:`],
      ['Totals that differ'],
      ['figure', 'restated report', 'this report', 'change'],
      ['cash received', 2000000, 2300000, 300000],
      ['open flags', 2, 3, 1],
      ['open flags: flag type related-party sale', undefined, 1],
      ['open flags: severity medium', 1, 2, 1],
      ['Cancelled sales: refund owed', undefined, 0],
      ['Lines that differ'],
      ['Of a list that changed (payments, flags, buyers), only the entries that differ are shown on each side.'],
      ['section', 'unit', 'line', 'field', 'restated report', 'this report'],
      ['Sales', 'B-0203', 'changed', 'paid', 200000, 500000],
      ['Sales', 'B-0203', 'changed', 'payments', undefined, '2023-12-20 instalment 300000.00'],
      ['Sales', 'A-1801', 'changed', 'flags', undefined, 'related-party sale (medium, open)'],
      ['Sales', 'A-1801', 'changed', 'related party', 'no', 'yes'],
      ['Receivables', 'C-0101', 'removed'],
    ]);
    const summary: unknown[][] = [];
    workbook.getWorksheet('Summary')!.eachRow((row) => summary.push((row.values as unknown[]).slice(1)));
    expect(summary).toContainEqual(['restates report', RESTATED_ID]);
  });

  it('says on the Restatement sheet that a report restates none', async () => {
    const workbook = await reopen(await renderXlsx(reportView('zh')));
    const sheet = workbook.getWorksheet('重述')!;

    expect(sheet.getCell('A1').value).toBe('本报告未重述其他报告。');
    expect(sheet.rowCount).toBe(1);
  });

  it('lists the events after the balance date by date, money as numbers and timestamps in the project\'s zone', async () => {
    const workbook = await reopen(await renderXlsx(reportView('en')));
    const rows: unknown[][] = [];
    workbook.getWorksheet('Subsequent events')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));

    expect(rows).toEqual([
      ['date (Asia/Shanghai)', 'event', 'unit or price list', 'amount (CNY)', 'detail'],
      [new Date('2024-01-02T07:30:00Z'), 'review decision', 'A-1801', undefined, 'below market: confirmed by Chen Jing 陈静'],
      [new Date('2024-01-03T00:00:00Z'), 'sale cancelled', 'C-0101'],
      [new Date('2024-01-04T10:00:00Z'), 'flag raised', 'price list B2', undefined, 'priced below an earlier batch (medium, open)'],
      [new Date('2024-01-05T00:00:00Z'), 'payment', 'B-0203', 300000, 'instalment'],
      [new Date('2024-01-08T00:00:00Z'), 'payment reversed', 'B-0203', -300000, 'instalment, reverses the payment of 2024-01-05'],
      [new Date('2024-01-09T00:00:00Z'), 'refund paid', 'C-0101', 900000],
    ]);
    // The local time in Shanghai, shown as such: the zone is in the header.
    expect(workbook.getWorksheet('Subsequent events')!.getCell('A2').numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(workbook.getWorksheet('Subsequent events')!.getCell('D6').numFmt).toBe('#,##0.00');
  });

  it('lists the price lists with money per m² as numbers, the earlier batch, the market change and the flag', async () => {
    const workbook = await reopen(await renderXlsx(reportView('en')));
    const sheet = workbook.getWorksheet('Price lists')!;

    expect(sheet.getCell('A1').value).toBe('batch');
    const day = (date: string) => new Date(`${date}T00:00:00Z`);
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(['B1', day('2023-03-01'), '3BR', 40, 36000, 34200]);
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual([
      'B2', day('2023-09-01'), '3BR', 24, 31000, 29450, 'B1', day('2023-03-01'), 34200, 4750, 0.1389, day('2023-02-15'), 35000, day('2023-08-20'), 38500, 0.1,
      'priced below an earlier batch (high, open)',
    ]);
    expect(sheet.getCell('J3').numFmt).toBe('#,##0.00');
    expect(sheet.getCell('K3').numFmt).toBe('0.00%');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // The long headers wrap within their columns rather than run under the next one.
    expect(sheet.getRow(1).alignment).toMatchObject({ wrapText: true });
    expect(sheet.getRow(1).height).toBeGreaterThan(15);
  });

  it('lists the cancelled sales on their own sheet, and their totals in the summary', async () => {
    const workbook = await reopen(await renderXlsx(withCancellation(reportView('en'))));
    const sheet = workbook.getWorksheet('Cancellations')!;

    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      'unit', 'buyers', 'cancelled on', 'paid (CNY)', 'forfeited (CNY)', 'refunded (CNY)', 'refund owed (CNY)',
    ]);
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(['D-0505', 'Zhou Xun', new Date('2023-10-15T00:00:00Z'), 200000, 50000, 100000, 50000]);
    expect(sheet.getCell('G3').value).toEqual({ formula: 'SUM(G2:G2)', result: 50000 });
    const rows: unknown[][] = [];
    workbook.getWorksheet('Summary')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toContainEqual(['Cancelled sales']);
    expect(rows).toContainEqual(['refund owed (CNY)', 50000]);
  });

  it('keeps an empty Cancellations sheet and no totals for a report frozen before refunds were kept', async () => {
    const { cancellations: _lines, cancellationTotals: _totals, ...older } = reportView('en');
    const workbook = await reopen(await renderXlsx(older as ReportView));

    expect(workbook.getWorksheet('Cancellations')!.rowCount).toBe(1);
    const rows: unknown[][] = [];
    workbook.getWorksheet('Summary')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).not.toContainEqual(['Cancelled sales']);
  });

  it('holds a header row and one row per sale, headers translated, header frozen and filtered', async () => {
    const workbook = await reopen(await renderXlsx(reportView('zh')));
    const sales = workbook.getWorksheet('销售明细')!;

    expect(sales.rowCount).toBe(1 + 3 + 1); // header, sales, totals
    expect(sales.getCell('A1').value).toBe('房号');
    expect(sales.getCell('D3').value).toBe('Smith, "Jack" Jr; Mary Smith');
    expect(sales.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sales.autoFilter).toBeDefined();
    expect(workbook.getWorksheet('应收款')!.getCell('A4').value).toBe('合计');
  });

  it('writes money as numbers formatted #,##0.00 that equal the amounts', async () => {
    const workbook = await reopen(await renderXlsx(reportView('en')));
    const netPrice = workbook.getWorksheet('Sales')!.getCell('J2');

    expect(netPrice.value).toBe(3000000);
    expect((netPrice.value as number).toFixed(2)).toBe(DRIVER_SALE.netPrice);
    expect(netPrice.numFmt).toBe('#,##0.00');
    expect(workbook.getWorksheet('Receivables')!.getCell('C3').value).toBe(2000000);
  });

  it('writes an amount a double cannot hold to the cent as its exact text', async () => {
    const report = reportView('en');
    const huge = '12345678901234567.89';
    const workbook = await reopen(await renderXlsx({ ...report, summary: { ...report.summary, contractValue: huge } }));

    const values: unknown[] = [];
    workbook.getWorksheet('Summary')!.eachRow((row) => values.push(row.getCell(2).value));
    expect(values).toContain(huge);
  });

  it('summarises the report, its identity and how the totals moved', async () => {
    const workbook = await reopen(await renderXlsx(reportView('en')));
    const rows: unknown[][] = [];
    workbook.getWorksheet('Summary')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));

    expect(rows).toContainEqual(['sha256', 'a'.repeat(64)]);
    expect(rows).toContainEqual(['generated at', new Date('2024-01-02T16:30:00Z')]);
    expect(rows).toContainEqual(['contract value (CNY)', 7300000]);
    expect(rows).toContainEqual(['below market', 1]);
    expect(rows).toContainEqual(['receivables', 3000000, 5000000, 2000000]);
  });

  it('lists the notes with their unit and text', async () => {
    const workbook = await reopen(await renderXlsx(reportView('zh')));
    const notes = workbook.getWorksheet('附注')!;

    expect(notes.getRow(2).values).toEqual([undefined, 1, 'A-1801', NOTES.zh[0].text]);
    expect(notes.getCell('C2').alignment).toMatchObject({ wrapText: true });
  });
});

describe('PDF renderer', () => {

  it('prints Chinese names, the notes and grouped money in a Chinese report', async () => {
    const { text } = await pdfText(await renderPdf(reportView('zh')));

    expect(text).toContain('清算报告');
    expect(text).toContain('张三');
    expect(text).toContain('李伟');
    expect(text).toContain('7,300,000.00');
    expect(text).toContain('4,200,000.00');
    expect(withoutSpaces(text)).toContain(withoutSpaces(NOTES.zh[0].text));
  });

  it('prints an English report with the same Chinese font, its changes and page numbers', async () => {
    const { text, pages } = await pdfText(await renderPdf(reportView('en')));

    expect(text).toContain('Liquidation report');
    expect(withoutSpaces(text)).toContain(withoutSpaces('Smith, "Jack" Jr'));
    expect(withoutSpaces(text)).toContain(withoutSpaces(NOTES.en[0].text));
    expect(text).toContain('Changes since the previous report');
    expect(text).toContain('2024-01-02 16:30 (Asia/Shanghai)');
    expect(text).toContain(`page ${pages} of ${pages}`);
  });

  it('prints the cancelled sales and their totals', async () => {
    const { text } = await pdfText(await renderPdf(withCancellation(reportView('en'))));

    expect(text).toContain('Cancelled sales');
    expect(text).toContain('D-0505');
    expect(text).toContain('refund owed');
    expect(text).toContain('200,000.00');
  });

  it('prints the price lists: a batch below the earlier one while the market rose, and its flag', async () => {
    const { text } = await pdfText(await renderPdf(reportView('en')));

    expect(text).toContain('Price lists');
    expect(withoutSpaces(text)).toContain('B22023-09-013BR2431,000.0029,450.00B12023-03-0134,200.004,750.0013.89');
    expect(withoutSpaces(text)).toContain(withoutSpaces('2023-02-15 35,000.00 2023-08-20 38,500.00 10.00 priced below an earlier batch (high, open)'));
    expect(text).toContain('38,500.00');
    expect(text).not.toContain('null');
  });

  it('prints the price lists under a Chinese heading, and leaves them out of a report frozen before they were kept', async () => {
    const zh = (await pdfText(await renderPdf(reportView('zh')))).text;
    expect(zh).toContain('价目表');
    // Short Chinese headers stay on one line in their narrow columns, not one character a line.
    expect(zh).toContain(
      '房号 户型 面积 买方 介绍人 签约日期 交付日期 入住 表价（元） 成交价（元） 市场价（元） 估价方法 差额（元） 差额% 已付（元） 未付（元） 关联方 预警 附注',
    );
    expect(zh).toContain('批次 发布日期 户型 套数');

    const { priceLists: _lines, ...older } = reportView('en');
    expect((await pdfText(await renderPdf(older as ReportView))).text).not.toContain('Price lists');
  });

  it('prints the events after the balance date last, saying they are left out of the figures', async () => {
    const { text } = await pdfText(await renderPdf(reportView('en')));

    const section = text.slice(text.indexOf('Events after the balance date'));
    expect(text.indexOf('Events after the balance date')).toBeGreaterThan(text.indexOf(NOTES.en[1].text));
    expect(withoutSpaces(section)).toContain(withoutSpaces('Dated after the as-of date (2023-12-31)'));
    expect(section).toContain('2024-01-02 07:30 (Asia/Shanghai)');
    expect(withoutSpaces(section)).toContain(withoutSpaces('review decision A-1801 — below market: confirmed by Chen Jing 陈静'));
    expect(section).toContain('-300,000.00');
    expect(section).toContain('refund paid');
  });

  it('prints the events after the balance date in Chinese, "none" when there are none, nothing for a report frozen before they were kept', async () => {
    const zh = (await pdfText(await renderPdf(reportView('zh')))).text;
    expect(zh).toContain('资产负债表日后事项');
    expect(zh).toContain('收款冲销');

    const none = { payments: [], cancellations: [], refunds: [], reviews: [], flagsRaised: [] };
    const quiet = (await pdfText(await renderPdf(reportView('en', { subsequentEvents: none })))).text;
    expect(quiet.slice(quiet.indexOf('Events after the balance date'))).toContain('None recorded.');

    const { subsequentEvents: _events, ...older } = reportView('en');
    expect((await pdfText(await renderPdf(older as ReportView))).text).not.toContain('Events after the balance date');
  });

  it('says on its first page which report a restatement restates, and what differs from it', async () => {
    const pdf = await renderPdf(reportView('en', RESTATEMENT));
    const { text } = await pdfText(pdf);
    const firstPage = text.slice(0, text.indexOf('page 1 of'));

    expect(firstPage).toContain(`restates report ${RESTATED_ID}`);
    expect(withoutSpaces(firstPage)).toContain(withoutSpaces(`This report restates report ${RESTATED_ID} of the same as-of date.`));
    expect(firstPage).toContain('cash received 2,000,000.00 2,300,000.00 300,000.00');
    expect(firstPage).toContain('Sales B-0203 changed payments — 2023-12-20 instalment 300000.00');
    expect(firstPage).toContain('Receivables C-0101 removed');
    expect(firstPage.indexOf('Restatement')).toBeLessThan(firstPage.indexOf('Summary'));
  });

  it('prints no restatement block for a report that restates none', async () => {
    const { text } = await pdfText(await renderPdf(reportView('zh')));

    expect(text).not.toContain('重述');
  });

  it('runs the sales over more pages when there are many', async () => {
    const few = await pdfText(await renderPdf(reportView('en')));
    const many = await pdfText(await renderPdf(reportView('en', { sales: manySales(200) })));

    expect(many.pages).toBeGreaterThan(few.pages + 2);
    expect(many.text).toContain('T-0200');
  });
});

describe('a flag known as of the report\'s date only (no register id)', () => {
  /** Every flag of the report without its register id: each file reads as before. */
  function withoutFlagIds(report: ReportView): ReportView {
    const noId = <T extends { id: string | null }>(flag: T): T => ({ ...flag, id: null });
    const changes = report.changesSincePrevious!;
    return {
      ...report,
      sales: report.sales.map((line) => ({ ...line, flags: line.flags.map(noId) })),
      priceLists: report.priceLists.map((line) => ({ ...line, flag: line.flag === null ? null : noId(line.flag) })),
      changesSincePrevious: { ...changes, flagsRaised: changes.flagsRaised.map(noId), flagsClosed: changes.flagsClosed.map(noId) },
      ...RESTATEMENT,
    };
  }

  it('prints no "null" in any CSV table, sheet or PDF page', async () => {
    const report = withoutFlagIds(reportView('en'));

    for (const table of ['sales', 'receivables', 'cancellations', 'price-lists', 'subsequent-events'] as const) {
      expect(renderCsv(report, table)).not.toContain('null');
    }
    const workbook = await reopen(await renderXlsx(report));
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) => row.eachCell((cell) => expect(String(cell.value)).not.toContain('null'))),
    );
    const { text } = await pdfText(await renderPdf(report));
    expect(text).not.toContain('null');
    expect(withoutSpaces(text)).toContain(withoutSpaces('related-party sale (medium, open); below market (high, open)'));
  });
});

describe("timestamps in the project's zone", () => {
  it('shows an instant late on the 31st UTC as the 1st in Asia/Shanghai, naming the zone', () => {
    expect(formatTimestamp('2023-12-31T23:30:00.000Z', 'Asia/Shanghai')).toBe('2024-01-01 07:30 (Asia/Shanghai)');
    expect(formatTimestamp('2023-12-31T23:30:00.000Z', 'UTC')).toBe('2023-12-31 23:30 (UTC)');
  });

  it('writes midnight as 00:00, never 24:00', () => {
    expect(formatTimestamp('2024-02-29T16:00:00.000Z', 'Asia/Shanghai')).toBe('2024-03-01 00:00 (Asia/Shanghai)');
  });

  it('follows daylight saving time where the zone has it', () => {
    expect(formatTimestamp('2024-07-01T12:00:00.000Z', 'Europe/London')).toBe('2024-07-01 13:00 (Europe/London)');
    expect(formatTimestamp('2024-01-01T12:00:00.000Z', 'Europe/London')).toBe('2024-01-01 12:00 (Europe/London)');
  });
});

describe('CSV against spreadsheet formulas', () => {
  it('defuses text that a spreadsheet would run, and leaves amounts alone', () => {
    expect(defuseFormula('=HYPERLINK("http://x","y")')).toBe(`'=HYPERLINK("http://x","y")`);
    expect(defuseFormula('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(defuseFormula('张三')).toBe('张三');
    expect(defuseFormula(-5)).toBe(-5);
  });
});

/** C-0101 an arm's-length sale whose only flag was cleared (its deposit came late, then came). */
function withClearedFlag(report: ReportView): ReportView {
  return {
    ...report,
    sales: report.sales.map((line) =>
      line.saleId === PAID_SALE_ID ? { ...line, flags: [{ id: 'f-5', type: 'MISSING_DEPOSIT', severity: 'MEDIUM', status: 'CLEARED' }] } : line,
    ),
  };
}

/** Every code the report could print as it is, as whole words. */
const ENGLISH_CODE = new RegExp(`\\b(${allCodes().filter((code) => /^[A-Z_]+$/.test(code)).join('|')})\\b`);

function sheetRows(sheet: Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('XLSX for people', () => {
  it.each(['en', 'zh'] as const)('writes dates as dates, percentages as percent, money as numbers under the currency (%s)', async (lang) => {
    const workbook = await reopen(await renderXlsx(reportView(lang)));
    const [summary, sales] = workbook.worksheets;

    const contractDate = sales.getCell('F2');
    expect(contractDate.type).toBe(ValueType.Date);
    expect((contractDate.value as Date).toISOString()).toBe('2021-06-15T00:00:00.000Z');
    expect(contractDate.numFmt).toBe('yyyy-mm-dd');
    expect(sales.getCell('G3').value).toBeNull(); // not handed over

    const variancePct = sales.getCell('N2');
    expect(variancePct.value).toBe(-0.25);
    expect(variancePct.numFmt).toBe('0.00%');

    const netPrice = sales.getCell('J2');
    expect(netPrice.type).toBe(ValueType.Number);
    expect(netPrice.numFmt).toBe('#,##0.00');
    expect(sales.getCell('J1').value).toBe(lang === 'zh' ? '成交价（元）' : 'net price (CNY)');

    const dates = summary.getColumn(2).values.filter((value): value is Date => value instanceof Date);
    expect(dates[0].toISOString()).toBe('2023-12-31T00:00:00.000Z'); // as of
    const generatedAt = dates[1];
    // 08:30 UTC is 16:30 in Shanghai: the cell shows the project's wall clock.
    expect(generatedAt.toISOString()).toBe('2024-01-02T16:30:00.000Z');
  });

  it.each(['en', 'zh'] as const)('totals the sales and receivables with SUM formulas whose results are the summary (%s)', async (lang) => {
    const report = reportView(lang);
    const workbook = await reopen(await renderXlsx(report));
    const [, sales, receivables] = workbook.worksheets;

    const totals = sales.getRow(5);
    expect(totals.getCell(1).value).toBe(lang === 'zh' ? '合计' : 'total');
    const contractValue = totals.getCell('J').value as { formula: string; result: number };
    expect(contractValue.formula).toBe('SUM(J2:J4)');
    expect(contractValue.result.toFixed(2)).toBe(report.summary.contractValue);
    expect((totals.getCell('O').value as { result: number }).result.toFixed(2)).toBe(report.summary.cashReceived);
    expect((totals.getCell('P').value as { formula: string; result: number })).toEqual({ formula: 'SUM(P2:P4)', result: 5000000 });
    expect((totals.getCell('P').value as { result: number }).result.toFixed(2)).toBe(report.summary.receivables);

    const receivablesTotal = receivables.getCell('C4').value as { formula: string; result: number };
    expect(receivablesTotal.formula).toBe('SUM(C2:C3)');
    expect(receivablesTotal.result.toFixed(2)).toBe(report.summary.receivables);
    const subtotals = sheetRows(receivables).slice(3);
    expect(subtotals.map((row) => row[0])).toEqual(
      lang === 'zh' ? ['合计', '小计 91–180 天', '小计 365 天以上'] : ['total', 'subtotal 91–180 days', 'subtotal over 365 days'],
    );
  });

  it.each(['en', 'zh'] as const)('freezes, filters and prints every table sheet landscape, one page wide, the header on each page (%s)', async (lang) => {
    const workbook = await reopen(await renderXlsx(reportView(lang)));
    for (const sheet of workbook.worksheets.slice(1, 7)) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter).toBeDefined();
      expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
    }
    // Header and sales; the totals row under them stays out of the filter.
    expect(workbook.worksheets[1].autoFilter).toBe('A1:S4');
  });

  it('names its sheets and writes every code in Chinese for a zh report, and no number as text', async () => {
    const workbook = await reopen(await renderXlsx(withClearedFlag(reportView('zh', RESTATEMENT))));

    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['汇总', '销售明细', '应收款', '已撤销销售', '价目表', '附注', '资产负债表日后事项', '重述']);
    const sales = workbook.getWorksheet('销售明细')!;
    expect(sales.getCell('L2').value).toBe('单元评估');
    expect(sales.getCell('R2').value).toBe('关联方交易（中，未结）; 低于市场价（高，未结）; 未付清即交付（高，已确认）');
    expect(sales.getCell('R4').value).toBe('未按期支付定金（中，已解除）');
    expect(workbook.getWorksheet('应收款')!.getCell('E2').value).toBe('365 天以上');
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          const text = cell.type === ValueType.Formula ? '' : String(cell.value);
          expect(text).not.toMatch(ENGLISH_CODE);
          if (cell.type === ValueType.String && cell.address[0] !== 'A') expect(text).not.toMatch(/^-?[\d,]+(\.\d+)?$/);
        }),
      ),
    );
  });
});

describe('PDF for people', () => {
  it('prints the Chinese report in Chinese words: no code, 元 in the headers, totals and aging subtotals', async () => {
    const report = withClearedFlag(reportView('zh'));
    const pdf = await renderPdf(report);
    if (process.env.REPORT_SAMPLES) require('node:fs').writeFileSync(`${process.env.REPORT_SAMPLES}/report-zh.pdf`, pdf);
    const { text } = await pdfText(pdf);

    expect(text).not.toMatch(ENGLISH_CODE);
    expect(text).toContain('成交价（元）');
    expect(text).toContain('关联方交易（中，未结）');
    expect(text).toContain('单元评估');
    expect(text).toContain('365 天以上');
    expect(text).toContain('生成人 Auditor Wu 吴审计');
    // Receivables: one subtotal per aging bucket, and the total equal to the summary.
    expect(text).toContain('小计 91–180 天');
    expect(text).toContain('小计 365 天以上');
    expect(text).toMatch(/合计\s+5,000,000\.00/);
    // The sales' totals row: contract value, cash received, receivables.
    expect(withoutSpaces(text)).toContain('合计7,300,000.002,300,000.005,000,000.00');
  });

  it("shows a sale's open and decided flags on its line, a cleared flag only in the appendix at the end", async () => {
    const { text } = await pdfText(await renderPdf(withClearedFlag(reportView('en'))));

    const all = withoutSpaces(text);
    const sales = all.slice(all.indexOf('unitunittype'), all.indexOf('Pricelists'));
    expect(sales).toContain(withoutSpaces('related-party sale (medium, open); below market (high, open); handed over unpaid (high, confirmed)'));
    expect(sales).toContain(withoutSpaces('no deposit within the due period (medium, open)'));
    expect(sales.slice(sales.indexOf('C-0101'), sales.indexOf('total'))).not.toMatch(/deposit|cleared/);
    const appendix = text.slice(text.indexOf('Appendix: cleared flags'));
    expect(text.indexOf('Appendix: cleared flags')).toBeGreaterThan(text.indexOf('Events after the balance date'));
    expect(withoutSpaces(appendix)).toContain(withoutSpaces('C-0101 no deposit within the due period medium cleared'));
  });

  it('names the currency: HK$ for Hong Kong dollars, in both languages', async () => {
    const hk = (lang: Lang) => reportView(lang, { project: { ...reportView(lang).project, currency: 'HKD', timeZone: 'Asia/Hong_Kong' } });
    expect(withoutSpaces((await pdfText(await renderPdf(hk('en')))).text)).toContain('netprice(HK$)');
    expect(withoutSpaces((await pdfText(await renderPdf(hk('zh')))).text)).toContain('成交价（HK$）');
  });
});
