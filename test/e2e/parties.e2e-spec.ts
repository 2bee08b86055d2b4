import { TestApp, createTestApp } from '../utils/test-app';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('parties and the related-party register (e2e)', () => {
  let t: TestApp;
  let clerk: string;
  let auditor: string;
  let finance: string;

  beforeAll(async () => {
    t = await createTestApp();
    [clerk, auditor, finance] = await Promise.all([t.tokenFor('clerk'), t.tokenFor('auditor'), t.tokenFor('finance')]);
  });
  afterAll(() => t.close());

  async function createParty(body: Record<string, unknown>): Promise<{ id: string; [field: string]: unknown }> {
    return (await t.admin.post('/api/parties').send({ kind: 'PERSON', ...body }).expect(201)).body;
  }

  async function relate(partyId: string, relationship: string, relatedPartyId: string) {
    return (await t.as(auditor).post(`/api/parties/${partyId}/relations`).send({ relatedPartyId, relationship }).expect(201)).body;
  }

  async function counts(): Promise<{ parties: number; relations: number; auditEntries: number }> {
    const { rows } = await t.db.sql.query(`
      SELECT (SELECT count(*) FROM parties)::int AS parties,
             (SELECT count(*) FROM party_relations)::int AS relations,
             (SELECT count(*) FROM audit_log)::int AS "auditEntries"`);
    return rows[0];
  }

  describe('registering parties', () => {
    it('lets clerk, auditor and admin register a party, each with one audit entry', async () => {
      for (const agent of [t.as(clerk), t.as(auditor), t.admin]) {
        const created = await agent
          .post('/api/parties')
          .send({ kind: 'COMPANY', name: '  Shenzhen Bayview Holdings Ltd  ', bankAccount: '6222 0212 3456 7890' })
          .expect(201);
        expect(created.body).toEqual({
          id: expect.any(String),
          kind: 'COMPANY',
          name: 'Shenzhen Bayview Holdings Ltd',
          idNumber: null,
          phone: null,
          address: null,
          bankAccount: '6222 0212 3456 7890',
          insiderRole: null,
          createdAt: '2026-06-30T09:00:00.000Z',
          relatedParty: { isRelated: false, paths: [] },
        });
        const { rows } = await t.db.sql.query('SELECT action, entity_type FROM audit_log WHERE entity_id = $1', [created.body.id]);
        expect(rows).toEqual([{ action: 'party.created', entity_type: 'party' }]);
      }
    });

    it('refuses finance with 403 and writes nothing', async () => {
      const before = await counts();
      const refused = await t.as(finance).post('/api/parties').send({ kind: 'PERSON', name: 'Li Na' }).expect(403);
      expect(refused.body.error).toBe('FORBIDDEN');
      expect(await counts()).toEqual(before);
    });

    it('stores the raw identifiers and their normalised forms', async () => {
      const party = await createParty({
        name: 'Zhao Min',
        idNumber: '110101-19900307-123x',
        phone: '+86 138-0000-0009',
        bankAccount: '6222.0212-3456 7890',
        address: 'Room 1801, Block 2',
        insiderRole: 'DIRECTOR',
      });
      expect(party).toMatchObject({ idNumber: '110101-19900307-123x', phone: '+86 138-0000-0009', insiderRole: 'DIRECTOR' });
      const { rows } = await t.db.sql.query(
        'SELECT id_number_norm, phone_norm, bank_account_norm FROM parties WHERE id = $1',
        [party.id],
      );
      expect(rows[0]).toEqual({ id_number_norm: '11010119900307123X', phone_norm: '+8613800000009', bank_account_norm: '6222021234567890' });
      const read = await t.admin.get(`/api/parties/${party.id}`).expect(200);
      expect(read.body).toEqual({ ...party, relatedParty: { isRelated: true, paths: [[party.id]] }, flags: [] });
    });

    it.each([
      ['an unknown field', { kind: 'PERSON', name: 'A', nickname: 'x' }, 'nickname'],
      ['a kind that is neither PERSON nor COMPANY', { kind: 'TRUST', name: 'A' }, 'kind'],
      ['a number for the name', { kind: 'PERSON', name: 42 }, 'name'],
      ['a 300-character name', { kind: 'PERSON', name: 'x'.repeat(300) }, 'name'],
      ['a name of spaces only', { kind: 'PERSON', name: '   ' }, 'name'],
      ['a missing name', { kind: 'PERSON' }, 'name'],
      ['a 65-character id number', { kind: 'PERSON', name: 'A', idNumber: '1'.repeat(65) }, 'idNumber'],
      ['a 41-character phone', { kind: 'PERSON', name: 'A', phone: '1'.repeat(41) }, 'phone'],
      ['a 501-character address', { kind: 'PERSON', name: 'A', address: 'x'.repeat(501) }, 'address'],
      ['a 65-character bank account', { kind: 'PERSON', name: 'A', bankAccount: '1'.repeat(65) }, 'bankAccount'],
      ['a lower-case insider role', { kind: 'PERSON', name: 'A', insiderRole: 'ceo' }, 'insiderRole'],
      ['a 41-character insider role', { kind: 'PERSON', name: 'A', insiderRole: 'C'.repeat(41) }, 'insiderRole'],
    ])('refuses %s with 400 naming the field, writing nothing', async (_case, body, field) => {
      const before = await counts();
      const refused = await t.admin.post('/api/parties').send(body).expect(400);
      expect(refused.body.error).toBe('VALIDATION_FAILED');
      expect(refused.body.details.map((problem: { field: string }) => problem.field)).toContain(field);
      expect(await counts()).toEqual(before);
    });
  });

  describe('recording relations', () => {
    let ceo: string;
    let driver: string;

    beforeAll(async () => {
      ceo = (await createParty({ name: 'Relations CEO', insiderRole: 'CEO' })).id;
      driver = (await createParty({ name: 'Relations Driver' })).id;
    });

    it('records "the driver is PERSONAL_STAFF of the CEO" with one audit entry', async () => {
      const before = await counts();
      const created = await t.as(auditor)
        .post(`/api/parties/${driver}/relations`)
        .send({ relatedPartyId: ceo, relationship: 'PERSONAL_STAFF', note: ' drives for the CEO ' })
        .expect(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        partyId: driver,
        relatedPartyId: ceo,
        relationship: 'PERSONAL_STAFF',
        note: 'drives for the CEO',
        createdAt: '2026-06-30T09:00:00.000Z',
      });
      expect(await counts()).toEqual({ ...before, relations: before.relations + 1, auditEntries: before.auditEntries + 1 });
      const { rows } = await t.db.sql.query('SELECT action, entity_type, entity_id, data FROM audit_log ORDER BY seq DESC LIMIT 1');
      expect(rows[0]).toEqual({ action: 'party.related', entity_type: 'party', entity_id: driver, data: created.body });
    });

    it('refuses the same relation twice with 409 and writes nothing', async () => {
      await relate(driver, 'EMPLOYEE', ceo);
      const before = await counts();
      const again = await t.admin.post(`/api/parties/${driver}/relations`).send({ relatedPartyId: ceo, relationship: 'EMPLOYEE' }).expect(409);
      expect(again.body.error).toBe('ALREADY_EXISTS');
      expect(await counts()).toEqual(before);
    });

    it.each([
      ['an unknown relationship', () => `/api/parties/${driver}/relations`, () => ({ relatedPartyId: ceo, relationship: 'COUSIN' }), 400, 'relationship'],
      ['a relation of a party to itself', () => `/api/parties/${driver}/relations`, () => ({ relatedPartyId: driver, relationship: 'OTHER' }), 400, 'relatedPartyId'],
      ['a malformed relatedPartyId', () => `/api/parties/${driver}/relations`, () => ({ relatedPartyId: 'ceo', relationship: 'OTHER' }), 400, 'relatedPartyId'],
      ['an unknown relatedPartyId', () => `/api/parties/${driver}/relations`, () => ({ relatedPartyId: UNKNOWN_ID, relationship: 'OTHER' }), 422, 'relatedPartyId'],
      ['a malformed party id', () => '/api/parties/not-a-uuid/relations', () => ({ relatedPartyId: ceo, relationship: 'OTHER' }), 400, 'id'],
    ])('refuses %s, writing nothing', async (_case, url, body, status, field) => {
      const before = await counts();
      const refused = await t.admin.post(url()).send(body()).expect(status);
      expect(refused.body.details.map((problem: { field: string }) => problem.field)).toContain(field);
      expect(await counts()).toEqual(before);
    });

    it('answers 404 for an unknown party, writing nothing', async () => {
      const before = await counts();
      const refused = await t.admin.post(`/api/parties/${UNKNOWN_ID}/relations`).send({ relatedPartyId: ceo, relationship: 'OTHER' }).expect(404);
      expect(refused.body).toMatchObject({ error: 'NOT_FOUND', details: { entity: 'party', id: UNKNOWN_ID } });
      expect(await counts()).toEqual(before);
    });

    it('lets only auditor and admin record a relation', async () => {
      const before = await counts();
      for (const token of [clerk, finance]) {
        await t.as(token).post(`/api/parties/${driver}/relations`).send({ relatedPartyId: ceo, relationship: 'FAMILY' }).expect(403);
      }
      expect(await counts()).toEqual(before);
      await t.admin.post(`/api/parties/${driver}/relations`).send({ relatedPartyId: ceo, relationship: 'FAMILY' }).expect(201);
    });

    it('lists the relations of a party in either direction, paginated', async () => {
      const wife = (await createParty({ name: 'Relations Driver Wife' })).id;
      await relate(wife, 'SPOUSE', driver);

      const ofDriver = await t.as(finance).get(`/api/parties/${driver}/relations`).expect(200);
      expect(ofDriver.body.total).toBe(4);
      expect(ofDriver.body.items.map((r: { partyId: string; relationship: string; relatedPartyId: string }) => [r.partyId, r.relationship, r.relatedPartyId]).sort()).toEqual(
        [
          [driver, 'EMPLOYEE', ceo],
          [driver, 'FAMILY', ceo],
          [driver, 'PERSONAL_STAFF', ceo],
          [wife, 'SPOUSE', driver],
        ].sort(),
      );
      const page = await t.as(clerk).get(`/api/parties/${driver}/relations?limit=1&offset=1`).expect(200);
      expect(page.body.total).toBe(4);
      expect(page.body.items).toHaveLength(1);
      const ofWife = await t.admin.get(`/api/parties/${wife}/relations`).expect(200);
      expect(ofWife.body.items.map((r: { relationship: string }) => r.relationship)).toEqual(['SPOUSE']);
      await t.admin.get(`/api/parties/${UNKNOWN_ID}/relations`).expect(404);
    });
  });

  describe('related-party findings', () => {
    it("finds the CEO's driver related by PERSONAL_STAFF (the driver's flat)", async () => {
      const ceo = (await createParty({ name: 'Chen CEO', insiderRole: 'CEO' })).id;
      const driver = (await createParty({ name: 'Liu Driver' })).id;
      const stranger = (await createParty({ name: 'Stranger' })).id;
      await relate(driver, 'PERSONAL_STAFF', ceo);

      const read = await t.as(clerk).get(`/api/parties/${driver}`).expect(200);
      expect(read.body.relatedParty).toEqual({ isRelated: true, paths: [[driver, 'PERSONAL_STAFF', ceo]] });
      expect((await t.as(finance).get(`/api/parties/${ceo}`).expect(200)).body.relatedParty).toEqual({ isRelated: true, paths: [[ceo]] });
      expect((await t.admin.get(`/api/parties/${stranger}`).expect(200)).body.relatedParty).toEqual({ isRelated: false, paths: [] });
    });

    it('follows 3 hops by default (company —CONTROLS— A —FAMILY— B —SPOUSE— the CFO), 4 only for a project that allows 4', async () => {
      const cfo = (await createParty({ name: 'Hops CFO', insiderRole: 'CFO' })).id;
      const b = (await createParty({ name: 'Hops B' })).id;
      const a = (await createParty({ name: 'Hops A' })).id;
      const company = (await createParty({ kind: 'COMPANY', name: 'Hops Holdings Ltd' })).id;
      const nominee = (await createParty({ name: 'Hops Nominee' })).id;
      await relate(b, 'SPOUSE', cfo);
      await relate(a, 'FAMILY', b);
      await relate(company, 'CONTROLS', a);
      await relate(nominee, 'NOMINEE', company);
      const fourHops = (await t.admin.post('/api/projects').send({ code: 'HOPS-4', name: 'Four hops', currency: 'CNY', settings: { relatedPartyMaxHops: 4 } }).expect(201)).body.id;
      const defaults = (await t.admin.post('/api/projects').send({ code: 'HOPS-3', name: 'Default hops', currency: 'CNY' }).expect(201)).body.id;

      expect((await t.admin.get(`/api/parties/${company}`).expect(200)).body.relatedParty).toEqual({
        isRelated: true,
        paths: [[company, 'CONTROLS', a, 'FAMILY', b, 'SPOUSE', cfo]],
      });
      expect((await t.admin.get(`/api/parties/${company}?projectId=${defaults}`).expect(200)).body.relatedParty.isRelated).toBe(true);
      expect((await t.admin.get(`/api/parties/${nominee}`).expect(200)).body.relatedParty).toEqual({ isRelated: false, paths: [] });
      expect((await t.admin.get(`/api/parties/${nominee}?projectId=${defaults}`).expect(200)).body.relatedParty.isRelated).toBe(false);
      expect((await t.admin.get(`/api/parties/${nominee}?projectId=${fourHops}`).expect(200)).body.relatedParty).toEqual({
        isRelated: true,
        paths: [[nominee, 'NOMINEE', company, 'CONTROLS', a, 'FAMILY', b, 'SPOUSE', cfo]],
      });
    });

    it('follows a relation recorded the other way round (the CEO controls the buying company)', async () => {
      const ceo = (await createParty({ name: 'Reverse CEO', insiderRole: 'CEO' })).id;
      const company = (await createParty({ kind: 'COMPANY', name: 'Reverse Holdings Ltd' })).id;
      const nominee = (await createParty({ name: 'Reverse Nominee' })).id;
      await relate(ceo, 'CONTROLS', company);
      await relate(company, 'NOMINEE', nominee);

      expect((await t.admin.get(`/api/parties/${company}`).expect(200)).body.relatedParty).toEqual({
        isRelated: true,
        paths: [[company, 'CONTROLS', ceo]],
      });
      expect((await t.admin.get(`/api/parties/${nominee}`).expect(200)).body.relatedParty).toEqual({
        isRelated: true,
        paths: [[nominee, 'NOMINEE', company, 'CONTROLS', ceo]],
      });
    });

    it('answers 404 for an unknown projectId and 400 for a malformed one or a malformed party id', async () => {
      const party = (await createParty({ name: 'Project Probe' })).id;
      const unknown = await t.admin.get(`/api/parties/${party}?projectId=${UNKNOWN_ID}`).expect(404);
      expect(unknown.body.details).toEqual({ entity: 'project', id: UNKNOWN_ID });
      const malformed = await t.admin.get(`/api/parties/${party}?projectId=HOPS-3`).expect(400);
      expect(malformed.body.details.map((problem: { field: string }) => problem.field)).toEqual(['projectId']);
      const badId = await t.admin.get('/api/parties/not-a-uuid').expect(400);
      expect(badId.body.details).toEqual([{ field: 'id', problem: 'must be a UUID' }]);
      await t.admin.get(`/api/parties/${UNKNOWN_ID}`).expect(404);
    });

    it('matches a phone written +86 138-0000-0001 with one written 13800000001', async () => {
      const director = (await createParty({ name: 'Phone Director', phone: '+86 138-0000-0001', insiderRole: 'DIRECTOR' })).id;
      const buyer = await createParty({ name: 'Phone Buyer', phone: '13800000001' });
      expect(buyer.relatedParty).toEqual({ isRelated: true, paths: [[buyer.id, 'SAME_PHONE', director]] });
      expect((await t.admin.get(`/api/parties/${buyer.id}`).expect(200)).body.relatedParty.paths).toEqual([[buyer.id, 'SAME_PHONE', director]]);

      const found = await t.admin.get(`/api/parties?phone=${encodeURIComponent('0086 13800000001')}`).expect(200);
      expect(found.body.items.map((p: { id: string }) => p.id).sort()).toEqual([director, buyer.id].sort());
      expect(found.body.total).toBe(2);
    });

    it('matches an id number whatever its separators and case, through a party joined to an insider', async () => {
      const ceo = (await createParty({ name: 'Id CEO', insiderRole: 'CEO' })).id;
      const driver = (await createParty({ name: 'Id Driver', idNumber: '44030419850101002x' })).id;
      const buyer = (await createParty({ name: 'Id Buyer', idNumber: '440304-19850101-002X' })).id;
      await relate(driver, 'PERSONAL_STAFF', ceo);

      expect((await t.admin.get(`/api/parties/${buyer}`).expect(200)).body.relatedParty).toEqual({
        isRelated: true,
        paths: [[buyer, 'SAME_ID_NUMBER', driver, 'PERSONAL_STAFF', ceo]],
      });
      const found = await t.admin.get('/api/parties?idNumber=440304%2019850101%20002x').expect(200);
      expect(found.body.items.map((p: { id: string }) => p.id).sort()).toEqual([driver, buyer].sort());
    });
  });

  describe('listing parties', () => {
    let insider: string;
    let outsider: string;

    beforeAll(async () => {
      insider = (await createParty({ name: 'Filter Insider Wu', insiderRole: 'EMPLOYEE' })).id;
      outsider = (await createParty({ name: 'Filter Outsider Wu' })).id;
    });

    it('filters by a part of the name in any case, and by insider', async () => {
      const byName = await t.as(finance).get('/api/parties?name=filter%20').expect(200);
      expect(byName.body.items.map((p: { id: string }) => p.id)).toEqual([insider, outsider]);
      expect(byName.body.total).toBe(2);

      const insiders = await t.admin.get('/api/parties?name=filter&insider=true').expect(200);
      expect(insiders.body.items).toEqual([expect.objectContaining({ id: insider, relatedParty: { isRelated: true, paths: [[insider]] } })]);
      const outsiders = await t.admin.get('/api/parties?name=filter&insider=false').expect(200);
      expect(outsiders.body.items.map((p: { id: string }) => p.id)).toEqual([outsider]);
    });

    it('treats % and _ in the name filter as plain characters', async () => {
      const list = await t.admin.get('/api/parties?name=%25').expect(200);
      expect(list.body).toEqual({ items: [], total: 0 });
    });

    it('paginates', async () => {
      const page = await t.admin.get('/api/parties?name=filter&limit=1&offset=1').expect(200);
      expect(page.body.total).toBe(2);
      expect(page.body.items.map((p: { id: string }) => p.id)).toEqual([outsider]);
    });

    it('refuses an insider filter that is not true or false', async () => {
      const refused = await t.admin.get('/api/parties?insider=yes').expect(400);
      expect(refused.body.details).toEqual([{ field: 'insider', problem: 'must be true or false' }]);
    });
  });
});
