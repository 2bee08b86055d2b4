import ExcelJS from 'exceljs';
import type { Response } from 'superagent';
import { DataSource, QueryRunner } from 'typeorm';
import { dec, formatMoney } from '../../src/common/money';
import { MIGRATIONS } from '../../src/database/migrations';
import { WiderMarketPrices1765184400000 } from '../../migrations/1765184400000-WiderMarketPrices';
import { LedgerFactory } from '../factories/ledger';
import { pdfText } from '../utils/pdf-text';
import { TestApp, createTestApp, uploadCsv } from '../utils/test-app';
import { TestDatabase, createEmptyTestDatabase, createTestDatabase } from '../utils/test-database';

/** The largest value of each kind the ledger accepts, and one cent (or one hundredth) past it. */
const TOP = { amount: '999999999999.99', area: '99999.99', pricePerSqm: '99999999.99', percent: '100.00', discount: '99.99' };
const PAST = { amount: '1000000000000.00', area: '100000.00', pricePerSqm: '100000000.00', percent: '100.01', discount: '100.00' };
/** What the refusal says of the limit. */
const LIMIT_TEXT = {
  amount: 'greater than zero and at most 999999999999.99',
  area: 'greater than zero and at most 99999.99',
  pricePerSqm: 'greater than zero and at most 99999999.99',
  percent: 'from 0 to 100',
  discount: 'from 0 to less than 100',
};
type Kind = keyof typeof TOP;

const SETTINGS_PERCENTAGES = ['belowMarketPct', 'belowMarketHighPct', 'minDepositPct', 'comparableOutlierPct', 'batchMarketRiseHighPct'];

/** Collects a binary body (supertest only buffers text by default). */
const binaryParser = (res: Response, callback: (error: Error | null, body: unknown) => void): void => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
};

const TABLES = [
  'audit_log', 'projects', 'units', 'price_lists', 'price_list_items', 'price_list_discounts', 'market_prices', 'parties', 'sales', 'payments',
];

async function countsOf(db: TestDatabase, tables = TABLES): Promise<Record<string, number>> {
  const { rows } = await db.sql.query(`SELECT ${tables.map((table) => `(SELECT count(*)::int FROM ${table}) AS ${table}`).join(', ')}`);
  return rows[0];
}

async function columnPrecisions(db: TestDatabase): Promise<Record<string, string>> {
  const { rows } = await db.sql.query(
    `SELECT table_name || '.' || column_name AS column, numeric_precision || ',' || numeric_scale AS width
     FROM information_schema.columns WHERE table_schema = 'public' AND data_type = 'numeric' ORDER BY 1`,
  );
  return Object.fromEntries(rows.map((row: { column: string; width: string }) => [row.column, row.width]));
}

describe('input limits (e2e)', () => {
  let t: TestApp;
  let f: LedgerFactory;

  beforeAll(async () => {
    t = await createTestApp();
    f = await LedgerFactory.create(t);
  });
  afterAll(() => t.close());

  describe('every money, area, price per m² and percentage field of the API', () => {
    let projectId: string;
    let buyerId: string;
    let unitSeq = 0;
    let paySaleId: string;

    /** A unit of its own, not sold. */
    async function freshUnit(): Promise<string> {
      unitSeq += 1;
      return (await f.unit(projectId, { unitNo: `L-${unitSeq}`, saleableArea: '80.00' })).id;
    }

    beforeAll(async () => {
      projectId = (await f.project()).id;
      buyerId = (await f.party({ name: 'Limit Buyer' })).id;
      await f.unit(projectId, { unitNo: 'PRICED', saleableArea: '80.00' });
      paySaleId = (await f.sale({ unitId: await freshUnit(), buyerPartyIds: [buyerId], contractDate: '2026-03-01', netPrice: TOP.amount })).id;
    });

    interface LimitCase {
      kind: Kind;
      /** The field as the error names it. */
      field: string;
      /** Sends the request with the value; `prepare` runs first, outside the counts. */
      prepare?: () => Promise<unknown>;
      send: (value: string, prepared: unknown) => Promise<{ status: number; body: any }>;
      /** What the accepted answer shows of the value: the value itself, unless `expected` says otherwise. */
      shows: (body: any) => unknown;
      expected?: unknown;
    }

    let batch = 0;
    const nextBatch = () => `B-${(batch += 1)}`;
    const cases: Record<string, LimitCase> = {
      'units saleableArea': {
        kind: 'area', field: 'saleableArea',
        send: (value) => f.as.admin.post(`/api/projects/${projectId}/units`).send({ unitNo: `A-${value}`, unitType: '3BR', saleableArea: value }),
        shows: (body) => body.saleableArea,
      },
      'units costPrice': {
        kind: 'amount', field: 'costPrice',
        send: (value) =>
          f.as.admin.post(`/api/projects/${projectId}/units`).send({ unitNo: `C-${value}`, unitType: '3BR', saleableArea: '80.00', costPrice: value }),
        shows: (body) => body.costPrice,
      },
      'price-list items listPrice': {
        kind: 'amount', field: 'items[0].listPrice',
        send: (value) =>
          f.as.admin.post(`/api/projects/${projectId}/price-lists`).send({ batchNo: nextBatch(), issuedOn: '2026-01-01', discounts: [], items: [{ unitNo: 'PRICED', listPrice: value }] }),
        shows: (body) => body.items[0].listPrice,
      },
      'price-list discounts percent': {
        kind: 'discount', field: 'discounts[0].percent',
        send: (value) =>
          f.as.admin.post(`/api/projects/${projectId}/price-lists`).send({
            batchNo: nextBatch(), issuedOn: '2026-01-01', discounts: [{ code: 'D', description: 'almost everything off', percent: value }],
            items: [{ unitNo: 'PRICED', listPrice: '1000000.00' }],
          }),
        shows: (body) => body.discounts[0].percent,
      },
      'market-prices pricePerSqm': {
        kind: 'pricePerSqm', field: 'pricePerSqm',
        send: (value) => f.as.auditor.post(`/api/projects/${projectId}/market-prices`).send({ asOf: '2026-01-01', pricePerSqm: value, source: 'MANUAL' }),
        shows: (body) => body.pricePerSqm,
      },
      'sales netPrice': {
        kind: 'amount', field: 'netPrice', prepare: freshUnit,
        send: (value, unitId) => f.as.clerk.post('/api/sales').send({ unitId, buyerPartyIds: [buyerId], contractDate: '2026-03-01', netPrice: value }),
        shows: (body) => body.netPrice,
      },
      'sales listPrice': {
        kind: 'amount', field: 'listPrice', prepare: freshUnit,
        send: (value, unitId) =>
          f.as.clerk.post('/api/sales').send({ unitId, buyerPartyIds: [buyerId], contractDate: '2026-03-01', netPrice: '1000000.00', listPrice: value }),
        shows: (body) => body.listPrice,
      },
      'payments amount': {
        kind: 'amount', field: 'amount',
        send: (value) => f.as.finance.post(`/api/sales/${paySaleId}/payments`).send({ amount: value, receivedOn: '2026-03-02', kind: 'BALANCE' }),
        shows: (body) => [body.amount, body.paid, body.outstanding],
        expected: [TOP.amount, TOP.amount, '0.00'],
      },
      ...Object.fromEntries(
        SETTINGS_PERCENTAGES.map((setting): [string, LimitCase] => [
          `projects settings.${setting}`,
          {
            kind: 'percent', field: `settings.${setting}`,
            // belowMarketHighPct may never be under belowMarketPct: raising the one takes the other along.
            send: (value) =>
              f.as.admin.post('/api/projects').send({
                code: `S-${setting}-${value}`, name: 'Limits', currency: 'CNY',
                settings: setting === 'belowMarketPct' ? { belowMarketPct: value, belowMarketHighPct: '100.00' } : { [setting]: value },
              }),
            shows: (body) => body.settings[setting],
          },
        ]),
      ),
    };

    it.each(Object.keys(cases))('refuses one cent past the largest %s with a 400 naming the field and its limit, writing nothing', async (name) => {
      const limitCase = cases[name];
      const prepared = await limitCase.prepare?.();
      const before = await countsOf(t.db);
      const response = await limitCase.send(PAST[limitCase.kind], prepared);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'VALIDATION_FAILED' });
      expect(response.body.details).toEqual([{ field: limitCase.field, problem: expect.stringContaining(LIMIT_TEXT[limitCase.kind]) }]);
      expect(response.body.message).toContain(`${limitCase.field}: must be`);
      expect(response.body.message).toContain(LIMIT_TEXT[limitCase.kind]);
      expect(await countsOf(t.db)).toEqual(before);
    });

    it.each(Object.keys(cases))('accepts the largest %s', async (name) => {
      const limitCase = cases[name];
      const prepared = await limitCase.prepare?.();
      const response = await limitCase.send(TOP[limitCase.kind], prepared);
      expect(response.status).toBe(201);
      expect(limitCase.shows(response.body)).toEqual(limitCase.expected ?? TOP[limitCase.kind]);
    });

    it('accepts every percentage setting at 100 together', async () => {
      const settings = Object.fromEntries(SETTINGS_PERCENTAGES.map((setting) => [setting, '100.00']));
      const response = await f.as.admin.post('/api/projects').send({ code: 'ALL-100', name: 'All at 100', currency: 'CNY', settings }).expect(201);
      expect(response.body.settings).toMatchObject(settings);
    });
  });

  describe('currencies that exist', () => {
    it.each([
      ['RMB', 'RMB is not an ISO 4217 code; the renminbi is CNY'],
      ['ZZZ', 'ZZZ is not an ISO 4217 currency code in use, such as CNY, HKD or USD'],
    ])('refuses %s with a 400 naming currency, writing nothing', async (currency, problem) => {
      const before = await countsOf(t.db);
      const response = await t.admin.post('/api/projects').send({ code: `CUR-${currency}`, name: 'Currency', currency }).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'VALIDATION_FAILED', message: `currency: ${problem}` });
      expect(response.body.details).toEqual([{ field: 'currency', problem }]);
      expect(await countsOf(t.db)).toEqual(before);
    });

    it.each(['CNY', 'HKD', 'USD'])('accepts %s', async (currency) => {
      const response = await t.admin.post('/api/projects').send({ code: `CUR-${currency}`, name: 'Currency', currency }).expect(201);
      expect(response.body.currency).toBe(currency);
      expect((await t.admin.get(`/api/projects/${response.body.id}`).expect(200)).body.currency).toBe(currency);
    });
  });

  describe('the same limits in CSV imports', () => {
    let projectId: string;
    const upload = (agent: LedgerFactory['as']['admin'], kind: string, lines: string[]) => uploadCsv(agent, projectId, kind, lines.join('\n'));

    /** A refused import is itself logged; the ledger's tables are what must not change. */
    const LEDGER_TABLES = TABLES.filter((table) => table !== 'audit_log');

    /** The file is refused with exactly these problems, and nothing is written; then the file of its good rows is imported. */
    async function refusedThenAccepted(
      agent: LedgerFactory['as']['admin'], kind: string, header: string, rows: string[],
      problems: Array<{ line: number; column: string; value: string; says: string }>, good: string[],
    ) {
      const before = await countsOf(t.db, LEDGER_TABLES);
      const refused = await upload(agent, kind, [header, ...rows]).expect(422);
      expect(refused.body).toMatchObject({ state: 'REJECTED', errorCount: problems.length });
      expect(refused.body.errors).toEqual(
        problems.map(({ line, column, value, says }) => ({ line, column, value, reason: expect.stringContaining(says) })),
      );
      expect(await countsOf(t.db, LEDGER_TABLES)).toEqual(before);
      const accepted = await upload(agent, kind, [header, ...good]).expect(201);
      expect(accepted.body.state).toBe('SUCCEEDED');
    }

    beforeAll(async () => {
      projectId = (await f.project()).id;
    });

    it('units: an area or a cost past the limit is a problem of its line and column; the largest are imported', async () => {
      await refusedThenAccepted(
        f.as.admin, 'units', 'unitNo,unitType,saleableArea,costPrice',
        [`T-1,3BR,${TOP.area},${TOP.amount}`, `T-2,3BR,${PAST.area},1.00`, `T-3,3BR,1.00,${PAST.amount}`],
        [
          { line: 3, column: 'saleableArea', value: PAST.area, says: `must be an area in square metres ${LIMIT_TEXT.area}` },
          { line: 4, column: 'costPrice', value: PAST.amount, says: `must be an amount ${LIMIT_TEXT.amount}` },
        ],
        [`T-1,3BR,${TOP.area},${TOP.amount}`, `T-2,3BR,${TOP.area},${TOP.amount}`, `T-3,3BR,${TOP.area},${TOP.amount}`],
      );
      const units = (await t.admin.get(`/api/projects/${projectId}/units`).expect(200)).body.items;
      expect(units.map((unit: { saleableArea: string; costPrice: string }) => [unit.saleableArea, unit.costPrice])).toEqual(
        Array(3).fill([TOP.area, TOP.amount]),
      );
    });

    it('price lists: a list price or a discount past the limit is a problem of its line and column; the largest are imported', async () => {
      await refusedThenAccepted(
        f.as.admin, 'price-list', 'batchNo,issuedOn,unitNo,listPrice,discounts',
        [`B1,2026-01-01,T-1,${TOP.amount},TOP:${TOP.discount}`, `B1,2026-01-01,T-2,${PAST.amount},TOP:${TOP.discount}`, `B2,2026-01-02,T-1,1.00,OVER:${PAST.discount}`],
        [
          { line: 3, column: 'listPrice', value: PAST.amount, says: `must be an amount ${LIMIT_TEXT.amount}` },
          { line: 4, column: 'discounts', value: `OVER:${PAST.discount}`, says: `percent must be a percentage ${LIMIT_TEXT.discount}` },
        ],
        [`B1,2026-01-01,T-1,${TOP.amount},TOP:${TOP.discount}`, `B1,2026-01-01,T-2,${TOP.amount},TOP:${TOP.discount}`],
      );
      const [list] = (await t.admin.get(`/api/projects/${projectId}/price-lists`).expect(200)).body.items;
      expect(list).toMatchObject({ batchNo: 'B1', largestDiscountPct: TOP.discount, unitCount: 2 });
    });

    it('sales: a net or list price past the limit is a problem of its line and column; the largest are imported', async () => {
      await refusedThenAccepted(
        f.as.clerk, 'sales', 'unitNo,contractDate,netPrice,buyer,listPrice',
        [`T-1,2026-02-01,${TOP.amount},Buyer One,${TOP.amount}`, `T-2,2026-02-01,${PAST.amount},Buyer Two,`, `T-3,2026-02-01,1.00,Buyer Three,${PAST.amount}`],
        [
          { line: 3, column: 'netPrice', value: PAST.amount, says: `must be an amount ${LIMIT_TEXT.amount}` },
          { line: 4, column: 'listPrice', value: PAST.amount, says: `must be an amount ${LIMIT_TEXT.amount}` },
        ],
        [`T-1,2026-02-01,${TOP.amount},Buyer One,${TOP.amount}`, `T-2,2026-02-01,${TOP.amount},Buyer Two,${TOP.amount}`],
      );
      const sales = (await t.admin.get(`/api/sales?projectId=${projectId}`).expect(200)).body.items;
      expect(sales.map((sale: { unitNo: string; netPrice: string; listPrice: string }) => [sale.unitNo, sale.netPrice, sale.listPrice]).sort()).toEqual([
        ['T-1', TOP.amount, TOP.amount], ['T-2', TOP.amount, TOP.amount],
      ]);
    });

    it('payments: an amount past the limit is a problem of its line and column; the largest is imported', async () => {
      await refusedThenAccepted(
        f.as.finance, 'payments', 'unitNo,receivedOn,amount,kind',
        [`T-1,2026-02-02,${TOP.amount},BALANCE`, `T-2,2026-02-02,${PAST.amount},BALANCE`],
        [{ line: 3, column: 'amount', value: PAST.amount, says: `must be an amount ${LIMIT_TEXT.amount}` }],
        [`T-1,2026-02-02,${TOP.amount},BALANCE`],
      );
      const sales = (await t.admin.get(`/api/sales?projectId=${projectId}`).expect(200)).body.items;
      const paid = sales.find((sale: { unitNo: string }) => sale.unitNo === 'T-1');
      expect([paid.paid, paid.outstanding]).toEqual([TOP.amount, '0.00']);
    });
  });

  describe('the largest accepted values end to end', () => {
    const asOf = '2026-06-30';
    let projectId: string;
    let code: string;
    const sales: Record<'big' | 'tiny' | 'bigByComparables', Record<string, any>> = {} as never;
    let run: Record<string, any>;
    let report: Record<string, any>;

    // 99999.99 × 99999999.99 = 9999998999000.0001: the project evidence's price of the largest unit.
    const evidencePrice = '9999998999000.00';
    // A comparable of 0.01 m² at the top price is 99999999999999.00 a m²; times 99999.99 m²:
    const comparablesPrice = '9999998999999900000.01';

    beforeAll(async () => {
      ({ id: projectId, code } = await f.project({ minComparables: 1 }));
      await f.marketPrice(projectId, { asOf: '2026-01-01', pricePerSqm: TOP.pricePerSqm, source: 'APPRAISAL' });
      const big = await f.unit(projectId, { unitNo: 'BIG-1', unitType: '3BR', saleableArea: TOP.area, costPrice: TOP.amount });
      const tiny = await f.unit(projectId, { unitNo: 'TINY-1', unitType: 'STUDIO', saleableArea: '0.01', costPrice: TOP.amount });
      const bigStudio = await f.unit(projectId, { unitNo: 'BIG-2', unitType: 'STUDIO', saleableArea: TOP.area, costPrice: TOP.amount });
      sales.big = await f.sale({ unitId: big.id, contractDate: '2026-03-01', netPrice: TOP.amount, listPrice: TOP.amount });
      await f.pay(sales.big.id, '100000000000.00', '2026-03-02', 'DEPOSIT');
      await f.pay(sales.big.id, '899999999999.99', '2026-04-01', 'BALANCE');
      sales.tiny = await f.sale({ unitId: tiny.id, contractDate: '2026-03-02', netPrice: TOP.amount });
      sales.bigByComparables = await f.sale({ unitId: bigStudio.id, contractDate: '2026-03-03', netPrice: TOP.amount });
      await f.pay(sales.bigByComparables.id, '500000000000.00', '2026-03-04', 'DEPOSIT');
      run = (await f.as.auditor.post(`/api/projects/${projectId}/audit-runs`).send({}).expect(201)).body;
      report = (await f.as.auditor.post(`/api/projects/${projectId}/liquidation-reports`).send({ asOf }).expect(201)).body;
    });

    it('records the sales with market prices exact to the cent, past what numeric(15, 2) held', () => {
      expect(sales.big.market).toMatchObject({ price: evidencePrice, pricePerSqm: TOP.pricePerSqm, method: 'PROJECT_EVIDENCE' });
      expect(sales.big.variance).toEqual({ amount: '-8999998999000.01', pct: '-90.00' });
      // 0.01 × 99999999.99 = 999999.9999
      expect(sales.tiny.market).toMatchObject({ price: '1000000.00', method: 'PROJECT_EVIDENCE' });
      expect(sales.bigByComparables.market).toMatchObject({ price: comparablesPrice, pricePerSqm: '99999999999999.00', method: 'COMPARABLE_SALES' });
    });

    it('runs the audit over them', async () => {
      expect(run).toMatchObject({ salesEvaluated: 3 });
      const after = async (id: string) => (await t.admin.get(`/api/sales/${id}`).expect(200)).body;
      expect((await after(sales.big.id)).market).toMatchObject({ price: evidencePrice, method: 'PROJECT_EVIDENCE' });
      expect((await after(sales.bigByComparables.id)).market).toMatchObject({ price: comparablesPrice, method: 'COMPARABLE_SALES' });
      // Known now: BIG-2 is the tiny unit's comparable, 999999999999.99 / 99999.99 a m², times 0.01 m².
      expect((await after(sales.tiny.id)).market).toMatchObject({ price: '100000.01', pricePerSqm: '10000001.00', method: 'COMPARABLE_SALES' });
    });

    it('freezes a liquidation report whose figures are exact', () => {
      const contractValue = formatMoney(dec(TOP.amount).times(3));
      expect(contractValue).toBe('2999999999999.97');
      expect(report.summary).toMatchObject({
        contractValue,
        cashReceived: '1499999999999.99',
        receivables: '1499999999999.98',
        // (9999998999000.00 − 999999999999.99) + (9999998999999900000.01 − 999999999999.99); the tiny unit sold above its market
        marketShortfall: formatMoney(dec(evidencePrice).minus(TOP.amount).plus(dec(comparablesPrice).minus(TOP.amount))),
      });
      expect(report.summary.marketShortfall).toBe('10000006999998899000.03');
      const line = report.sales.find((sale: { unitNo: string }) => sale.unitNo === 'BIG-2');
      expect(line).toMatchObject({ saleableArea: TOP.area, netPrice: TOP.amount, marketPrice: comparablesPrice, paid: '500000000000.00', outstanding: '499999999999.99' });
    });

    it('reads the report as json, csv, xlsx and pdf', async () => {
      const url = `/api/projects/${projectId}/liquidation-reports/${report.id}`;
      const json = (await t.admin.get(`${url}?format=json`).expect(200)).body;
      expect(json.summary).toEqual(report.summary);

      const csv = await t.admin.get(`${url}?format=csv`).expect(200);
      expect(csv.text).toContain(comparablesPrice);
      expect(csv.text).toContain(evidencePrice);

      const xlsx = await t.admin.get(`${url}?format=xlsx`).buffer(true).parse(binaryParser).expect(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.body);
      const values: unknown[] = [];
      workbook.getWorksheet('Sales')!.eachRow((row) => row.eachCell((cell) => values.push(cell.value)));
      // Fifteen significant digits are a spreadsheet number; more are the exact text.
      expect(values).toContain(9999998999000);
      expect(values).toContain(comparablesPrice);

      const pdf = await t.admin.get(`${url}?format=pdf`).buffer(true).parse(binaryParser).expect(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const { text } = await pdfText(pdf.body);
      expect(text.replace(/\s+/g, '')).toContain('10,000,006,999,998,899,000.03');
    });

    it('sums the portfolio to the cent, agreeing with the report', async () => {
      const summary = (await f.as.clerk.get(`/api/portfolio/summary?asOf=${asOf}`).expect(200)).body;
      const project = summary.projects.find((each: { code: string }) => each.code === code);
      expect(project).toMatchObject({ ...report.summary, unitsTotal: 3, unitsSold: 3 });
      for (const figures of [project, ...summary.totals]) {
        expect(formatMoney(dec(figures.contractValue).minus(figures.cashReceived))).toBe(figures.receivables);
      }
    });
  });
});

describe('a project stored before the limits, read after the wider market prices (e2e)', () => {
  const widened = MIGRATIONS.indexOf(WiderMarketPrices1765184400000);
  let db: TestDatabase;
  let t: TestApp;
  let f: LedgerFactory;
  let projectId: string;
  let unitId: string;
  let ranNow: string[];
  let precisionsBefore: Record<string, string>;
  let overflowBefore: unknown;

  // 99999999.99 m² × 9999999999999.99 a m², as the columns allowed before the limits
  const oldArea = '99999999.99';
  const oldPricePerSqm = '9999999999999.99';
  const marketPrice = '999999999899999000000.00';

  async function migrate(db: TestDatabase, migrations: typeof MIGRATIONS): Promise<string[]> {
    const dataSource = new DataSource({ type: 'postgres', url: db.url, migrations });
    await dataSource.initialize();
    try {
      return (await dataSource.runMigrations({ transaction: 'each' })).map((migration) => migration.name);
    } finally {
      await dataSource.destroy();
    }
  }

  beforeAll(async () => {
    expect(widened).toBeGreaterThan(0);
    db = await createEmptyTestDatabase();
    await migrate(db, MIGRATIONS.slice(0, widened));
    precisionsBefore = await columnPrecisions(db);
    ({ rows: [{ id: projectId }] } = await db.sql.query(
      `INSERT INTO projects (code, name, currency, created_at) VALUES ('OLD-1', 'Stored before', 'CNY', now()) RETURNING id`,
    ));
    ({ rows: [{ id: unitId }] } = await db.sql.query(
      `INSERT INTO units (project_id, unit_no, unit_type, saleable_area, created_at) VALUES ($1, 'HUGE-1', 'VILLA', $2, now()) RETURNING id`,
      [projectId, oldArea],
    ));
    await db.sql.query(
      `INSERT INTO market_prices (project_id, as_of, price_per_sqm, source, reference, created_at) VALUES ($1, '2026-01-01', $2, 'APPRAISAL', 'old', now())`,
      [projectId, oldPricePerSqm],
    );
    // What recording a sale of that unit stored, and the columns refused:
    overflowBefore = await db.sql
      .query(
        `INSERT INTO sales (project_id, unit_id, unit_type, saleable_area, contract_date, net_price, created_at, created_by,
           market_price, market_price_per_sqm, market_method, evaluated_at)
         VALUES ($1, $2, 'VILLA', $3, '2026-03-01', 1, now(), 'test', $4, $5, 'PROJECT_EVIDENCE', now())`,
        [projectId, unitId, oldArea, marketPrice, oldPricePerSqm],
      )
      .catch((error: { code?: string }) => error.code);
    ranNow = await migrate(db, MIGRATIONS);
    t = await createTestApp({ database: db });
    f = await LedgerFactory.create(t);
  });
  afterAll(() => t.close());

  it('widens only the two market-price columns of sales, and the rows stored before read as they were', async () => {
    expect(overflowBefore).toBe('22003');
    expect(ranNow).toEqual(MIGRATIONS.slice(widened).map((migration) => migration.name));
    expect(ranNow[0]).toBe('WiderMarketPrices1765184400000');
    const after = await columnPrecisions(db);
    expect(precisionsBefore).toMatchObject({ 'sales.market_price': '15,2', 'sales.market_price_per_sqm': '15,2' });
    expect(after).toEqual({
      ...precisionsBefore, 'sales.market_price': '30,2', 'sales.market_price_per_sqm': '30,2',
      // added later, at the width of the amounts they hold
      'sales.forfeited_amount': '15,2', 'refunds.amount': '15,2',
    });
    const units = (await t.admin.get(`/api/projects/${projectId}/units`).expect(200)).body.items;
    expect(units).toEqual([expect.objectContaining({ id: unitId, saleableArea: oldArea, status: 'AVAILABLE' })]);
    const evidence = (await t.admin.get(`/api/projects/${projectId}/market-prices`).expect(200)).body.items;
    expect(evidence).toEqual([expect.objectContaining({ pricePerSqm: oldPricePerSqm, scope: 'PROJECT' })]);
  });

  it('records a sale of the unit, runs the audit and freezes a report, with the exact market price', async () => {
    const sale = await f.sale({ unitId, contractDate: '2026-03-01', netPrice: TOP.amount });
    expect(sale.market).toMatchObject({ price: marketPrice, pricePerSqm: oldPricePerSqm, method: 'PROJECT_EVIDENCE' });
    expect(sale.variance.amount).toBe('-999999998899999000000.01');
    await f.pay(sale.id, '1000000.00', '2026-03-02');

    const run = (await f.as.auditor.post(`/api/projects/${projectId}/audit-runs`).send({}).expect(201)).body;
    expect(run.salesEvaluated).toBe(1);
    expect((await t.admin.get(`/api/sales/${sale.id}`).expect(200)).body.market.price).toBe(marketPrice);

    const report = (await f.as.auditor.post(`/api/projects/${projectId}/liquidation-reports`).send({ asOf: '2026-06-30' }).expect(201)).body;
    expect(report.summary).toMatchObject({
      contractValue: TOP.amount, cashReceived: '1000000.00', receivables: '999998999999.99', marketShortfall: '999999998899999000000.01',
    });
    expect(report.sales[0]).toMatchObject({ saleableArea: oldArea, marketPrice });
    const pdf = await t.admin.get(`/api/projects/${projectId}/liquidation-reports/${report.id}?format=pdf`).buffer(true).parse(binaryParser).expect(200);
    expect((await pdfText(pdf.body)).text.replace(/\s+/g, '')).toContain('999,999,998,899,999,000,000.01');
  });

  it('refuses to narrow the columns again while a market price would not fit, and keeps them', async () => {
    await expect(onDatabase(db, (runner) => new WiderMarketPrices1765184400000().down(runner))).rejects.toThrow(
      '1 sales have a market price or price per m² of 1e13 or more, which numeric(15, 2) cannot hold',
    );
    expect(await columnPrecisions(db)).toMatchObject({ 'sales.market_price': '30,2', 'sales.market_price_per_sqm': '30,2' });
  });
});

/** Runs a migration's step by hand on a database (whatever migrations come after it). */
async function onDatabase(db: TestDatabase, work: (runner: QueryRunner) => Promise<void>): Promise<void> {
  const dataSource = new DataSource({ type: 'postgres', url: db.url });
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await work(runner);
  } finally {
    await runner.release();
    await dataSource.destroy();
  }
}

describe('the wider market prices undone where every stored one fits (e2e)', () => {
  it('narrows the two columns back to numeric(15, 2), and widens them again', async () => {
    const db = await createTestDatabase();
    try {
      const { rows: [{ project, unit }] } = await db.sql.query(
        `WITH project AS (INSERT INTO projects (code, name, currency, time_zone, created_at) VALUES ('FIT-1', 'Fits', 'CNY', 'Asia/Shanghai', now()) RETURNING id)
         INSERT INTO units (project_id, unit_no, unit_type, saleable_area, created_at) SELECT id, 'F-1', '3BR', 100, now() FROM project
         RETURNING project_id AS project, id AS unit`,
      );
      await db.sql.query(
        `INSERT INTO sales (project_id, unit_id, unit_type, saleable_area, contract_date, net_price, created_at, created_by,
           market_price, market_price_per_sqm, market_method, evaluated_at)
         VALUES ($1, $2, '3BR', 100, '2026-03-01', 1, now(), 'test', '9999999999999.99', '99999999999.99', 'PROJECT_EVIDENCE', now())`,
        [project, unit],
      );
      const stored = async () => (await db.sql.query('SELECT market_price, market_price_per_sqm FROM sales')).rows;
      const migration = new WiderMarketPrices1765184400000();
      await onDatabase(db, (runner) => migration.down(runner));
      expect(await columnPrecisions(db)).toMatchObject({ 'sales.market_price': '15,2', 'sales.market_price_per_sqm': '15,2' });
      expect(await stored()).toEqual([{ market_price: '9999999999999.99', market_price_per_sqm: '99999999999.99' }]);
      await onDatabase(db, (runner) => migration.up(runner));
      expect(await columnPrecisions(db)).toMatchObject({ 'sales.market_price': '30,2', 'sales.market_price_per_sqm': '30,2' });
      expect(await stored()).toEqual([{ market_price: '9999999999999.99', market_price_per_sqm: '99999999999.99' }]);
    } finally {
      await db.drop();
    }
  });
});
