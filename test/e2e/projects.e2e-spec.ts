import { DataSource } from 'typeorm';
import { ProjectTimeZone1765530000000 } from '../../migrations/1765530000000-ProjectTimeZone';
import { MIGRATIONS } from '../../src/database/migrations';
import { LedgerFactory } from '../factories/ledger';
import { TestApp, createTestApp } from '../utils/test-app';
import { createTestDatabase } from '../utils/test-database';

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
      timeZone: 'Asia/Shanghai',
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

describe('the time zone of a project (e2e)', () => {
  let t: TestApp;
  let code = 0;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const nextCode = () => `TZ-${(code += 1)}`;

  async function stored(id: string): Promise<string> {
    return (await t.db.sql.query('SELECT time_zone FROM projects WHERE id = $1', [id])).rows[0].time_zone;
  }

  async function written(): Promise<{ projects: number; log: number }> {
    const { rows: [counts] } = await t.db.sql.query('SELECT (SELECT count(*)::int FROM projects) AS projects, (SELECT count(*)::int FROM audit_log) AS log');
    return counts;
  }

  it.each([
    ['CNY', 'Asia/Shanghai'],
    ['HKD', 'Asia/Hong_Kong'],
    ['USD', 'UTC'],
    ['EUR', 'UTC'],
  ])('gives a %s project without one the zone %s, in every view and in the audit log', async (currency, timeZone) => {
    const created = (await t.admin.post('/api/projects').send({ code: nextCode(), name: 'Default zone', currency }).expect(201)).body;
    expect(created).toMatchObject({ currency, timeZone });
    expect(await stored(created.id)).toBe(timeZone);
    expect((await t.admin.get(`/api/projects/${created.id}`).expect(200)).body).toEqual(created);
    const listed = (await t.admin.get('/api/projects?limit=100').expect(200)).body.items.find((item: { id: string }) => item.id === created.id);
    expect(listed).toEqual(created);
    const log = await t.admin.get(`/api/audit-log?entityType=project&entityId=${created.id}`).expect(200);
    expect(log.body.items[0]).toMatchObject({ action: 'project.created', data: { currency, timeZone } });
  });

  it.each([
    ['CNY', 'Europe/London'],
    ['HKD', 'UTC'],
    ['USD', 'Asia/Hong_Kong'],
    ['CNY', 'Asia/Shanghai'],
  ])('keeps the zone given to a %s project: %s', async (currency, timeZone) => {
    const created = (await t.admin.post('/api/projects').send({ code: nextCode(), name: 'Given zone', currency, timeZone }).expect(201)).body;
    expect(created).toMatchObject({ currency, timeZone });
    expect(await stored(created.id)).toBe(timeZone);
    expect((await t.admin.get(`/api/projects/${created.id}`).expect(200)).body.timeZone).toBe(timeZone);
  });

  it('carries the zone through the test factory, given or not', async () => {
    const f = await LedgerFactory.create(t);
    expect((await f.project({}, 'HKD')).timeZone).toBe('Asia/Hong_Kong');
    expect((await f.project({}, 'CNY', 'Asia/Taipei')).timeZone).toBe('Asia/Taipei');
  });

  const EXAMPLES = 'such as Asia/Shanghai, Asia/Hong_Kong or UTC';
  it.each([
    ['a zone that does not exist', 'Mars/Olympus', `Mars/Olympus is not an IANA time zone name, ${EXAMPLES}`],
    ['an offset', '+08:00', `+08:00 is an offset from UTC, not a time zone; give an IANA time zone name, ${EXAMPLES}`],
    ['a zone with a trailing space', 'Asia/Shanghai ', '"Asia/Shanghai " must be written without spaces: Asia/Shanghai'],
    ['a zone in the wrong case', 'asia/hong_kong', 'asia/hong_kong must be written Asia/Hong_Kong'],
    ['another name of a zone', 'PRC', 'PRC is another name of Asia/Shanghai; write Asia/Shanghai'],
    ['an empty string', '', `must be an IANA time zone name, ${EXAMPLES}; it is empty`],
    ['a number', 8, `must be an IANA time zone name written as a string, ${EXAMPLES}`],
    ['null', null, `must be an IANA time zone name written as a string, ${EXAMPLES}`],
    ['a list', ['Asia/Shanghai'], `must be an IANA time zone name written as a string, ${EXAMPLES}`],
    ['an object', { zone: 'Asia/Shanghai' }, `must be an IANA time zone name written as a string, ${EXAMPLES}`],
    ['a huge string', 'Asia/'.repeat(100_000), `${'Asia/'.repeat(8)}… is longer than 64 characters; it must be an IANA time zone name, ${EXAMPLES}`],
  ])('refuses %s with a 400 naming timeZone, writing nothing', async (_, timeZone, problem) => {
    const before = await written();
    const projectCode = nextCode();
    const response = await t.admin.post('/api/projects').send({ code: projectCode, name: 'Bad zone', currency: 'CNY', timeZone }).expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'VALIDATION_FAILED', message: `timeZone: ${problem}` });
    expect(response.body.details).toEqual([{ field: 'timeZone', problem }]);
    expect(await written()).toEqual(before);
    await t.admin.get(`/api/projects?limit=100`).expect(200).then(({ body }) => {
      expect(body.items.map((item: { code: string }) => item.code)).not.toContain(projectCode);
    });
  });

  it('is refused by the database when empty, padded or missing', async () => {
    const insert = (zone: string | null) =>
      t.db.sql.query(`INSERT INTO projects (code, name, currency, time_zone, created_at) VALUES ('TZ-SQL', 'SQL', 'CNY', $1, now())`, [zone]);
    await expect(insert('')).rejects.toMatchObject({ code: '23514', constraint: 'projects_time_zone_check' });
    await expect(insert(' UTC')).rejects.toMatchObject({ code: '23514', constraint: 'projects_time_zone_check' });
    await expect(insert('A'.repeat(65))).rejects.toMatchObject({ code: '23514', constraint: 'projects_time_zone_check' });
    await expect(insert(null)).rejects.toMatchObject({ code: '23502', column: 'time_zone' });
  });

  it('is documented in the OpenAPI document, with an example', async () => {
    const { schemas } = (await t.http().get('/api/docs-json').expect(200)).body.components;
    expect(schemas.CreateProjectDto.properties.timeZone).toMatchObject({ type: 'string', example: 'Asia/Shanghai', maxLength: 64 });
    expect(schemas.CreateProjectDto.properties.timeZone.description).toContain('Asia/Hong_Kong for HKD');
    expect(schemas.CreateProjectDto.required).not.toContain('timeZone');
    expect(schemas.ProjectView.properties.timeZone).toMatchObject({ type: 'string', example: 'Asia/Shanghai' });
    expect(schemas.ProjectView.required).toContain('timeZone');
  });
});

describe('the project time zone migration (e2e)', () => {
  it('gives the projects stored before it the zone of their currency, and has a down() that undoes it', async () => {
    // Migrations after it are undone first, and redone after.
    const later = MIGRATIONS.slice(MIGRATIONS.indexOf(ProjectTimeZone1765530000000) + 1).map((Migration) => new Migration());
    const db = await createTestDatabase();
    const dataSource = new DataSource({ type: 'postgres', url: db.url });
    await dataSource.initialize();
    const runner = dataSource.createQueryRunner();
    const column = async () =>
      (await db.sql.query(
        `SELECT data_type, is_nullable FROM information_schema.columns WHERE table_name = 'projects' AND column_name = 'time_zone'`,
      )).rows;
    const zones = async () => (await db.sql.query('SELECT code, time_zone FROM projects ORDER BY code')).rows;
    try {
      expect(await column()).toEqual([{ data_type: 'text', is_nullable: 'NO' }]);
      const migration = new ProjectTimeZone1765530000000();
      for (const after of [...later].reverse()) await after.down(runner);
      await migration.down(runner);
      expect(await column()).toEqual([]);

      await db.sql.query(
        `INSERT INTO projects (code, name, currency, created_at)
         VALUES ('OLD-CNY', 'Shenzhen', 'CNY', now()), ('OLD-HKD', 'Kowloon', 'HKD', now()),
                ('OLD-USD', 'Boston', 'USD', now()), ('OLD-SGD', 'Tampines', 'SGD', now())`,
      );
      await migration.up(runner);
      for (const after of later) await after.up(runner);
      const expected = [
        { code: 'OLD-CNY', time_zone: 'Asia/Shanghai' },
        { code: 'OLD-HKD', time_zone: 'Asia/Hong_Kong' },
        { code: 'OLD-SGD', time_zone: 'UTC' },
        { code: 'OLD-USD', time_zone: 'UTC' },
      ];
      expect(await column()).toEqual([{ data_type: 'text', is_nullable: 'NO' }]);
      expect(await zones()).toEqual(expected);

      // down, then up again: the column goes with its check and comes back filled the same way
      for (const after of [...later].reverse()) await after.down(runner);
      await migration.down(runner);
      expect(await column()).toEqual([]);
      expect((await db.sql.query(`SELECT count(*)::int AS n FROM pg_constraint WHERE conname = 'projects_time_zone_check'`)).rows[0].n).toBe(0);
      await migration.up(runner);
      for (const after of later) await after.up(runner);
      expect(await zones()).toEqual(expected);
      expect((await db.sql.query(`SELECT count(*)::int AS n FROM pg_constraint WHERE conname = 'projects_time_zone_check'`)).rows[0].n).toBe(1);
    } finally {
      await runner.release();
      await dataSource.destroy();
      await db.drop();
    }
  });
});
