import { PoolClient } from 'pg';
import { DEFAULT_SETTINGS } from '../../src/projects/project-settings';
import { LedgerFactory } from '../factories/ledger';
import { TestApp, createTestApp } from '../utils/test-app';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

type LogEntry = { action: string; entityType: string; entityId: string; data: { before: Record<string, unknown>; after: Record<string, unknown> } };

describe('changing a project’s rule thresholds: PATCH /api/projects/:id/settings (e2e)', () => {
  let t: TestApp;
  let f: LedgerFactory;

  beforeAll(async () => {
    t = await createTestApp();
    f = await LedgerFactory.create(t);
  });
  afterAll(() => t.close());

  /** The overrides as stored, not as answered. */
  async function storedOverrides(projectId: string): Promise<Record<string, unknown>> {
    const { rows } = await t.db.sql.query('SELECT settings FROM projects WHERE id = $1', [projectId]);
    return rows[0].settings;
  }

  async function logSize(): Promise<number> {
    return f.count('audit_log');
  }

  async function settingsChanges(projectId: string): Promise<LogEntry[]> {
    const response = await f.as.auditor.get(`/api/audit-log?entityType=project&entityId=${projectId}`).expect(200);
    return (response.body.items as LogEntry[]).filter((entry) => entry.action === 'project.settings-changed');
  }

  describe('an accepted change', () => {
    it('stores the given settings over the other overrides, answers the effective settings and logs before and after', async () => {
      const project = await f.project({ minComparables: 5 });
      const response = await t.admin.patch(`/api/projects/${project.id}/settings`).send({ belowMarketPct: '5.00', depositDueDays: 14 }).expect(200);

      const after = { ...DEFAULT_SETTINGS, minComparables: 5, belowMarketPct: '5.00', depositDueDays: 14 };
      expect(response.body).toMatchObject({ id: project.id, code: project.code, currency: 'CNY' });
      expect(response.body.settings).toEqual(after);
      expect((await t.admin.get(`/api/projects/${project.id}`).expect(200)).body).toEqual(response.body);
      expect(await storedOverrides(project.id)).toEqual({ minComparables: 5, belowMarketPct: '5.00', depositDueDays: 14 });

      const changes = await settingsChanges(project.id);
      expect(changes).toHaveLength(1);
      expect(changes[0]).toMatchObject({
        action: 'project.settings-changed',
        entityType: 'project',
        entityId: project.id,
        data: { before: { ...DEFAULT_SETTINGS, minComparables: 5 }, after },
      });
    });

    it('merges a later change into the overrides of the earlier ones', async () => {
      const project = await f.project();
      await t.admin.patch(`/api/projects/${project.id}/settings`).send({ relatedPartyMaxHops: 1 }).expect(200);
      const second = await t.admin.patch(`/api/projects/${project.id}/settings`).send({ comparableOutlierPct: '20.00' }).expect(200);

      expect(second.body.settings).toEqual({ ...DEFAULT_SETTINGS, relatedPartyMaxHops: 1, comparableOutlierPct: '20.00' });
      expect(await storedOverrides(project.id)).toEqual({ relatedPartyMaxHops: 1, comparableOutlierPct: '20.00' });
      const changes = await settingsChanges(project.id);
      expect(changes.map((entry) => entry.data)).toEqual([
        { before: { ...DEFAULT_SETTINGS }, after: { ...DEFAULT_SETTINGS, relatedPartyMaxHops: 1 } },
        { before: { ...DEFAULT_SETTINGS, relatedPartyMaxHops: 1 }, after: { ...DEFAULT_SETTINGS, relatedPartyMaxHops: 1, comparableOutlierPct: '20.00' } },
      ]);
    });

    it('judges the thresholds together: both BELOW_MARKET thresholds may be raised at once, and may be equal', async () => {
      const project = await f.project();
      const response = await t.admin
        .patch(`/api/projects/${project.id}/settings`)
        .send({ belowMarketPct: '40.00', belowMarketHighPct: '40.00' })
        .expect(200);
      expect(response.body.settings).toMatchObject({ belowMarketPct: '40.00', belowMarketHighPct: '40.00' });
    });

    it('accepts and logs a change that leaves every value as it was', async () => {
      const project = await f.project({ belowMarketPct: '8.00' });
      const before = await logSize();
      const response = await t.admin.patch(`/api/projects/${project.id}/settings`).send({ belowMarketPct: '8.00', minComparables: 3 }).expect(200);
      expect(response.body.settings).toEqual({ ...DEFAULT_SETTINGS, belowMarketPct: '8.00' });
      expect(await logSize()).toBe(before + 1);
      const [entry] = await settingsChanges(project.id);
      expect(entry.data.after).toEqual(entry.data.before);
      expect(await storedOverrides(project.id)).toEqual({ belowMarketPct: '8.00', minComparables: 3 });
    });
  });

  describe('who may change settings', () => {
    let projectId: string;

    beforeAll(async () => {
      projectId = (await f.project({ belowMarketPct: '12.00' })).id;
    });

    it.each(['clerk', 'finance', 'auditor'] as const)('refuses the %s role with a 403 and changes nothing', async (role) => {
      const before = await logSize();
      const response = await f.as[role].patch(`/api/projects/${projectId}/settings`).send({ belowMarketPct: '5.00' }).expect(403);
      expect(response.body.error).toBe('FORBIDDEN');
      expect(await storedOverrides(projectId)).toEqual({ belowMarketPct: '12.00' });
      expect(await logSize()).toBe(before);
    });

    it('refuses a request without a token with a 401 and changes nothing', async () => {
      const before = await logSize();
      const response = await t.http().patch(`/api/projects/${projectId}/settings`).send({ belowMarketPct: '5.00' }).expect(401);
      expect(response.body.error).toBe('UNAUTHENTICATED');
      expect(await storedOverrides(projectId)).toEqual({ belowMarketPct: '12.00' });
      expect(await logSize()).toBe(before);
    });
  });

  describe('refused requests write nothing', () => {
    let projectId: string;
    const overrides = { belowMarketPct: '12.00', depositDueDays: 10 };

    beforeAll(async () => {
      projectId = (await f.project(overrides)).id;
    });

    it('answers an unknown project with a 404', async () => {
      const before = await logSize();
      const response = await t.admin.patch(`/api/projects/${UNKNOWN_ID}/settings`).send({ belowMarketPct: '5.00' }).expect(404);
      expect(response.body).toMatchObject({ error: 'NOT_FOUND', details: { entity: 'project', id: UNKNOWN_ID } });
      expect(await logSize()).toBe(before);
    });

    it('answers a malformed project id with a 400 naming it', async () => {
      const response = await t.admin.patch('/api/projects/not-a-uuid/settings').send({ belowMarketPct: '5.00' }).expect(400);
      expect(response.body.details).toEqual([{ field: 'id', problem: 'must be a UUID' }]);
    });

    const refusals: Array<[string, unknown, string]> = [
      ['an unknown setting', { hops: 3 }, 'hops'],
      ['an unknown setting beside a valid one', { belowMarketPct: '5.00', hops: 3 }, 'hops'],
      ['a whole number under its range', { relatedPartyMaxHops: 0 }, 'relatedPartyMaxHops'],
      ['a whole number over its range', { minComparables: 101 }, 'minComparables'],
      ['a negative number of days', { depositDueDays: -1 }, 'depositDueDays'],
      ['a fraction for a whole number', { comparableWindowDays: 1.5 }, 'comparableWindowDays'],
      ['a string for a whole number', { minComparables: '5' }, 'minComparables'],
      ['null for a whole number', { depositDueDays: null }, 'depositDueDays'],
      ['a percentage over 100', { belowMarketPct: '100.01' }, 'belowMarketPct'],
      ['a negative percentage', { minDepositPct: '-1.00' }, 'minDepositPct'],
      ['a percentage with 3 decimals', { comparableOutlierPct: '15.001' }, 'comparableOutlierPct'],
      ['a number for a percentage', { belowMarketPct: 5 }, 'belowMarketPct'],
      ['null for a percentage', { batchMarketRiseHighPct: null }, 'batchMarketRiseHighPct'],
      ['belowMarketHighPct under the stored belowMarketPct', { belowMarketHighPct: '11.99' }, 'belowMarketHighPct'],
      ['belowMarketPct over the default belowMarketHighPct', { belowMarketPct: '30.01' }, 'belowMarketHighPct'],
      ['both BELOW_MARKET thresholds, the HIGH one under the other', { belowMarketPct: '20.00', belowMarketHighPct: '15.00' }, 'belowMarketHighPct'],
    ];

    it.each(refusals)('refuses %s with a 400 naming the field', async (_, body, field) => {
      const before = await logSize();
      const response = await t.admin.patch(`/api/projects/${projectId}/settings`).send(body as object).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'VALIDATION_FAILED' });
      expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(response.body.message).toContain(field);
      expect(await storedOverrides(projectId)).toEqual(overrides);
      expect(await logSize()).toBe(before);
    });

    it('refuses an empty body: give at least one setting', async () => {
      const before = await logSize();
      const response = await t.admin.patch(`/api/projects/${projectId}/settings`).send({}).expect(400);
      expect(response.body).toMatchObject({ error: 'VALIDATION_FAILED', message: expect.stringContaining('give at least one setting') });
      expect(await storedOverrides(projectId)).toEqual(overrides);
      expect(await logSize()).toBe(before);
    });

    it.each([
      ['an array of settings', [{ belowMarketPct: '5.00' }]],
      ['an empty array', []],
    ])('refuses %s for a body with a 400', async (_, body) => {
      const before = await logSize();
      const response = await t.admin.patch(`/api/projects/${projectId}/settings`).send(body).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'VALIDATION_FAILED' });
      expect(await storedOverrides(projectId)).toEqual(overrides);
      expect(await logSize()).toBe(before);
    });

    it.each([
      ['a JSON string', 'application/json', '"5.00"'],
      ['a JSON number', 'application/json', '5'],
    ])('refuses %s for a body with a 400', async (_, type, body) => {
      const before = await logSize();
      const response = await t.admin.patch(`/api/projects/${projectId}/settings`).set('Content-Type', type).send(body).expect(400);
      expect(response.body.statusCode).toBe(400);
      expect(await storedOverrides(projectId)).toEqual(overrides);
      expect(await logSize()).toBe(before);
    });

    it('refuses a plain-text body with a 415', async () => {
      const before = await logSize();
      const response = await t.admin.patch(`/api/projects/${projectId}/settings`).set('Content-Type', 'text/plain').send('belowMarketPct=5.00').expect(415);
      expect(response.body.error).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(await storedOverrides(projectId)).toEqual(overrides);
      expect(await logSize()).toBe(before);
    });
  });

  describe('on creation', () => {
    async function projectsCount(): Promise<number> {
      return f.count('projects');
    }

    it.each([
      ['belowMarketHighPct under belowMarketPct', { belowMarketPct: '20.00', belowMarketHighPct: '19.99' }, 'settings.belowMarketHighPct'],
      ['belowMarketPct over the default belowMarketHighPct', { belowMarketPct: '35.00' }, 'settings.belowMarketHighPct'],
      ['null for a setting', { minComparables: null }, 'settings.minComparables'],
    ])('refuses %s with a 400 naming the field, and creates nothing', async (_, settings, field) => {
      const [projects, log] = [await projectsCount(), await logSize()];
      const response = await t.admin.post('/api/projects').send({ code: 'BAD-SETTINGS', name: 'Bad', currency: 'CNY', settings }).expect(400);
      expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
      expect([await projectsCount(), await logSize()]).toEqual([projects, log]);
    });

    it('accepts equal BELOW_MARKET thresholds', async () => {
      const project = await f.project({ belowMarketPct: '30.00' });
      expect(await storedOverrides(project.id)).toEqual({ belowMarketPct: '30.00' });
    });
  });

  describe('simultaneous changes', () => {
    it('lands both of two simultaneous changes of different settings, one after the other', async () => {
      const project = await f.project();
      // Hold the project row, so that both requests are under way before either may go on.
      const holder: PoolClient = await t.db.sql.connect();
      let first: Promise<unknown> | undefined;
      let second: Promise<unknown> | undefined;
      try {
        await holder.query('BEGIN');
        await holder.query('SELECT id FROM projects WHERE id = $1 FOR UPDATE', [project.id]);
        first = t.admin.patch(`/api/projects/${project.id}/settings`).send({ minComparables: 7 }).expect(200).then();
        second = t.admin.patch(`/api/projects/${project.id}/settings`).send({ depositDueDays: 21 }).expect(200).then();
        await waitForLockWaiters(2);
      } finally {
        await holder.query('COMMIT');
        holder.release();
      }
      await Promise.all([first, second]);

      expect(await storedOverrides(project.id)).toEqual({ minComparables: 7, depositDueDays: 21 });
      expect((await t.admin.get(`/api/projects/${project.id}`).expect(200)).body.settings).toMatchObject({ minComparables: 7, depositDueDays: 21 });
      const changes = await settingsChanges(project.id);
      expect(changes).toHaveLength(2);
      // The later change saw the earlier one.
      expect(changes[1].data.before).toEqual(changes[0].data.after);
      expect(changes[1].data.after).toEqual({ ...DEFAULT_SETTINGS, minComparables: 7, depositDueDays: 21 });
    });

    it('lands every change of a burst of simultaneous changes', async () => {
      const project = await f.project();
      const burst: Array<Record<string, unknown>> = [
        { relatedPartyMaxHops: 1 }, { minComparables: 4 }, { comparableWindowDays: 60 }, { depositDueDays: 3 }, { minDepositPct: '7.50' },
      ];
      await Promise.all(burst.map((body) => t.admin.patch(`/api/projects/${project.id}/settings`).send(body).expect(200)));
      expect(await storedOverrides(project.id)).toEqual(Object.assign({}, ...burst));
      expect(await settingsChanges(project.id)).toHaveLength(burst.length);
    });

    async function waitForLockWaiters(count: number): Promise<void> {
      for (let attempt = 0; attempt < 200; attempt += 1) {
        const { rows } = await t.db.sql.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        if (rows[0].n >= count) return;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`fewer than ${count} requests ever waited for the project row`);
    }
  });

  it('is documented in the OpenAPI document: summary, settings body, project view answer, admins only', async () => {
    const document = (await t.http().get('/api/docs-json').expect(200)).body;
    const operation = document.paths['/api/projects/{id}/settings']?.patch;
    expect(operation).toBeDefined();
    expect(operation.summary).toMatch(/rule thresholds/);
    expect(operation.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ProjectSettingsDto' });
    expect(operation.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ProjectView' });
    expect(operation.responses['403'].description).toMatch(/; allowed roles: admin$/);
    expect(operation.responses['403'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ErrorResponseView' });
    expect(Object.keys(document.components.schemas.ProjectSettingsDto.properties).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
  });

  describe('the next evaluation', () => {
    it('raises BELOW_MARKET on the next audit run once belowMarketPct is lowered under a sale’s shortfall', async () => {
      const project = await f.project();
      const unit = await f.unit(project.id, { unitNo: 'S-1', saleableArea: '100.00', costPrice: '500000.00' });
      await f.marketPrice(project.id, { asOf: '2026-05-01', pricePerSqm: '10000.00' });
      const sale = await f.sale({ unitId: unit.id, contractDate: '2026-06-01', netPrice: '950000.00' });
      await f.pay(sale.id, '950000.00', '2026-06-01', 'BALANCE');
      expect(sale.market).toMatchObject({ price: '1000000.00', method: 'PROJECT_EVIDENCE' });

      const belowMarket = async () => (await t.admin.get(`/api/audit-flags?saleId=${sale.id}&type=BELOW_MARKET`).expect(200)).body.items;
      const auditRun = async () => (await f.as.auditor.post(`/api/projects/${project.id}/audit-runs`).send({}).expect(201)).body;

      // 5% under the market: not below the default 10% threshold, on recording nor on an audit run.
      expect(sale.flags.map((flag: { type: string }) => flag.type)).not.toContain('BELOW_MARKET');
      expect((await auditRun()).flagsRaised).toBe(0);
      expect(await belowMarket()).toEqual([]);

      await t.admin.patch(`/api/projects/${project.id}/settings`).send({ belowMarketPct: '4.00' }).expect(200);
      expect(await belowMarket()).toEqual([]);

      expect((await auditRun()).flagsRaised).toBe(1);
      const flags = await belowMarket();
      expect(flags).toHaveLength(1);
      expect(flags[0]).toMatchObject({
        type: 'BELOW_MARKET',
        severity: 'MEDIUM',
        status: 'OPEN',
        evidence: { belowMarketPct: '4.00', marketPrice: '1000000.00', shortfallPct: '5.00' },
      });
    });
  });
});
