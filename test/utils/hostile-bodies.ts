import fc from 'fast-check';
import { Role } from '../../src/common/auth/role';
import { ROUTES } from './route-table';
import { TestApp } from './test-app';

/** What the write routes need to exist before a valid example body can be sent to them. */
export interface WriteContext {
  tokens: Record<Role, string>;
  projectId: string;
  unitNos: string[];
  buyerId: string;
  insiderId: string;
  saleId: string;
  paymentId: string;
  cancelledSaleId: string;
  flagId: string;
  /** A unit no sale has been recorded for. */
  freeUnitId: string;
}

export interface WriteRoute {
  /** As in the route table: `POST /api/sales/{id}/handover`. */
  route: string;
  method: 'post' | 'put' | 'patch';
  path: string;
  role: Role;
  token: string;
  /** false: the route takes a CSV or multipart upload, not JSON; it only receives hostile bodies. */
  json: boolean;
  /** A valid body, fresh at each call (unique codes and numbers) so repeatable routes can take it again. */
  example(): Record<string, unknown>;
  /** Fields that may be null (the valid mutation). */
  nullable: readonly string[];
  /** The example can be sent again and again with success (2xx), so a valid mutation must succeed. */
  repeatable: boolean;
}

let serial = 0;
const next = () => ++serial;

const roleFor = (route: string): Role => {
  const allowed = ROUTES[route];
  if (!allowed || allowed === 'public') throw new Error(`${route} is not in the route table with roles`);
  return allowed[0];
};

/** Builds a project with units, parties (one an insider), a flagged sale with a payment and a cancelled sale owing a refund. */
export async function prepareWriteContext(t: TestApp): Promise<WriteContext> {
  const tokens = {} as Record<Role, string>;
  for (const role of ['admin', 'clerk', 'finance', 'auditor'] as Role[]) tokens[role] = await t.tokenFor(role);
  const as = (role: Role) => t.as(tokens[role]);
  const project = await as('admin').post('/api/projects').send({ code: `HOSTILE-${next()}`, name: 'Hostile input', currency: 'CNY' }).expect(201);
  const projectId = project.body.id as string;
  const unitNos = ['H-1', 'H-2', 'H-3'];
  const unitIds: string[] = [];
  for (const unitNo of unitNos) {
    unitIds.push((await as('admin').post(`/api/projects/${projectId}/units`).send({ unitNo, unitType: '3BR', saleableArea: '100.00', costPrice: '3500000.00' }).expect(201)).body.id);
  }
  const insiderId = (await as('auditor').post('/api/parties').send({ kind: 'PERSON', name: 'Chief Executive', insiderRole: 'CEO' }).expect(201)).body.id;
  const buyerId = (await as('auditor').post('/api/parties').send({ kind: 'PERSON', name: 'Driver Li', idNumber: '110101199003070000' }).expect(201)).body.id;
  await as('auditor').post(`/api/parties/${buyerId}/relations`).send({ relatedPartyId: insiderId, relationship: 'PERSONAL_STAFF' }).expect(201);
  const sale = (body: Record<string, unknown>) => as('clerk').post('/api/sales').send(body).expect(201);
  const recorded = (await sale({ unitId: unitIds[0], buyerPartyIds: [buyerId], contractDate: '2026-05-18', netPrice: '3000000.00', listPrice: '4000000.00' })).body;
  const saleId = recorded.id as string;
  const flags = (recorded.flags ?? []) as Array<{ id: string }>;
  const paymentId = (await as('finance').post(`/api/sales/${saleId}/payments`).send({ amount: '100000.00', receivedOn: '2026-05-20', kind: 'DEPOSIT' }).expect(201)).body.id;
  const cancelledSaleId = (await sale({ unitId: unitIds[1], buyerPartyIds: [buyerId], contractDate: '2026-05-18', netPrice: '3000000.00', listPrice: '3000000.00' })).body.id;
  await as('finance').post(`/api/sales/${cancelledSaleId}/payments`).send({ amount: '500000.00', receivedOn: '2026-05-20', kind: 'DEPOSIT' }).expect(201);
  await as('clerk').post(`/api/sales/${cancelledSaleId}/cancellation`).send({ cancelledOn: '2026-06-01', reason: 'buyer withdrew' }).expect(200);
  if (flags.length === 0) throw new Error(`the sale at a price under cost to an insider’s driver raised no flag: ${JSON.stringify(recorded)}`);
  return { tokens, projectId, unitNos, buyerId, insiderId, saleId, paymentId, cancelledSaleId, flagId: flags[0].id, freeUnitId: unitIds[2] };
}

/** Every POST, PUT and PATCH route of the API with a valid example body and the role that may call it. */
export function writeRoutes(c: WriteContext): WriteRoute[] {
  const route = (
    name: string,
    path: string,
    example: () => Record<string, unknown>,
    options: { nullable?: string[]; repeatable?: boolean; json?: boolean } = {},
  ): WriteRoute => {
    const role = roleFor(name);
    return {
      route: name,
      method: name.split(' ')[0].toLowerCase() as WriteRoute['method'],
      path,
      role,
      token: c.tokens[role],
      json: options.json ?? true,
      example,
      nullable: options.nullable ?? [],
      repeatable: options.repeatable ?? false,
    };
  };
  const p = c.projectId;
  return [
    route('POST /api/users', '/api/users', () => ({ name: `User ${next()}`, role: 'clerk' }), { repeatable: true }),
    route('POST /api/projects', '/api/projects', () => ({ code: `HB-${next()}`, name: 'Hostile body', currency: 'CNY', city: 'Shenzhen', settings: { minComparables: 3, belowMarketPct: '10.00' } }), { repeatable: true }),
    route('PATCH /api/projects/{id}/settings', `/api/projects/${p}/settings`, () => ({ minComparables: 3, belowMarketPct: '10.00' }), { repeatable: true }),
    route('POST /api/projects/{projectId}/units', `/api/projects/${p}/units`, () => ({ unitNo: `U-${next()}`, building: '2', floor: 18, unitType: '2BR', saleableArea: '89.50', costPrice: '1000000.00' }), { repeatable: true }),
    route('POST /api/projects/{projectId}/price-lists', `/api/projects/${p}/price-lists`, () => ({
      batchNo: `B${next()}`, issuedOn: '2026-03-15',
      discounts: [{ code: 'EARLY-BIRD', description: '2% off', percent: '2.00', stackable: false, eligibility: 'ALL' }],
      items: [{ unitNo: c.unitNos[2], listPrice: '4000000.00' }],
    })),
    route('POST /api/projects/{projectId}/market-prices', `/api/projects/${p}/market-prices`, () => ({ asOf: '2026-03-01', pricePerSqm: '46000.00', source: 'APPRAISAL', unitType: '3BR', reference: 'appraisal' }), { repeatable: true }),
    route('POST /api/parties', '/api/parties', () => ({ kind: 'PERSON', name: `Party ${next()}`, idNumber: `ID${next()}`, phone: '+86 138-0000-0001', address: 'Shenzhen', bankAccount: '6222 0212 3456 7890' }), {
      nullable: ['idNumber', 'phone', 'address', 'bankAccount', 'insiderRole'], repeatable: true,
    }),
    route('POST /api/parties/{id}/relations', `/api/parties/${c.buyerId}/relations`, () => ({ relatedPartyId: c.insiderId, relationship: 'RELATIVE', note: 'cousin' }), { nullable: ['note'] }),
    route('POST /api/sales', '/api/sales', () => ({ unitId: c.freeUnitId, buyerPartyIds: [c.buyerId], contractDate: '2026-05-18', netPrice: '3000000.00', listPrice: '4000000.00', discountCodes: ['EARLY-BIRD'], referrerPartyId: c.insiderId, note: 'n' })),
    route('POST /api/sales/{id}/handover', `/api/sales/${c.saleId}/handover`, () => ({ handedOverOn: '2026-06-01', occupied: false })),
    route('POST /api/sales/{id}/cancellation', `/api/sales/${c.saleId}/cancellation`, () => ({ cancelledOn: '2026-06-10', reason: 'withdrew', forfeitedAmount: '0.00' })),
    route('POST /api/sales/{saleId}/payments', `/api/sales/${c.saleId}/payments`, () => ({ amount: '10.00', receivedOn: '2026-05-21', kind: 'INSTALLMENT', reference: `R-${next()}` }), { repeatable: true }),
    route('POST /api/sales/{saleId}/payments/{paymentId}/reversal', `/api/sales/${c.saleId}/payments/${c.paymentId}/reversal`, () => ({ reversedOn: '2026-05-25', reason: 'bounced' })),
    route('POST /api/sales/{saleId}/refunds', `/api/sales/${c.cancelledSaleId}/refunds`, () => ({ amount: '1.00', paidOn: '2026-06-02', reference: `RF-${next()}` }), { repeatable: true }),
    route('POST /api/projects/{projectId}/audit-runs', `/api/projects/${p}/audit-runs`, () => ({ asOf: '2026-06-30' }), { repeatable: true }),
    route('POST /api/audit-flags/{id}/reviews', `/api/audit-flags/${c.flagId}/reviews`, () => ({ decision: 'COMMENT', note: `looked at ${next()}` }), { repeatable: true }),
    route('POST /api/audit-flags/reviews', '/api/audit-flags/reviews', () => ({ reviews: [{ flagId: c.flagId, decision: 'COMMENT', note: `looked at ${next()}` }] }), { repeatable: true }),
    route('POST /api/projects/{projectId}/liquidation-reports', `/api/projects/${p}/liquidation-reports`, () => ({ asOf: '2026-06-30' }), { repeatable: true }),
    route('POST /api/projects/{projectId}/imports', `/api/projects/${p}/imports`, () => ({}), { json: false }),
  ];
}

/** A request body as sent: the exact JSON text (prototype keys cannot survive JSON.stringify of a literal). */
export interface BodyCase {
  text: string;
  /** What was done to it, for the failure message. */
  what: string;
  /** Whether the body is valid (a 2xx is then expected) or invalid by construction (a 4xx is). */
  valid: boolean;
}

const FORBIDDEN = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'] as const;
const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const huge = fc.constantFrom(5_000, 70_000, 400_000).map((n) => 'x'.repeat(n));
const nulString = fc.string({ maxLength: 8 }).map((s) => `${s}\u0000${s}`);
const loneSurrogate = fc.constantFrom('\ud800', '\udbff', '\udc00', 'a\udfffb', '\ud83d');

/** A JSON value whose type cannot be right where a value of `original`'s type belongs. */
function wrongTypeFor(original: unknown): fc.Arbitrary<unknown> {
  const object = fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 });
  const array = fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 });
  if (typeof original === 'string') {
    return fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), array, object, huge, nulString, loneSurrogate);
  }
  if (typeof original === 'number') {
    return fc.oneof(fc.string({ maxLength: 5 }).map((s) => `${s}7`), fc.boolean(), array, object, fc.constantFrom(1.5, 1e300, -1e300, 2 ** 53));
  }
  if (typeof original === 'boolean') return fc.oneof(fc.constantFrom('true', 'false', 'yes'), fc.integer(), array, object);
  if (Array.isArray(original)) return fc.oneof(object.filter((o) => Object.keys(o).length > 0), fc.string(), fc.integer(), fc.constant([[[]]]), fc.constant([null]));
  return fc.oneof(array, fc.string(), fc.integer(), fc.constant(true));
}

type Path = Array<string | number>;

function paths(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => [[...prefix, i], ...paths(item, [...prefix, i])]);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [[...prefix, key], ...paths(item, [...prefix, key])]);
  }
  return [];
}

function setAt(body: Record<string, unknown>, path: Path, value: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  let target: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
  target[path[path.length - 1]] = value;
  return copy;
}

function getAt(body: unknown, path: Path): unknown {
  return path.reduce<unknown>((value, key) => (value as Record<string | number, unknown>)[key], body);
}

/** Injects `"key": <json>` as the first member of the object at `path` (text-level, so `__proto__` stays a key). */
function injectKey(body: Record<string, unknown>, objectPath: Path, key: string, json: string): string {
  const marker = '"\u0001inject\u0001"';
  const withMarker = objectPath.length === 0 ? { [marker]: 0, ...body } : setAt(body, objectPath, { [marker]: 0, ...(getAt(body, objectPath) as object) });
  return JSON.stringify(withMarker).replace(`${JSON.stringify(marker)}:0`, `${JSON.stringify(key)}:${json}`);
}

/** The valid example with one thing made hostile: always invalid. */
export function poisonedBody(route: WriteRoute): fc.Arbitrary<BodyCase> {
  return fc.constant(null).chain(() => {
    const example = route.example();
    const leafPaths = paths(example);
    const objectPaths: Path[] = [[], ...leafPaths.filter((p) => { const v = getAt(example, p); return v !== null && typeof v === 'object' && !Array.isArray(v); })];
    const known = new Set(leafPaths.map((p) => String(p[p.length - 1])));
    const options: Array<fc.Arbitrary<BodyCase>> = [
      // an unknown field somewhere
      fc.tuple(fc.constantFrom(...objectPaths), fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !known.has(k) && !FORBIDDEN.includes(k as never)), fc.jsonValue({ maxDepth: 2 }))
        .map(([at, key, value]) => ({ text: injectKey(example, at, key, JSON.stringify(value) ?? 'null'), what: `unknown field ${JSON.stringify(key)} at ${at.join('.')}`, valid: false })),
      // a prototype key somewhere
      fc.tuple(fc.constantFrom(...objectPaths), fc.constantFrom(...FORBIDDEN), fc.constantFrom('{}', '{"admin":true}', 'null', '1'))
        .map(([at, key, json]) => ({ text: injectKey(example, at, key, json), what: `key ${key} at ${at.join('.') || 'top'}`, valid: false })),
      // deep nesting in place of the body or inside it
      fc.tuple(fc.constantFrom(...objectPaths), fc.constantFrom(33, 200, 5_000))
        .map(([at, depth]) => ({ text: injectKey(example, at, `nest${depth}`, deep(depth)), what: `nesting ${depth} deep at ${at.join('.') || 'top'}`, valid: false })),
    ];
    if (leafPaths.length > 0) {
      const nonNullable = leafPaths.filter((p) => !route.nullable.includes(String(p[p.length - 1])));
      options.push(
        // a value of the wrong type (numbers for money, arrays for objects, NUL and lone surrogates in strings, huge strings…)
        fc.constantFrom(...leafPaths).chain((at) => wrongTypeFor(getAt(example, at)).map((value) => ({
          text: JSON.stringify(setAt(example, at, value)),
          what: `${at.join('.')} = ${JSON.stringify(value)?.slice(0, 60)}`,
          valid: false,
        }))),
      );
      if (nonNullable.length > 0) {
        options.push(fc.constantFrom(...nonNullable).map((at) => ({ text: JSON.stringify(setAt(example, at, null)), what: `${at.join('.')} = null`, valid: false })));
      }
    }
    return fc.oneof(...options);
  });
}

/** A valid example with one field changed: into something hostile (invalid), or into null where null is allowed (valid). */
export function mutatedBody(route: WriteRoute): fc.Arbitrary<BodyCase> {
  if (!route.repeatable || route.nullable.length === 0) return poisonedBody(route);
  const nullable = fc.constant(null).chain(() => {
    const example = route.example();
    const fields = route.nullable;
    return fc.constantFrom(...fields).map((field) => ({ text: JSON.stringify({ ...example, [field]: null }), what: `${field} = null (allowed)`, valid: true }));
  });
  return fc.oneof({ arbitrary: poisonedBody(route), weight: 3 }, { arbitrary: nullable, weight: 1 });
}

/** Any hostile body for the route: wholly wrong JSON, or the example poisoned; never valid. */
export function hostileBody(route: WriteRoute): fc.Arbitrary<BodyCase> {
  const whole: fc.Arbitrary<BodyCase> = fc.oneof(
    fc.constantFrom('[]', 'null', '"body"', '42', 'true', '[{}]', deep(40), deep(5_000), '{"a":'.repeat(10_000), '{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{}}}')
      .map((text) => ({ text, what: `body ${text.slice(0, 40)}`, valid: false })),
    fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 5 }).map((value) => ({ text: JSON.stringify(value), what: 'an array body', valid: false })),
    fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }).map((k) => `zz${k}`), fc.jsonValue({ maxDepth: 3 }), { minKeys: 1, maxKeys: 5 })
      .map((value) => ({ text: JSON.stringify(value), what: 'unknown fields only', valid: false })),
    fc.tuple(nulString, loneSurrogate).map(([nul, lone]) => ({ text: JSON.stringify({ [nul]: lone }), what: 'NUL key, lone surrogate value', valid: false })),
    fc.string({ minLength: 1, maxLength: 30 }).filter((s) => { if (s.trim() === '') return false; try { JSON.parse(s); return false; } catch { return true; } })
      .map((text) => ({ text, what: `not JSON: ${text}`, valid: false })),
  );
  if (!route.json) return whole;
  return fc.oneof(whole, poisonedBody(route));
}
