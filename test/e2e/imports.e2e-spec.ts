import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerFactory } from '../factories/ledger';
import { TestApp, createTestApp, uploadCsv } from '../utils/test-app';

const SAMPLES = join(__dirname, '..', '..', 'samples');

describe('CSV imports (e2e)', () => {
  let t: TestApp;
  let f: LedgerFactory;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-06-30T09:00:00.000Z' });
    f = await LedgerFactory.create(t);
  });
  afterAll(() => t.close());

  const upload = uploadCsv;

  const sample = (name: string) => readFileSync(join(SAMPLES, name));

  async function counts(): Promise<Record<string, number>> {
    const tables = ['units', 'price_lists', 'price_list_items', 'parties', 'sales', 'sale_buyers', 'payments', 'audit_flags'];
    return Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await f.count(table)])));
  }

  it('imports the sample files in order, English and Chinese headers, and flags as the API would', async () => {
    const project = (await f.project()).id;
    for (const [kind, agent, file] of [
      ['units', f.as.admin, 'units.csv'], ['price-list', f.as.admin, 'price-list.csv'], ['sales', f.as.clerk, 'sales.csv'],
      ['payments', f.as.finance, 'payments.csv'], ['units', f.as.admin, 'zh/units.csv'], ['price-list', f.as.admin, 'zh/price-list.csv'],
      ['sales', f.as.clerk, 'zh/sales.csv'], ['payments', f.as.finance, 'zh/payments.csv'],
    ] as const) {
      const response = await upload(agent, project, kind, sample(file));
      expect({ file, status: response.status, state: response.body.state }).toEqual({ file, status: 201, state: 'SUCCEEDED' });
    }
    const units = (await t.admin.get(`/api/projects/${project}/units`).expect(200)).body;
    expect(units.total).toBe(7);
    const lists = (await t.admin.get(`/api/projects/${project}/price-lists`).expect(200)).body;
    expect(lists.items.map((list: { batchNo: string; discounts: unknown[] }) => [list.batchNo, list.discounts.length])).toEqual([
      ['B1', 2], ['一期', 1], ['B2', 1],
    ]);
    const sales = (await t.admin.get(`/api/sales?projectId=${project}`).expect(200)).body.items;
    const byUnit = Object.fromEntries(sales.map((sale: { unitNo: string }) => [sale.unitNo, sale]));
    expect(byUnit['2-1801']).toMatchObject({ listPrice: '4200000.00', netPrice: '4074000.00', discountCodes: ['FULL'], paid: '4074000.00', outstanding: '0.00' });
    expect(byUnit['2-1802'].buyers.map((b: { name: string }) => b.name)).toEqual(['Chen Jing', 'Chen Hao']);
    expect(byUnit['3-0102']).toMatchObject({ paid: '3332000.00', note: '夫妻共有' });
    expect(byUnit['3-0102'].payments.map((p: { kind: string }) => p.kind)).toEqual(['DEPOSIT', 'MORTGAGE']);
    expect(byUnit['3-0101'].buyers).toEqual([{ id: expect.any(String), name: '王芳' }]);
  });

  it('imports discounts that stack and discounts for staff, and refuses a code the row does not publish', async () => {
    const project = (await f.project()).id;
    await upload(f.as.admin, project, 'units', sample('units.csv')).expect(201);
    const before = await counts();
    const bad = 'batchNo,issuedOn,unitNo,listPrice,discounts,stackableDiscounts\nS1,2026-01-10,2-1801,4200000.00,EARLY:2.00,FULL\n';
    const refused = await upload(f.as.admin, project, 'price-list', bad).expect(422);
    expect(refused.body.errors).toEqual([{ line: 2, column: 'stackableDiscounts', value: 'FULL', reason: 'is not among the discounts of this row' }]);
    expect(await counts()).toEqual(before);

    const csv = [
      'batchNo,issuedOn,unitNo,listPrice,discounts,stackableDiscounts,staffDiscounts',
      'S1,2026-01-10,2-1801,4200000.00,EARLY:2.00:first week;FULL:3.00:paid in full;STAFF:10.00:staff purchase,EARLY;FULL,STAFF',
      'S1,2026-01-10,2-1802,4300000.00,,,',
    ].join('\n');
    await upload(f.as.admin, project, 'price-list', csv).expect(201);
    const [list] = (await t.admin.get(`/api/projects/${project}/price-lists`).expect(200)).body.items;
    expect(list.discounts.map((d: { code: string; stackable: boolean; eligibility: string }) => [d.code, d.stackable, d.eligibility])).toEqual([
      ['EARLY', true, 'ALL'], ['FULL', true, 'ALL'], ['STAFF', false, 'STAFF'],
    ]);
    // Open to every buyer: 1 − 0.98 × 0.97.
    expect(list.largestDiscountPct).toBe('4.94');
  });

  it('refuses a file with bad rows, naming every one, and writes nothing', async () => {
    const project = (await f.project()).id;
    await upload(f.as.admin, project, 'units', sample('units.csv')).expect(201);
    const before = await counts();
    const csv = [
      'unitNo,contractDate,netPrice,buyer',
      '2-1801,2026-01-15,4074000.00,Good Row',
      '2-1802,2026-02-30,4116000.00,Bad Date',
      '2-1803,2026-02-01,3234000.001,Bad Money',
      '9-9999,2026-02-01,1.00,No Unit',
      '2-1801,2026-03-01,1.00,Sold Twice',
      '2-1901,2026-07-01,1.00,Future',
      '2-1902,2026-03-01,,No Price',
    ].join('\n');
    const response = await upload(f.as.clerk, project, 'sales', csv).expect(422);
    expect(response.body).toMatchObject({ state: 'REJECTED', rowsTotal: 7, errorCount: 6 });
    expect(response.body.errors).toEqual([
      { line: 3, column: 'contractDate', value: '2026-02-30', reason: 'must be a calendar date written YYYY-MM-DD' },
      { line: 4, column: 'netPrice', value: '3234000.001', reason: expect.stringContaining('at most 2 decimals') },
      { line: 5, column: 'unitNo', value: '9-9999', reason: 'no such unit in this project' },
      { line: 6, column: 'unitNo', value: '2-1801', reason: 'is sold again on line 2' },
      { line: 7, column: 'contractDate', value: '2026-07-01', reason: 'is after today' },
      { line: 8, column: 'netPrice', value: '', reason: 'is required' },
    ]);
    expect(await counts()).toEqual(before);
    const again = await t.admin.get(`/api/imports/${response.body.id}`).expect(200);
    expect(again.body.errors).toHaveLength(6);
  });

  it('treats the same file sent again as done: the first import answers, nothing is added', async () => {
    const project = (await f.project()).id;
    const first = await upload(f.as.admin, project, 'units', sample('units.csv')).expect(201);
    const before = await counts();
    const replay = await upload(f.as.admin, project, 'units', sample('units.csv')).expect(200);
    expect(replay.body).toMatchObject({ id: first.body.id, state: 'SUCCEEDED', replayed: true, result: { unitsCreated: 5 } });
    expect(await counts()).toEqual(before);
  });

  it('refuses headers it does not know, and files that are not CSV', async () => {
    const project = (await f.project()).id;
    const unknown = await upload(f.as.admin, project, 'units', 'unitNo,colour,unitType,saleableArea\nA,red,3BR,1.00\n').expect(422);
    expect(unknown.body.errors).toEqual([{ line: 1, column: 'colour', value: 'colour', reason: 'unknown column' }]);
    const missing = await upload(f.as.admin, project, 'units', 'unitNo\nA\n').expect(422);
    expect(missing.body.errors.map((e: { column: string }) => e.column)).toEqual(['saleableArea', 'unitType']);
    const broken = await upload(f.as.admin, project, 'units', 'unitNo,unitType,saleableArea\n"A,3BR,1.00\n').expect(422);
    expect(broken.body.errors[0].reason).toContain('not valid CSV');
    const empty = await upload(f.as.admin, project, 'units', '').expect(400);
    expect(empty.body.message).toContain('file is empty');
    await f.as.admin.post(`/api/projects/${project}/imports?kind=units`).set('Content-Type', 'application/json').send({ a: 1 }).expect(415);
  });

  it('accepts a multipart upload', async () => {
    const project = (await f.project()).id;
    const response = await f.as.admin
      .post(`/api/projects/${project}/imports?kind=units`)
      .attach('file', sample('zh/units.csv'), 'units.csv')
      .expect(201);
    expect(response.body).toMatchObject({ filename: 'units.csv', result: { unitsCreated: 2 } });
  });

  it('lets each role import what it may record over the API', async () => {
    const project = (await f.project()).id;
    await upload(f.as.clerk, project, 'units', sample('units.csv')).expect(403);
    await upload(f.as.finance, project, 'sales', sample('sales.csv')).expect(403);
    await upload(f.as.auditor, project, 'units', sample('units.csv')).expect(403);
    await f.as.admin.post(`/api/projects/${project}/imports?kind=leases`).set('Content-Type', 'text/csv').send('x').expect(400);
    await upload(f.as.admin, '00000000-0000-4000-8000-000000000000', 'units', sample('units.csv')).expect(404);
  });

  it('refuses payments over what is outstanding, counting the rows above', async () => {
    const project = (await f.project()).id;
    await upload(f.as.admin, project, 'units', sample('units.csv')).expect(201);
    await upload(f.as.admin, project, 'price-list', sample('price-list.csv')).expect(201);
    await upload(f.as.clerk, project, 'sales', sample('sales.csv')).expect(201);
    const csv = 'unitNo,receivedOn,amount\n2-1803,2026-02-03,3000000.00\n2-1803,2026-02-04,234000.01\n';
    const refused = await upload(f.as.finance, project, 'payments', csv).expect(422);
    expect(refused.body.errors).toEqual([
      { line: 3, column: 'amount', value: '234000.01', reason: 'exceeds the outstanding 234000.00 of the sale of 2-1803' },
    ]);
  });

  it('flags an imported sale to a related buyer, matched by id number, as the API would', async () => {
    const project = (await f.project()).id;
    await upload(f.as.admin, project, 'units', sample('units.csv')).expect(201);
    const ceo = await f.party({ name: 'Li Wei', insiderRole: 'CEO' });
    const driver = await f.party({ name: 'Zhang San', idNumber: '110101-19900101-1234' });
    await f.relate(driver.id, ceo.id, 'PERSONAL_STAFF');
    const csv = 'unitNo,contractDate,netPrice,buyer,buyerIdNumber\n2-1801,2026-03-02,3000000.00,Zhang San,110101199001011234\n';
    const response = await upload(f.as.clerk, project, 'sales', csv).expect(201);
    expect(response.body.result).toMatchObject({ salesCreated: 1, partiesCreated: 0 });
    const [sale] = (await t.admin.get(`/api/sales?projectId=${project}`).expect(200)).body.items;
    expect(sale.buyers).toEqual([{ id: driver.id, name: 'Zhang San' }]);
    expect(sale.relatedParty.paths).toEqual([[driver.id, 'PERSONAL_STAFF', ceo.id]]);
    expect(sale.flags.map((flag: { type: string; severity: string }) => `${flag.type}/${flag.severity}`).sort()).toEqual([
      'AT_OR_BELOW_COST/HIGH', 'MISSING_DEPOSIT/HIGH', 'RELATED_PARTY_SALE/MEDIUM',
    ]);
  });

  describe('a file larger than one chunk of rows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-import-chunks-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const unitNo = (i: number) => `C-${String(i).padStart(4, '0')}`;

    /** A project of 2,500 units, and a sales file of 2,400 rows: row i (line i + 2) sells unit i, unless `change` says otherwise. */
    async function projectAndFile(change: (i: number) => string[] | null): Promise<{ projectId: string; path: string }> {
      const projectId = (await f.project()).id;
      const units = ['unitNo,unitType,saleableArea', ...Array.from({ length: 2500 }, (_, i) => `${unitNo(i)},2BR,80.00`)];
      writeFileSync(join(dir, `${projectId}-units.csv`), units.join('\n'));
      expect(await f.importFile(projectId, 'units', join(dir, `${projectId}-units.csv`))).toMatchObject({ state: 'SUCCEEDED' });
      const rows = Array.from({ length: 2400 }, (_, i) => {
        const [unit, buyer, idNumber] = change(i) ?? [unitNo(i), `Buyer ${i}`, `ID${i}`];
        const day = String(1 + (i % 28)).padStart(2, '0');
        return `${unit},2026-0${1 + (i % 5)}-${day},${3_600_000 + (i % 97) * 1000}.00,${buyer},${idNumber}`;
      });
      const path = join(dir, `${projectId}-sales.csv`);
      writeFileSync(path, ['unitNo,contractDate,netPrice,buyer,buyerIdNumber', ...rows].join('\n'));
      return { projectId, path };
    }

    it('refuses a unit sold again many chunks after its first sale, naming the first line', async () => {
      const { projectId, path } = await projectAndFile((i) => (i === 2300 ? [unitNo(0), 'Again', 'AGAIN'] : i === 1500 ? ['C-9999', 'Nowhere', 'NOWHERE'] : null));
      const before = await counts();
      const refused = (await f.as.clerk.post(`/api/projects/${projectId}/imports?kind=sales`).attach('file', path).expect(422)).body;
      expect(refused).toMatchObject({ state: 'REJECTED', rowsTotal: 2400, errorCount: 2 });
      expect(refused.errors).toEqual([
        { line: 1502, column: 'unitNo', value: 'C-9999', reason: 'no such unit in this project' },
        { line: 2302, column: 'unitNo', value: 'C-0000', reason: 'is sold again on line 2' },
      ]);
      expect(await counts()).toEqual(before);
    });

    it('matches a buyer by id number across chunks, and judges every sale against the whole file', async () => {
      // The buyer of line 12 buys again on line 1,902, under the same id number written with a space.
      const { projectId, path } = await projectAndFile((i) => (i === 1900 ? [unitNo(1900), 'Buyer 10', 'ID 10'] : null));
      const done = await f.importFile(projectId, 'sales', path, f.as.clerk);
      expect(done).toMatchObject({ state: 'SUCCEEDED', rowsTotal: 2400, rowsDone: 2400, result: { salesCreated: 2400, partiesCreated: 2399 } });
      const { rows } = await t.db.sql.query(
        `SELECT u.unit_no, b.party_id FROM sales s JOIN units u ON u.id = s.unit_id JOIN sale_buyers b ON b.sale_id = s.id
         WHERE s.project_id = $1 AND u.unit_no = ANY($2)`,
        [projectId, [unitNo(10), unitNo(1900)]],
      );
      expect(rows).toHaveLength(2);
      expect(rows[0].party_id).toBe(rows[1].party_id);
      const priced = await t.db.sql.query(
        `SELECT count(*)::int AS sales, count(*) FILTER (WHERE market_method = 'COMPARABLE_SALES')::int AS priced,
                count(DISTINCT id)::int AS ids FROM sales WHERE project_id = $1`,
        [projectId],
      );
      // Every sale priced from the file's other sales of its type, those written after it included.
      expect(priced.rows[0]).toEqual({ sales: 2400, priced: 2400, ids: 2400 });
      // Judged before it was written as an audit run judges it once all are: a run finds nothing to change.
      const run = (await f.as.auditor.post(`/api/projects/${projectId}/audit-runs`).send({}).expect(201)).body;
      expect(run).toMatchObject({ salesEvaluated: 2400, salesReevaluated: 0, flagsRaised: 0, flagsUpdated: 0, flagsReopened: 0, flagsCleared: 0 });
      const auditor = t.as(await t.tokenFor('auditor'));
      const log = (await auditor.get(`/api/audit-log?entityType=import&entityId=${done.id}&limit=100`).expect(200)).body.items;
      const imported = log.filter((entry: { action: string }) => entry.action === 'sales.imported');
      // One entry a chunk written (in contract-date order), each naming its rows' lines and sale ids.
      expect(imported).toHaveLength(2);
      const lines = imported.flatMap((entry: { data: { sales: Array<{ line: number }> } }) => entry.data.sales.map((sale) => sale.line));
      expect(lines.sort((a: number, b: number) => a - b)).toEqual(Array.from({ length: 2400 }, (_, i) => i + 2));
    });
  });
});

