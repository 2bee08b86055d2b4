import { rawRequest } from '../utils/raw-http';
import { ADMIN_TOKEN, TestApp, createTestApp } from '../utils/test-app';

/** Every piece of bad input is a 4xx naming the problem, and writes nothing. */
describe('malformed input (e2e)', () => {
  let t: TestApp;
  let projectId: string;

  beforeAll(async () => {
    t = await createTestApp();
    projectId = (await t.admin.post('/api/projects').send({ code: 'MAL-1', name: 'Malformed', currency: 'CNY' }).expect(201)).body.id;
    await t.admin.post(`/api/projects/${projectId}/units`).send({ unitNo: 'A-1', unitType: '2BR', saleableArea: '70.00' }).expect(201);
  });
  afterAll(() => t.close());

  async function counts(): Promise<Record<string, number>> {
    const { rows } = await t.db.sql.query(`
      SELECT (SELECT count(*)::int FROM audit_log) AS audit_log, (SELECT count(*)::int FROM projects) AS projects,
             (SELECT count(*)::int FROM units) AS units, (SELECT count(*)::int FROM users) AS users`);
    return rows[0];
  }

  const validUnit = { unitNo: 'B-1', unitType: '2BR', saleableArea: '70.00', costPrice: '2000000.00' };
  const validProject = { code: 'NEW-1', name: 'New', currency: 'CNY' };
  const huge = 'x'.repeat(10_000);

  const cases: Array<[string, string, () => string, unknown, number, string]> = [
    ['a JSON number for money', 'units', () => `/api/projects/${projectId}/units`, { ...validUnit, costPrice: 2000000 }, 400, 'costPrice'],
    ['money with 3 decimals', 'units', () => `/api/projects/${projectId}/units`, { ...validUnit, costPrice: '2000000.001' }, 400, 'costPrice'],
    ['negative money', 'units', () => `/api/projects/${projectId}/units`, { ...validUnit, costPrice: '-1.00' }, 400, 'costPrice'],
    ['zero area', 'units', () => `/api/projects/${projectId}/units`, { ...validUnit, saleableArea: '0' }, 400, 'saleableArea'],
    ['an area in exponent form', 'units', () => `/api/projects/${projectId}/units`, { ...validUnit, saleableArea: '1e2' }, 400, 'saleableArea'],
    ['a string for floor', 'units', () => `/api/projects/${projectId}/units`, { ...validUnit, floor: '18' }, 400, 'floor'],
    ['a missing unitType', 'units', () => `/api/projects/${projectId}/units`, { unitNo: 'B-2', saleableArea: '1.00' }, 400, 'unitType'],
    ['a huge unitNo', 'units', () => `/api/projects/${projectId}/units`, { ...validUnit, unitNo: huge }, 400, 'unitNo'],
    ['an unknown field', 'units', () => `/api/projects/${projectId}/units`, { ...validUnit, discount: '5' }, 400, 'discount'],
    ['an unknown project', 'units', () => '/api/projects/00000000-0000-4000-8000-000000000000/units', validUnit, 404, 'project'],
    ['a malformed project id', 'units', () => '/api/projects/123/units', validUnit, 400, 'projectId'],
    ['a lower-case currency', 'projects', () => '/api/projects', { ...validProject, currency: 'cny' }, 400, 'currency'],
    ['a number for a name', 'projects', () => '/api/projects', { ...validProject, name: 42 }, 400, 'name'],
    ['null for a name', 'projects', () => '/api/projects', { ...validProject, name: null }, 400, 'name'],
    ['a code with spaces', 'projects', () => '/api/projects', { ...validProject, code: 'A B' }, 400, 'code'],
    ['an unknown setting', 'projects', () => '/api/projects', { ...validProject, settings: { hops: 9 } }, 400, 'settings.hops'],
    ['a setting out of range', 'projects', () => '/api/projects', { ...validProject, settings: { relatedPartyMaxHops: 0 } }, 400, 'settings.relatedPartyMaxHops'],
    ['a percentage over 100', 'projects', () => '/api/projects', { ...validProject, settings: { belowMarketPct: '100.01' } }, 400, 'settings.belowMarketPct'],
    ['settings that are not an object', 'projects', () => '/api/projects', { ...validProject, settings: 'fast' }, 400, 'settings'],
    ['a huge name', 'projects', () => '/api/projects', { ...validProject, name: huge }, 400, 'name'],
    ['an array for a body', 'projects', () => '/api/projects', [validProject], 400, ''],
    ['an unknown role', 'users', () => '/api/users', { name: 'X', role: 'owner' }, 400, 'role'],
    ['an empty name', 'users', () => '/api/users', { name: '', role: 'clerk' }, 400, 'name'],
    ['a blank name', 'users', () => '/api/users', { name: ' \t ', role: 'clerk' }, 400, 'name'],
    ['null for money', 'units', () => `/api/projects/${projectId}/units`, { ...validUnit, costPrice: null }, 400, 'costPrice'],
    ['null for a floor', 'units', () => `/api/projects/${projectId}/units`, { ...validUnit, floor: null }, 400, 'floor'],
    ['an array for settings', 'projects', () => '/api/projects', { ...validProject, settings: [] }, 400, 'settings'],
    ['null for settings', 'projects', () => '/api/projects', { ...validProject, settings: null }, 400, 'settings'],
    ['null for a city', 'projects', () => '/api/projects', { ...validProject, city: null }, 400, 'city'],
    ['an object for a name', 'projects', () => '/api/projects', { ...validProject, name: { first: 'A' } }, 400, 'name'],
  ];

  it.each(cases)('answers %s (%s) with the status and field named', async (_, __, url, body, status, named) => {
    const before = await counts();
    const response = await t.admin.post(url()).send(body as object).expect(status);
    expect(response.body).toMatchObject({ statusCode: status, error: expect.any(String), message: expect.any(String) });
    expect(JSON.stringify(response.body)).toContain(named);
    expect(await counts()).toEqual(before);
  });

  it('names every bad field, not just the first', async () => {
    const response = await t.admin
      .post(`/api/projects/${projectId}/units`)
      .send({ unitNo: 7, unitType: '', saleableArea: 70 })
      .expect(400);
    const fields = response.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['unitNo', 'unitType', 'saleableArea']));
  });

  it('answers broken JSON with a 400', async () => {
    const before = await counts();
    const response = await t.admin.post('/api/projects').set('Content-Type', 'application/json').send('{"code": "X", ').expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'MALFORMED_JSON' });
    expect(await counts()).toEqual(before);
  });

  it('answers a body over the size limit with a 413', async () => {
    const before = await counts();
    const response = await t.admin
      .post('/api/projects')
      .send({ ...validProject, name: 'y'.repeat(3 * 1024 * 1024) })
      .expect(413);
    expect(response.body.error).toBe('PAYLOAD_TOO_LARGE');
    expect(await counts()).toEqual(before);
  });

  it.each([['text/plain'], ['application/x-www-form-urlencoded'], ['multipart/form-data; boundary=x'], ['text/csv']])(
    'answers a %s body on a JSON route with a 415',
    async (type) => {
      const before = await counts();
      const response = await t.admin.post('/api/projects').set('Content-Type', type).send('code=X').expect(415);
      expect(response.body).toMatchObject({ error: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining(type.split(';')[0]) });
      expect(await counts()).toEqual(before);
    },
  );

  it.each([
    ['limit=0'], ['limit=1001'], ['limit=abc'], ['offset=-1'], ['limit=1.5'], ['offset=1000001'], ['offset=1e9'],
  ])('refuses pagination %s', async (query) => {
    const response = await t.admin.get(`/api/projects?${query}`).expect(400);
    expect(response.body.details[0].field).toBe(query.split('=')[0]);
  });

  it.each([
    ['/api/projects?limit=1&limit=2', 'limit'],
    ['/api/projects?offset=0&offset=1', 'offset'],
    [`/api/sales?projectId=${'0'.repeat(8)}-0000-4000-8000-000000000000&projectId=x`, 'projectId'],
    ['/api/audit-flags?status=OPEN&status=CONFIRMED', 'status'],
    ['/api/sales?flagged=true&flagged=false', 'flagged'],
    ['/api/parties?name=%00', 'name'],
    ['/api/parties?name=a%00b&idNumber=1', 'name'],
    ['/api/audit-log?entityId=%00', 'entityId'],
  ])('answers a repeated or hostile query parameter %s with a 400 naming it', async (url, field) => {
    const response = await t.admin.get(url);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain(field);
  });

  it('refuses an unknown query parameter', async () => {
    await t.admin.get('/api/projects?sort=name').expect(400);
  });

  it('answers an unknown route with a 404 in the same error shape', async () => {
    const response = await t.admin.get('/api/nothing-here').expect(404);
    expect(response.body).toMatchObject({ statusCode: 404, error: 'ROUTE_NOT_FOUND' });
  });

  it.each([
    ['no token', undefined, 401],
    ['an unknown token', 'Bearer nope', 401],
    ['a malformed header', 'Token abc', 401],
  ])('refuses %s with a 401', async (_, header, status) => {
    const request = t.http().post('/api/projects').send(validProject);
    if (header) request.set('Authorization', header);
    const response = await request.expect(status);
    expect(response.body.error).toBe('UNAUTHENTICATED');
  });

  describe('hostile bodies, refused before any controller', () => {
    const post = (body: string | Buffer, headers: Record<string, string> = {}) => {
      const request = t.admin.post('/api/projects').set('Content-Type', 'application/json');
      for (const [name, value] of Object.entries(headers)) request.set(name, value);
      return request.send(body);
    };
    const postBytes = (bytes: Buffer, headers: Record<string, string> = {}) =>
      rawRequest(t.app, {
        path: '/api/projects',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Length': String(bytes.length), ...headers },
        chunks: [bytes],
      });

    it.each([
      ['nested 40 deep', () => `{"code":"D-1","name":"D","currency":"CNY","settings":${'['.repeat(40)}${']'.repeat(40)}}`, 'MALFORMED_BODY', 'deeper than 32'],
      ['nested 5,000 deep', () => `${'['.repeat(5000)}${']'.repeat(5000)}`, 'MALFORMED_BODY', 'deeper than 32'],
      ['nested 100,000 deep and unclosed', () => '{"a":'.repeat(100_000), 'MALFORMED_BODY', 'deeper than 32'],
      ['a NUL in a value', () => '{"code":"N-1","name":"a\\u0000b","currency":"CNY"}', 'MALFORMED_BODY', 'name contains a NUL'],
      ['a NUL in a key', () => '{"code":"N-1","name":"a","currency":"CNY","x\\u0000":1}', 'MALFORMED_BODY', 'NUL'],
      ['a lone high surrogate', () => '{"code":"S-1","name":"\\ud800","currency":"CNY"}', 'MALFORMED_BODY', 'name contains a lone UTF-16 surrogate'],
      ['a lone low surrogate in a nested value', () => '{"code":"S-1","name":"n","currency":"CNY","settings":{"x":["\\udc00"]}}', 'MALFORMED_BODY', 'settings.x[0]'],
      ['a __proto__ key', () => '{"code":"P-1","name":"n","currency":"CNY","__proto__":{"admin":true}}', 'MALFORMED_BODY', '__proto__'],
      ['a nested constructor key', () => '{"code":"P-1","name":"n","currency":"CNY","settings":{"constructor":{"prototype":{}}}}', 'MALFORMED_BODY', 'settings.constructor'],
      ['a toString key in settings', () => '{"code":"P-1","name":"n","currency":"CNY","settings":{"toString":{"a":1}}}', 'MALFORMED_BODY', 'settings.toString'],
      ['a hasOwnProperty key', () => '{"code":"P-1","name":"n","currency":"CNY","hasOwnProperty":1}', 'MALFORMED_BODY', 'hasOwnProperty'],
      ['a prototype key', () => '{"code":"P-1","name":"n","currency":"CNY","prototype":1}', 'MALFORMED_BODY', 'prototype'],
      ['a bare number', () => '42', 'MALFORMED_JSON', 'JSON object'],
    ])('answers a body %s with a 400 naming the problem', async (_, body, code, named) => {
      const before = await counts();
      const response = await post(body()).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: code, requestId: expect.any(String) });
      expect(JSON.stringify(response.body)).toContain(named);
      expect(await counts()).toEqual(before);
    });

    it('keeps a well-formed surrogate pair (an emoji) and other Unicode', async () => {
      const response = await post(JSON.stringify({ code: 'EMOJI-1', name: 'Garden 🌳 花园', currency: 'CNY' })).expect(201);
      expect(response.body.name).toBe('Garden 🌳 花园');
    });

    it('answers invalid UTF-8 bytes with a 400', async () => {
      const before = await counts();
      const bytes = Buffer.concat([Buffer.from('{"code":"U-1","name":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('","currency":"CNY"}')]);
      const response = await postBytes(bytes);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: 'MALFORMED_BODY', message: expect.stringContaining('UTF-8') });
      expect(await counts()).toEqual(before);
    });

    it.each([['latin1'], ['utf-16'], ['iso-8859-1']])('answers charset=%s with a 400 naming the charset', async (charset) => {
      const response = await post(JSON.stringify(validProject), { 'Content-Type': `application/json; charset=${charset}` }).expect(400);
      expect(response.body).toMatchObject({ error: 'MALFORMED_BODY', message: expect.stringContaining(charset) });
    });

    it('takes charset=utf-8 in any case', async () => {
      await post(JSON.stringify({ ...validProject, code: 'CS-1' }), { 'Content-Type': 'application/json; charset=UTF-8' }).expect(201);
    });

    it('takes a gzip body, and answers a broken one with a 400 and an unknown encoding with a 415', async () => {
      const { gzipSync } = await import('node:zlib');
      expect((await postBytes(gzipSync(JSON.stringify({ ...validProject, code: 'GZ-1' })), { 'Content-Encoding': 'gzip' })).status).toBe(201);
      const before = await counts();
      const broken = await postBytes(Buffer.from('not gzip at all'), { 'Content-Encoding': 'gzip' });
      expect(broken.status).toBe(400);
      expect(broken.body).toMatchObject({ error: 'MALFORMED_BODY', message: expect.stringContaining('gzip') });
      const unknown = await post(JSON.stringify(validProject), { 'Content-Encoding': 'compress' }).expect(415);
      expect(unknown.body).toMatchObject({ error: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining('compress') });
      expect(await counts()).toEqual(before);
    });

    it('answers a gzip body that inflates past the size limit with a 413', async () => {
      const { gzipSync } = await import('node:zlib');
      const bomb = gzipSync(JSON.stringify({ ...validProject, name: ' '.repeat(20 * 1024 * 1024) }));
      expect(bomb.length).toBeLessThan(100_000);
      const response = await postBytes(bomb, { 'Content-Encoding': 'gzip' });
      expect(response.status).toBe(413);
      expect(response.body).toMatchObject({ error: 'PAYLOAD_TOO_LARGE' });
    });
  });
});
