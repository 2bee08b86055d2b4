import { TestApp, createTestApp } from '../utils/test-app';

describe('projects and units (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates a project with effective settings and reads it back', async () => {
    const created = await t.admin
      .post('/api/projects')
      .send({ code: 'BAY-1', name: 'Bayview Phase 1', currency: 'CNY', city: 'Shenzhen', settings: { minComparables: 5 } })
      .expect(201);
    expect(created.body).toMatchObject({
      code: 'BAY-1',
      currency: 'CNY',
      settings: { minComparables: 5, relatedPartyMaxHops: 3, belowMarketPct: '10.00', minDepositPct: '5.00', comparableOutlierPct: '15.00' },
    });
    const read = await t.admin.get(`/api/projects/${created.body.id}`).expect(200);
    expect(read.body).toEqual(created.body);
  });

  it('refuses a second project with the same code', async () => {
    await t.admin.post('/api/projects').send({ code: 'DUP-1', name: 'A', currency: 'HKD' }).expect(201);
    const second = await t.admin.post('/api/projects').send({ code: 'DUP-1', name: 'B', currency: 'HKD' }).expect(409);
    expect(second.body).toMatchObject({ statusCode: 409, error: 'ALREADY_EXISTS' });
  });

  it('adds units and lists them', async () => {
    const project = (await t.admin.post('/api/projects').send({ code: 'U-1', name: 'Units', currency: 'CNY' }).expect(201)).body;
    const unit = await t.admin
      .post(`/api/projects/${project.id}/units`)
      .send({ unitNo: '1-101', building: '1', floor: 1, unitType: '3BR', saleableArea: '89.5', costPrice: '3000000' })
      .expect(201);
    expect(unit.body).toMatchObject({ unitNo: '1-101', saleableArea: '89.50', costPrice: '3000000.00' });
    await t.admin.post(`/api/projects/${project.id}/units`).send({ unitNo: '1-101', unitType: '3BR', saleableArea: '1' }).expect(409);
    const list = await t.admin.get(`/api/projects/${project.id}/units`).expect(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0].id).toBe(unit.body.id);
  });

  it('answers 404 for an unknown project and 400 for a malformed id', async () => {
    await t.admin.get('/api/projects/00000000-0000-4000-8000-000000000000').expect(404);
    const bad = await t.admin.get('/api/projects/not-a-uuid').expect(400);
    expect(bad.body.details).toEqual([{ field: 'id', problem: 'must be a UUID' }]);
  });
});
