import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import request from 'supertest';
import { serveConsole } from '../../src/console/serve-console';
import { LedgerFactory } from '../factories/ledger';
import { TestApp, createTestApp } from '../utils/test-app';

/** What the review console asks of the API beyond the queue: who am I, what a flag is about, a project's figures, the newest log first. */
describe('the API the review console reads (e2e)', () => {
  let t: TestApp;
  let f: LedgerFactory;
  let projectId: string;
  let saleIds: Record<string, string>;

  beforeAll(async () => {
    // Today is 2026-06-30 at 09:00 UTC: 17:00 in Shanghai.
    t = await createTestApp({ now: '2026-06-30T09:00:00.000Z' });
    f = await LedgerFactory.create(t);
    projectId = (await f.project()).id;
    await f.marketPrice(projectId, { asOf: '2025-01-01', pricePerSqm: '40000.00', source: 'APPRAISAL' });
    saleIds = {};
    // 100 m² at 3,000,000.01: 30,000.0001 per m² (rounded half up to 30000.00); 2025-12-01 is 211 days before today.
    const specs: Array<[string, string, string, string | null]> = [
      ['C-1', '2025-12-01', '3000000.01', '100000.00'],
      ['C-2', '2026-06-01', '4100000.00', '4100000.00'],
      ['C-3', '2025-03-01', '4000000.00', null],
    ];
    for (const [unitNo, contractDate, netPrice, paid] of specs) {
      const unit = await f.unit(projectId, { unitNo, saleableArea: '100.00', costPrice: '2000000.00' });
      const sale = await f.sale({ unitId: unit.id, contractDate, netPrice });
      if (paid) await f.pay(sale.id, paid, contractDate);
      saleIds[unitNo] = sale.id;
    }
  });
  afterAll(() => t.close());

  it('GET /api/me names the token’s user and role, and is 401 without a token', async () => {
    expect((await f.as.clerk.get('/api/me').expect(200)).body).toEqual({ id: expect.any(String), name: 'Sales Office', role: 'clerk' });
    expect((await f.as.auditor2.get('/api/me').expect(200)).body).toMatchObject({ name: 'Zhao Min', role: 'auditor' });
    await t.http().get('/api/me').expect(401);
    await t.http().get('/api/me').set('Authorization', 'Bearer not-a-token-of-anyone-here').expect(401);
  });

  it('names each flag’s unit on the list and on a single flag', async () => {
    const page = (await f.as.auditor.get(`/api/audit-flags?projectId=${projectId}&limit=100`).expect(200)).body;
    expect(page.items.length).toBeGreaterThan(0);
    const unitOf = Object.fromEntries(Object.entries(saleIds).map(([unitNo, id]) => [id, unitNo]));
    for (const flag of page.items) {
      expect(flag.unitNo).toBe(unitOf[flag.saleId]);
      expect(flag.batchNo).toBeNull();
    }
    const one = (await f.as.clerk.get(`/api/audit-flags/${page.items[0].id}`).expect(200)).body;
    expect(one.unitNo).toBe(page.items[0].unitNo);
  });

  it('names a price-list flag’s batch', async () => {
    const hill = (await f.project({}, 'CNY')).id;
    await f.marketPrice(hill, { asOf: '2026-01-01', pricePerSqm: '30000.00', source: 'INDEX' });
    await f.marketPrice(hill, { asOf: '2026-05-01', pricePerSqm: '36000.00', source: 'INDEX' });
    const units = await f.units(hill, 2, { saleableArea: '100.00', unitType: '3BR' }, 'H');
    await f.priceList(hill, { batchNo: 'B-EARLY', issuedOn: '2026-01-15', items: [{ unitNo: units[0].unitNo, listPrice: '3800000.00' }] });
    await f.priceList(hill, { batchNo: 'B-LATE', issuedOn: '2026-05-15', items: [{ unitNo: units[1].unitNo, listPrice: '3500000.00' }] });
    const flags = (await f.as.auditor.get(`/api/audit-flags?projectId=${hill}&type=PRICE_BELOW_EARLIER_BATCH`).expect(200)).body.items;
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ batchNo: 'B-LATE', unitNo: null, unitType: '3BR' });
  });

  it('GET /api/projects/:id/overview: every active sale per m² against the market, and receivables by aging bucket to today in the project’s zone', async () => {
    const overview = (await f.as.clerk.get(`/api/projects/${projectId}/overview`).expect(200)).body;
    expect(overview).toMatchObject({ projectId, currency: 'CNY', timeZone: 'Asia/Shanghai', asOf: '2026-06-30' });
    expect(overview.sales.map((sale: { unitNo: string }) => sale.unitNo)).toEqual(['C-3', 'C-1', 'C-2']);
    const c1 = overview.sales.find((sale: { unitNo: string }) => sale.unitNo === 'C-1');
    expect(c1).toMatchObject({
      saleId: saleIds['C-1'], unitType: '3BR', saleableArea: '100.00', netPrice: '3000000.01', netPricePerSqm: '30000.00',
      marketPrice: '4000000.00', marketPricePerSqm: '40000.00', variance: { amount: '-999999.99', pct: '-25.00' },
      paid: '100000.00', outstanding: '2900000.01', flagged: true,
    });
    expect(c1.flagTypes).toContain('BELOW_MARKET');
    expect(overview.receivablesAging).toEqual([
      { bucket: '0-90', sales: 0, outstanding: '0.00' },
      { bucket: '91-180', sales: 0, outstanding: '0.00' },
      { bucket: '181-365', sales: 1, outstanding: '2900000.01' },
      { bucket: '>365', sales: 1, outstanding: '4000000.00' },
    ]);
    await f.as.clerk.get('/api/projects/00000000-0000-4000-8000-000000000000/overview').expect(404);
    const bad = (await f.as.clerk.get('/api/projects/not-a-uuid/overview').expect(400)).body;
    expect(bad.message).toContain('id');
  });

  it('GET /api/audit-log?order=desc lists the newest entries first; another order is a 400', async () => {
    const asc = (await f.as.auditor.get('/api/audit-log?limit=5').expect(200)).body;
    const desc = (await f.as.auditor.get('/api/audit-log?limit=5&order=desc').expect(200)).body;
    expect(asc.total).toBe(desc.total);
    expect(desc.items[0].seq).toBe(desc.total);
    expect(desc.items.map((e: { seq: number }) => e.seq)).toEqual([...desc.items.map((e: { seq: number }) => e.seq)].sort((a, b) => b - a));
    expect(asc.items[0].seq).toBe(1);
    const bad = (await f.as.auditor.get('/api/audit-log?order=sideways').expect(400)).body;
    expect(bad.message).toContain('order');
  });
});

describe('the console’s files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'console-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  const built = Fastify();
  serveConsole(built, dir);
  const unbuilt = Fastify();
  serveConsole(unbuilt, null);
  beforeAll(() => Promise.all([built.ready(), unbuilt.ready()]));
  afterAll(() => Promise.all([built.close(), unbuilt.close()]));

  it('serves the page for any console path, never cached, with a content security policy', async () => {
    for (const path of ['/console', '/console/', '/console/queue', '/console/flags/1234']) {
      const response = await request(built.server).get(path).expect(200);
      expect(response.text).toContain('<title>console</title>');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    }
  });

  it('serves hashed assets cached for a year, and a missing asset is a 404, not the page', async () => {
    const asset = await request(built.server).get('/console/assets/index-abc123.js').expect(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    await request(built.server).get('/console/assets/index-gone.js').expect(404);
  });

  it('without a build, says how to make one', async () => {
    const response = await request(unbuilt.server).get('/console/queue').expect(404);
    expect(response.text).toContain('npm run build');
  });
});
