import { MarketPricesRepository } from '../../src/pricing/market-prices.repository';
import { listingKey, PriceListsRepository } from '../../src/pricing/price-lists.repository';
import { TestApp, createTestApp } from '../utils/test-app';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('pricing (e2e)', () => {
  let t: TestApp;
  let clerk: string;
  let finance: string;
  let auditor: string;

  beforeAll(async () => {
    t = await createTestApp();
    [clerk, finance, auditor] = await Promise.all([t.tokenFor('clerk'), t.tokenFor('finance'), t.tokenFor('auditor')]);
  });
  afterAll(() => t.close());

  async function createProject(code: string): Promise<string> {
    const response = await t.admin.post('/api/projects').send({ code, name: `Project ${code}`, currency: 'CNY' }).expect(201);
    return response.body.id;
  }

  async function addUnit(projectId: string, unitNo: string, unitType: string, saleableArea: string): Promise<string> {
    const response = await t.admin
      .post(`/api/projects/${projectId}/units`)
      .send({ unitNo, unitType, saleableArea })
      .expect(201);
    return response.body.id;
  }

  async function rowCounts() {
    const { rows } = await t.db.sql.query(`
      SELECT (SELECT count(*) FROM price_lists)::int AS "priceLists",
             (SELECT count(*) FROM price_list_discounts)::int AS "discounts",
             (SELECT count(*) FROM price_list_items)::int AS "items",
             (SELECT count(*) FROM market_prices)::int AS "marketPrices",
             (SELECT count(*) FROM audit_log)::int AS "auditEntries"`);
    return rows[0];
  }

  /** Runs a refused request and checks that it left no row behind. */
  async function expectNothingWritten<T>(request: () => Promise<T>): Promise<T> {
    const before = await rowCounts();
    const result = await request();
    expect(await rowCounts()).toEqual(before);
    return result;
  }

  function repeated<T>(count: number, make: (index: number) => T): T[] {
    return Array.from({ length: count }, (_, index) => make(index));
  }

  function fieldsOf(body: { details?: { field: string }[] }): string[] {
    return (body.details ?? []).map((detail) => detail.field);
  }

  describe('price lists', () => {
    let projectId: string;
    const unitIds: Record<string, string> = {};

    /**
     * Two unit types, two discount schemes (2% and 3.5%: the largest, 3.5%, gives a net factor of 0.965).
     *   2BR  A-101  75.50 m² at 2,400,600.00    A-102 124.50 m² at 4,350,000.00
     *   3BR  B-201 120.00 m² at 4,800,001.00    B-202 130.25 m² at 5,850,000.00
     */
    const batchOne = () => ({
      batchNo: 'B1',
      issuedOn: '2026-03-01',
      discounts: [
        { code: 'EARLY', description: '2% off when signed within 7 days of release', percent: '2.00' },
        { code: 'VIP', description: 'Existing owners', percent: '3.5' },
      ],
      items: [
        { unitNo: 'A-101', listPrice: '2400600.00' },
        { unitNo: 'A-102', listPrice: '4350000' },
        { unitNo: 'B-201', listPrice: '4800001.00' },
        { unitNo: 'B-202', listPrice: '5850000.00' },
      ],
    });

    beforeAll(async () => {
      projectId = await createProject('PRICE-1');
      for (const [unitNo, unitType, area] of [
        ['A-101', '2BR', '75.50'],
        ['A-102', '2BR', '124.50'],
        ['B-201', '3BR', '120.00'],
        ['B-202', '3BR', '130.25'],
        ['C-301', '3BR', '100.00'],
      ]) {
        unitIds[unitNo] = await addUnit(projectId, unitNo, unitType, area);
      }
    });

    describe('a published list', () => {
      let created: { id: string } & Record<string, unknown>;

      beforeAll(async () => {
        created = (await t.admin.post(`/api/projects/${projectId}/price-lists`).send(batchOne()).expect(201)).body;
      });

      it('publishes exact area-weighted averages, overall and per unit type, net of the largest discount', () => {
        expect(created).toMatchObject({
          projectId,
          batchNo: 'B1',
          issuedOn: '2026-03-01',
          discounts: [
            { code: 'EARLY', description: '2% off when signed within 7 days of release', percent: '2.00' },
            { code: 'VIP', description: 'Existing owners', percent: '3.50' },
          ],
          largestDiscountPct: '3.50',
          unitCount: 4,
          // 75.50 + 124.50 + 120.00 + 130.25
          totalSaleableArea: '450.25',
          // 17,400,601.00 / 450.25 = 38,646.5319…
          averageListPricePerSqm: '38646.53',
          // 17,400,601.00 × 0.965 = 16,791,579.965; / 450.25 = 37,293.9033…
          averageNetPricePerSqm: '37293.90',
          byUnitType: [
            {
              unitType: '2BR',
              unitCount: 2,
              totalSaleableArea: '200.00',
              // 6,750,600.00 / 200 = 33,753 — a per-unit mean of the two prices per m² would be 33,367.89
              averageListPricePerSqm: '33753.00',
              // 6,750,600.00 × 0.965 = 6,514,329.00; / 200 = 32,571.645 exactly: half-up, not to even (…64)
              averageNetPricePerSqm: '32571.65',
            },
            {
              unitType: '3BR',
              unitCount: 2,
              totalSaleableArea: '250.25',
              // 10,650,001.00 / 250.25 = 42,557.4465…
              averageListPricePerSqm: '42557.45',
              // 10,650,001.00 × 0.965 = 10,277,250.965; / 250.25 = 41,067.9359…
              averageNetPricePerSqm: '41067.94',
            },
          ],
        });
        expect(created.id).toEqual(expect.any(String));
        expect(created.createdAt).toBe('2026-06-30T09:00:00.000Z');
      });

      it('prices each unit net of the largest discount, half-up to the cent', () => {
        expect(created.items).toEqual([
          { unitId: unitIds['A-101'], unitNo: 'A-101', unitType: '2BR', saleableArea: '75.50', listPrice: '2400600.00', netPrice: '2316579.00' },
          { unitId: unitIds['A-102'], unitNo: 'A-102', unitType: '2BR', saleableArea: '124.50', listPrice: '4350000.00', netPrice: '4197750.00' },
          // 4,800,001.00 × 0.965 = 4,632,000.965 → .97
          { unitId: unitIds['B-201'], unitNo: 'B-201', unitType: '3BR', saleableArea: '120.00', listPrice: '4800001.00', netPrice: '4632000.97' },
          { unitId: unitIds['B-202'], unitNo: 'B-202', unitType: '3BR', saleableArea: '130.25', listPrice: '5850000.00', netPrice: '5645250.00' },
        ]);
      });

      it('reads the same list back, with its items, to any role', async () => {
        const read = await t.as(clerk).get(`/api/projects/${projectId}/price-lists/${created.id}`).expect(200);
        expect(read.body).toEqual(created);
      });

      it('stores the prices exactly and records one audit entry with the view', async () => {
        const { rows: items } = await t.db.sql.query(
          'SELECT list_price::text AS "listPrice" FROM price_list_items WHERE price_list_id = $1 ORDER BY list_price',
          [created.id],
        );
        expect(items.map((row) => row.listPrice)).toEqual(['2400600.00', '4350000.00', '4800001.00', '5850000.00']);
        const { rows: entries } = await t.db.sql.query(
          `SELECT action, data FROM audit_log WHERE entity_type = 'price-list' AND entity_id = $1`,
          [created.id],
        );
        expect(entries).toEqual([{ action: 'price-list.created', data: created }]);
      });

      it('answers 404 for a list of another project, or an unknown one', async () => {
        const otherProjectId = await createProject('PRICE-OTHER');
        await t.admin.get(`/api/projects/${otherProjectId}/price-lists/${created.id}`).expect(404);
        await t.admin.get(`/api/projects/${projectId}/price-lists/${UNKNOWN_ID}`).expect(404);
      });

      it('refuses a second list with the same batch number in the project', async () => {
        const response = await expectNothingWritten(() =>
          t.admin.post(`/api/projects/${projectId}/price-lists`).send({ ...batchOne(), issuedOn: '2026-04-01' }).expect(409),
        );
        expect(response.body).toMatchObject({ error: 'ALREADY_EXISTS', details: [{ field: 'batchNo' }] });
      });
    });

    it('lists a project’s lists by issue date then batch number, with averages and counts but no items', async () => {
      const listProjectId = await createProject('PRICE-LIST');
      await addUnit(listProjectId, 'L-1', '2BR', '80.00');
      await addUnit(listProjectId, 'L-2', '3BR', '100.00');
      const post = (batchNo: string, issuedOn: string, listPrice: string) =>
        t.admin
          .post(`/api/projects/${listProjectId}/price-lists`)
          .send({ batchNo, issuedOn, discounts: [], items: [{ unitNo: 'L-1', listPrice }, { unitNo: 'L-2', listPrice }] })
          .expect(201);
      await post('B2', '2026-05-01', '3000000.00');
      await post('B1b', '2026-02-01', '2000000.00');
      await post('B1a', '2026-02-01', '1800000.00');

      const page = await t.as(finance).get(`/api/projects/${listProjectId}/price-lists`).expect(200);
      expect(page.body.total).toBe(3);
      expect(page.body.items.map((list: { batchNo: string }) => list.batchNo)).toEqual(['B1a', 'B1b', 'B2']);
      expect(page.body.items[0]).not.toHaveProperty('items');
      // 3,600,000 / 180 m² = 20,000; nothing published off, so the net average is the same
      expect(page.body.items[0]).toMatchObject({
        unitCount: 2,
        totalSaleableArea: '180.00',
        largestDiscountPct: '0.00',
        averageListPricePerSqm: '20000.00',
        averageNetPricePerSqm: '20000.00',
        byUnitType: [
          { unitType: '2BR', unitCount: 1, averageListPricePerSqm: '22500.00' },
          { unitType: '3BR', unitCount: 1, averageListPricePerSqm: '18000.00' },
        ],
      });

      const detail = await t.admin.get(`/api/projects/${listProjectId}/price-lists/${page.body.items[0].id}`).expect(200);
      const { items, ...summary } = detail.body;
      expect(items).toHaveLength(2);
      expect(page.body.items[0]).toEqual(summary);

      const second = await t.admin.get(`/api/projects/${listProjectId}/price-lists?limit=1&offset=1`).expect(200);
      expect(second.body).toMatchObject({ total: 3, items: [{ batchNo: 'B1b' }] });
    });

    it('accepts a list of 5000 units in one request', async () => {
      const bigProjectId = await createProject('PRICE-BIG');
      await t.db.sql.query(
        `INSERT INTO units (project_id, unit_no, unit_type, saleable_area, created_at)
         SELECT $1, 'U-' || lpad(n::text, 4, '0'), CASE WHEN n % 2 = 0 THEN '2BR' ELSE '3BR' END, 100, now()
         FROM generate_series(1, 5000) AS n`,
        [bigProjectId],
      );
      const items = repeated(5000, (i) => ({ unitNo: `U-${String(i + 1).padStart(4, '0')}`, listPrice: '1000000.00' }));
      const response = await t.admin
        .post(`/api/projects/${bigProjectId}/price-lists`)
        .send({ batchNo: 'ALL', issuedOn: '2026-01-01', discounts: [], items })
        .expect(201);
      expect(response.body).toMatchObject({ unitCount: 5000, totalSaleableArea: '500000.00', averageListPricePerSqm: '10000.00' });
      expect(response.body.items).toHaveLength(5000);
      const { rows } = await t.db.sql.query('SELECT count(*)::int AS count FROM price_list_items WHERE price_list_id = $1', [response.body.id]);
      expect(rows[0].count).toBe(5000);
    });

    describe('refuses invalid input with a 400 naming the field, and writes nothing', () => {
      type Body = ReturnType<typeof batchOne> & Record<string, unknown>;
      const cases: [string, (body: Body) => unknown, string][] = [
        ['a number for listPrice', (body) => Object.assign(body.items[0], { listPrice: 2400600 }), 'items[0].listPrice'],
        ['money with 3 decimals', (body) => Object.assign(body.items[1], { listPrice: '4350000.001' }), 'items[1].listPrice'],
        ['a zero listPrice', (body) => Object.assign(body.items[1], { listPrice: '0.00' }), 'items[1].listPrice'],
        ['a percent of 100', (body) => Object.assign(body.discounts[1], { percent: '100' }), 'discounts[1].percent'],
        ['a negative percent', (body) => Object.assign(body.discounts[0], { percent: '-1.00' }), 'discounts[0].percent'],
        ['a percent given as a number', (body) => Object.assign(body.discounts[0], { percent: 2 }), 'discounts[0].percent'],
        ['an impossible date', (body) => Object.assign(body, { issuedOn: '2026-02-30' }), 'issuedOn'],
        ['an unknown field in a nested item', (body) => Object.assign(body.items[2], { floor: 3 }), 'items[2].floor'],
        ['an unknown field in a nested discount', (body) => Object.assign(body.discounts[0], { stacks: true }), 'discounts[0].stacks'],
        ['a discount eligibility that does not exist', (body) => Object.assign(body.discounts[0], { eligibility: 'VIP' }), 'discounts[0].eligibility'],
        ['stackable that is not a boolean', (body) => Object.assign(body.discounts[0], { stackable: 'yes' }), 'discounts[0].stackable'],
        ['an unknown top-level field', (body) => Object.assign(body, { approvedBy: 'CEO' }), 'approvedBy'],
        ['a duplicate unitNo', (body) => body.items.push({ unitNo: 'A-102', listPrice: '1.00' }), 'items[4].unitNo'],
        ['a duplicate discount code', (body) => body.discounts.push({ code: 'VIP', description: 'again', percent: '1.00' }), 'discounts[2].code'],
        ['an empty items array', (body) => Object.assign(body, { items: [] }), 'items'],
        ['items that are not an array', (body) => Object.assign(body, { items: { unitNo: 'A-101', listPrice: '1.00' } }), 'items'],
        ['more than 5000 items', (body) => Object.assign(body, { items: repeated(5001, (i) => ({ unitNo: `X${i}`, listPrice: '1.00' })) }), 'items'],
        ['more than 50 discounts', (body) => Object.assign(body, { discounts: repeated(51, (i) => ({ code: `D${i}`, description: 'd', percent: '1' })) }), 'discounts'],
        ['missing discounts', (body) => Object.assign(body, { discounts: undefined }), 'discounts'],
        ['an empty batchNo', (body) => Object.assign(body, { batchNo: '' }), 'batchNo'],
        ['a batchNo over 40 characters', (body) => Object.assign(body, { batchNo: 'B'.repeat(41) }), 'batchNo'],
        ['a description over 500 characters', (body) => Object.assign(body.discounts[0], { description: 'x'.repeat(501) }), 'discounts[0].description'],
        ['an empty discount code', (body) => Object.assign(body.discounts[0], { code: '' }), 'discounts[0].code'],
      ];

      it.each(cases)('%s', async (_name, spoil, field) => {
        const body = batchOne() as Body;
        body.batchNo = 'INVALID';
        spoil(body);
        const response = await expectNothingWritten(() =>
          t.admin.post(`/api/projects/${projectId}/price-lists`).send(body).expect(400),
        );
        expect(response.body.error).toBe('VALIDATION_FAILED');
        expect(fieldsOf(response.body)).toContain(field);
      });

      it('names every repeat, after its first occurrence', async () => {
        const body = batchOne();
        body.batchNo = 'REPEATS';
        body.items.push({ unitNo: 'A-101', listPrice: '1.00' }, { unitNo: 'A-101', listPrice: '2.00' });
        const response = await expectNothingWritten(() =>
          t.admin.post(`/api/projects/${projectId}/price-lists`).send(body).expect(400),
        );
        expect(response.body.details).toEqual([
          { field: 'items[4].unitNo', problem: 'repeats items[0].unitNo' },
          { field: 'items[5].unitNo', problem: 'repeats items[0].unitNo' },
        ]);
      });
    });

    it('answers 422 naming every unit number the project does not have', async () => {
      const body = batchOne();
      body.batchNo = 'UNKNOWN-UNITS';
      body.items.splice(1, 0, { unitNo: 'Z-1', listPrice: '1.00' });
      body.items.push({ unitNo: 'Z-2', listPrice: '1.00' });
      const response = await expectNothingWritten(() =>
        t.admin.post(`/api/projects/${projectId}/price-lists`).send(body).expect(422),
      );
      expect(response.body).toMatchObject({
        error: 'UNKNOWN_REFERENCE',
        details: [
          { field: 'items[1].unitNo', problem: 'no unit Z-1 in this project' },
          { field: 'items[5].unitNo', problem: 'no unit Z-2 in this project' },
        ],
      });
      expect(response.body.details).toHaveLength(2);
    });

    it('does not take a unit of another project', async () => {
      const otherProjectId = await createProject('PRICE-FOREIGN');
      await addUnit(otherProjectId, 'F-1', '2BR', '50.00');
      const response = await expectNothingWritten(() =>
        t.admin
          .post(`/api/projects/${projectId}/price-lists`)
          .send({ batchNo: 'FOREIGN', issuedOn: '2026-03-01', discounts: [], items: [{ unitNo: 'F-1', listPrice: '1.00' }] })
          .expect(422),
      );
      expect(fieldsOf(response.body)).toEqual(['items[0].unitNo']);
    });

    it('answers 404 for an unknown project and 400 for a malformed id', async () => {
      const unknown = await expectNothingWritten(() =>
        t.admin.post(`/api/projects/${UNKNOWN_ID}/price-lists`).send(batchOne()).expect(404),
      );
      expect(unknown.body.error).toBe('NOT_FOUND');
      await t.admin.get(`/api/projects/${UNKNOWN_ID}/price-lists`).expect(404);
      const malformed = await expectNothingWritten(() =>
        t.admin.post('/api/projects/not-a-uuid/price-lists').send(batchOne()).expect(400),
      );
      expect(malformed.body.details).toEqual([{ field: 'projectId', problem: 'must be a UUID' }]);
      const malformedList = await t.admin.get(`/api/projects/${projectId}/price-lists/42`).expect(400);
      expect(malformedList.body.details).toEqual([{ field: 'priceListId', problem: 'must be a UUID' }]);
    });

    it.each([['clerk'], ['finance'], ['auditor']])('refuses %s a price list with 403', async (role) => {
      const token = { clerk, finance, auditor }[role]!;
      const response = await expectNothingWritten(() =>
        t.as(token).post(`/api/projects/${projectId}/price-lists`).send({ ...batchOne(), batchNo: `BY-${role}` }).expect(403),
      );
      expect(response.body.error).toBe('FORBIDDEN');
    });

    it('answers 401 without a token', async () => {
      await t.http().get(`/api/projects/${projectId}/price-lists`).expect(401);
    });
  });

  describe('market prices', () => {
    let projectId: string;
    let unitId: string;

    beforeAll(async () => {
      projectId = await createProject('MARKET-1');
      unitId = await addUnit(projectId, 'M-101', '3BR', '100.00');
    });

    const record = (token: string, body: Record<string, unknown>) =>
      t.as(token).post(`/api/projects/${projectId}/market-prices`).send(body);

    it('records evidence for the whole project, a unit type and one unit, each with an audit entry', async () => {
      t.clock.set('2026-06-30T09:00:00.000Z');
      const project = await record(auditor, { asOf: '2026-03-01', pricePerSqm: '45000', source: 'INDEX' }).expect(201);
      expect(project.body).toMatchObject({
        projectId,
        asOf: '2026-03-01',
        pricePerSqm: '45000.00',
        source: 'INDEX',
        scope: 'PROJECT',
        unitId: null,
        unitNo: null,
        unitType: null,
        reference: null,
        createdAt: '2026-06-30T09:00:00.000Z',
      });

      t.clock.set('2026-06-30T10:00:00.000Z');
      const type = await t.admin
        .post(`/api/projects/${projectId}/market-prices`)
        .send({ asOf: '2026-03-01', pricePerSqm: '47000.50', source: 'MANUAL', unitType: '3BR', reference: 'Agent survey' })
        .expect(201);
      expect(type.body).toMatchObject({ scope: 'UNIT_TYPE', unitId: null, unitNo: null, unitType: '3BR', reference: 'Agent survey' });

      const unit = await record(auditor, { asOf: '2026-02-15', pricePerSqm: '52000.00', source: 'APPRAISAL', unitNo: 'M-101' }).expect(201);
      expect(unit.body).toMatchObject({ scope: 'UNIT', unitId, unitNo: 'M-101', unitType: null, pricePerSqm: '52000.00' });

      const { rows } = await t.db.sql.query(
        `SELECT entity_id AS "entityId", data FROM audit_log WHERE action = 'market-price.recorded' ORDER BY seq`,
      );
      expect(rows).toEqual([
        { entityId: project.body.id, data: project.body },
        { entityId: type.body.id, data: type.body },
        { entityId: unit.body.id, data: unit.body },
      ]);

      const all = await t.as(finance).get(`/api/projects/${projectId}/market-prices`).expect(200);
      expect(all.body.total).toBe(3);
      // by asOf, then by when recorded
      expect(all.body.items.map((item: { id: string }) => item.id)).toEqual([unit.body.id, project.body.id, type.body.id]);
      expect(all.body.items[0]).toEqual(unit.body);

      const byScope = async (query: string) =>
        (await t.as(clerk).get(`/api/projects/${projectId}/market-prices?${query}`).expect(200)).body.items.map(
          (item: { id: string }) => item.id,
        );
      expect(await byScope('scope=UNIT')).toEqual([unit.body.id]);
      expect(await byScope('scope=UNIT_TYPE')).toEqual([type.body.id]);
      expect(await byScope('scope=PROJECT')).toEqual([project.body.id]);
      expect(await byScope('unitNo=M-101')).toEqual([unit.body.id]);
      expect(await byScope('unitType=3BR')).toEqual([type.body.id]);
      expect(await byScope('unitType=3BR&scope=PROJECT')).toEqual([]);
      await t.admin.get(`/api/projects/${projectId}/market-prices?scope=BUILDING`).expect(400);
    });

    it('refuses unitNo and unitType together, naming both', async () => {
      const response = await expectNothingWritten(() =>
        record(auditor, { asOf: '2026-03-01', pricePerSqm: '45000.00', source: 'INDEX', unitNo: 'M-101', unitType: '3BR' }).expect(400),
      );
      expect(fieldsOf(response.body).sort()).toEqual(['unitNo', 'unitType']);
    });

    it('answers 422 for a unit number the project does not have', async () => {
      const response = await expectNothingWritten(() =>
        record(auditor, { asOf: '2026-03-01', pricePerSqm: '45000.00', source: 'APPRAISAL', unitNo: 'NOPE' }).expect(422),
      );
      expect(response.body).toMatchObject({ error: 'UNKNOWN_REFERENCE', details: [{ field: 'unitNo' }] });
    });

    it.each<[string, Record<string, unknown>, string]>([
      ['a number for pricePerSqm', { pricePerSqm: 45000 }, 'pricePerSqm'],
      ['money with 3 decimals', { pricePerSqm: '45000.001' }, 'pricePerSqm'],
      ['an unknown source', { source: 'RUMOUR' }, 'source'],
      ['an impossible date', { asOf: '2026-02-30' }, 'asOf'],
      ['a reference over 500 characters', { reference: 'r'.repeat(501) }, 'reference'],
      ['an unknown field', { confidence: 'high' }, 'confidence'],
    ])('refuses %s with a 400 naming the field', async (_name, change, field) => {
      const response = await expectNothingWritten(() =>
        record(auditor, { asOf: '2026-03-01', pricePerSqm: '45000.00', source: 'INDEX', ...change }).expect(400),
      );
      expect(fieldsOf(response.body)).toContain(field);
    });

    it.each([['finance'], ['clerk']])('refuses %s with 403', async (role) => {
      const token = { finance, clerk }[role]!;
      await expectNothingWritten(() => record(token, { asOf: '2026-03-01', pricePerSqm: '45000.00', source: 'INDEX' }).expect(403));
    });

    it('answers 404 for an unknown project', async () => {
      await expectNothingWritten(() =>
        t.admin
          .post(`/api/projects/${UNKNOWN_ID}/market-prices`)
          .send({ asOf: '2026-03-01', pricePerSqm: '45000.00', source: 'INDEX' })
          .expect(404),
      );
      await t.admin.get(`/api/projects/${UNKNOWN_ID}/market-prices`).expect(404);
    });
  });

  describe('lookups for the sales ledger', () => {
    let priceLists: PriceListsRepository;
    let marketPrices: MarketPricesRepository;
    let projectId: string;
    let unitId: string;
    let otherUnitId: string;

    beforeAll(async () => {
      priceLists = t.app.get(PriceListsRepository);
      marketPrices = t.app.get(MarketPricesRepository);
      projectId = await createProject('LOOKUP-1');
      unitId = await addUnit(projectId, 'K-1', '3BR', '100.00');
      otherUnitId = await addUnit(projectId, 'K-2', '3BR', '100.00');
    });

    describe('a unit’s list price on a date', () => {
      const ids: Record<string, string> = {};

      beforeAll(async () => {
        const post = async (batchNo: string, issuedOn: string, items: object[], discounts: object[]) => {
          const response = await t.admin
            .post(`/api/projects/${projectId}/price-lists`)
            .send({ batchNo, issuedOn, items, discounts })
            .expect(201);
          ids[batchNo] = response.body.id;
        };
        await post('P1', '2026-01-10', [{ unitNo: 'K-1', listPrice: '1000000.00' }], [{ code: 'A', description: 'a', percent: '5' }]);
        await post('P2', '2026-03-01', [{ unitNo: 'K-1', listPrice: '1100000.00' }, { unitNo: 'K-2', listPrice: '900000.00' }], [
          { code: 'A', description: 'a', percent: '2.00' },
          { code: 'B', description: 'b', percent: '3.25' },
        ]);
        // A later batch that releases only the other unit does not unprice K-1.
        await post('P3', '2026-05-01', [{ unitNo: 'K-2', listPrice: '950000.00' }], []);
      });

      const priceOn = async (unit: string, date: string) =>
        (await priceLists.unitListPricesOn([{ unitId: unit, onOrBefore: date }])).get(listingKey(unit, date)) ?? null;
      const lookup = async (date: string) => {
        const found = await priceOn(unitId, date);
        return found && { ...found, listPrice: found.listPrice.toFixed(2) };
      };

      it('takes the latest of two lists issued on or before the date', async () => {
        expect(await lookup('2026-04-15')).toEqual({
          priceListId: ids.P2,
          batchNo: 'P2',
          issuedOn: '2026-03-01',
          listPrice: '1100000.00',
          discountCodes: ['A', 'B'],
        });
      });

      it('counts a list issued exactly on the date, not one issued the day after', async () => {
        expect(await lookup('2026-03-01')).toMatchObject({ batchNo: 'P2' });
        expect(await lookup('2026-02-28')).toMatchObject({ batchNo: 'P1', listPrice: '1000000.00' });
        expect(await lookup('2026-01-10')).toMatchObject({ batchNo: 'P1' });
        expect(await lookup('2026-01-09')).toBeNull();
      });

      it('keeps the latest list that prices the unit when a later batch releases other units', async () => {
        expect(await lookup('2026-06-30')).toMatchObject({ batchNo: 'P2' });
        expect(await priceOn(otherUnitId, '2026-06-30')).toMatchObject({
          batchNo: 'P3',
          priceListId: ids.P3,
        });
        expect((await priceOn(otherUnitId, '2026-06-30'))!.discountCodes).toEqual([]);
      });

      it('answers many units and dates in one lookup, each as it would alone', async () => {
        const pairs = [
          { unitId, onOrBefore: '2026-01-09' },
          { unitId, onOrBefore: '2026-02-28' },
          { unitId, onOrBefore: '2026-06-30' },
          { unitId: otherUnitId, onOrBefore: '2026-04-15' },
          { unitId: otherUnitId, onOrBefore: '2026-06-30' },
          { unitId: otherUnitId, onOrBefore: '2026-06-30' },
        ];
        const found = await priceLists.unitListPricesOn(pairs);
        expect([...found.keys()].sort()).toEqual(pairs.slice(1, 5).map((pair) => listingKey(pair.unitId, pair.onOrBefore)).sort());
        expect(found.get(listingKey(unitId, '2026-02-28'))).toMatchObject({ batchNo: 'P1' });
        expect(found.get(listingKey(unitId, '2026-06-30'))).toMatchObject({ batchNo: 'P2' });
        expect(found.get(listingKey(otherUnitId, '2026-04-15'))).toMatchObject({ batchNo: 'P2', discountCodes: ['A', 'B'] });
        expect(found.get(listingKey(otherUnitId, '2026-06-30'))?.listPrice.toFixed(2)).toBe('950000.00');
      });
    });

    describe('market evidence on a date', () => {
      const ids: Record<string, string> = {};

      beforeAll(async () => {
        const record = async (name: string, body: object) => {
          const response = await t.as(auditor).post(`/api/projects/${projectId}/market-prices`).send(body).expect(201);
          ids[name] = response.body.id;
        };
        await record('unitMarch', { asOf: '2026-03-01', pricePerSqm: '50000.00', source: 'APPRAISAL', unitNo: 'K-1' });
        await record('unitApril', { asOf: '2026-04-01', pricePerSqm: '51000.00', source: 'APPRAISAL', unitNo: 'K-1' });
        await record('otherUnit', { asOf: '2026-03-15', pricePerSqm: '99000.00', source: 'APPRAISAL', unitNo: 'K-2' });
        await record('projectJanuary', { asOf: '2026-01-01', pricePerSqm: '40000.00', source: 'INDEX' });
        await record('typeFebruary', { asOf: '2026-02-01', pricePerSqm: '43000.00', source: 'MANUAL', unitType: '3BR' });
        await record('projectMay', { asOf: '2026-05-01', pricePerSqm: '46000.00', source: 'INDEX' });
        const otherProjectId = await createProject('LOOKUP-OTHER');
        await t.as(auditor)
          .post(`/api/projects/${otherProjectId}/market-prices`)
          .send({ asOf: '2026-01-01', pricePerSqm: '1.00', source: 'INDEX', unitType: '2BR' })
          .expect(201);
      });

      const appraisalOf = async (date: string) => (await marketPrices.latestFor({ projectId, unitId, unitType: '3BR' }, date)).appraisal;

      it('finds the latest evidence for the unit, counting evidence dated exactly on the date', async () => {
        expect((await appraisalOf('2026-04-01'))?.id).toBe(ids.unitApril);
        expect((await appraisalOf('2026-03-31'))?.id).toBe(ids.unitMarch);
        expect((await appraisalOf('2026-03-01'))?.id).toBe(ids.unitMarch);
        expect(await appraisalOf('2026-02-28')).toBeNull();
        const found = await appraisalOf('2026-12-31');
        expect(found).toMatchObject({ id: ids.unitApril, asOf: '2026-04-01', unitId, source: 'APPRAISAL' });
        expect(found!.pricePerSqm.toFixed(2)).toBe('51000.00');
      });

      it('prefers the unit type’s evidence, else the whole project’s, never a single unit’s', async () => {
        const latest = async (unitType: string, date: string) =>
          (await marketPrices.latestFor({ projectId, unitId, unitType }, date)).typeOrProject?.id ?? null;
        // type evidence wins even where project evidence is newer
        expect(await latest('3BR', '2026-06-30')).toBe(ids.typeFebruary);
        expect(await latest('3BR', '2026-02-01')).toBe(ids.typeFebruary);
        // the day before the type evidence: the project's; unit evidence (March, for a 3BR) is not taken
        expect(await latest('3BR', '2026-01-31')).toBe(ids.projectJanuary);
        // a type without evidence: the whole project's, the May index dated exactly on the date included
        expect(await latest('2BR', '2026-05-01')).toBe(ids.projectMay);
        expect(await latest('2BR', '2026-04-30')).toBe(ids.projectJanuary);
        expect(await latest('2BR', '2025-12-31')).toBeNull();
      });
    });
  });
});
