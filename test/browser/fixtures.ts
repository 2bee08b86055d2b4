import request from 'supertest';
import { Role } from '../../src/common/auth/role';
import { AuthorisedAgent, TestApp } from '../utils/test-app';

/**
 * The product's two real cases, built through the public HTTP API as their
 * users would build them (README, "A walk through with curl"; test/e2e/seed-cases):
 * the CEO's driver who bought a flat at cost and moved in without paying, and a
 * later release batch priced below an earlier one while the market rose.
 * Each event is recorded on the day it happens; the clock is put back afterwards.
 */

export interface ConsoleUser {
  name: string;
  role: Role;
  token: string;
}

export interface ConsoleUsers {
  auditorA: ConsoleUser;
  auditorB: ConsoleUser;
  clerk: ConsoleUser;
  finance: ConsoleUser;
}

export interface FlagSummary {
  id: string;
  type: string;
  severity: string;
  status: string;
  /** Set on a price list's flags (one per unit type). */
  unitType: string | null;
  /** The flag's subject as the queue shows it: the sale's unit, or the price list's batch. */
  unitNo: string | null;
  batchNo: string | null;
}

export interface DriverCase {
  projectId: string;
  projectCode: 'BAY-1';
  unitId: string;
  unitNo: '2-1801';
  saleId: string;
  parties: { ceoId: string; driverId: string; armsLengthBuyerIds: string[] };
  armsLengthSaleIds: string[];
  /** The driver's sale's flags as GET /api/audit-flags?saleId= lists them. */
  flags: FlagSummary[];
  flagIds: string[];
  /** The types of those flags, sorted; and those of them that are HIGH. */
  flagTypes: string[];
  highFlagTypes: string[];
}

export interface BatchFigure {
  priceListId: string;
  batchNo: string;
  issuedOn: string;
  /** byUnitType[unitType = 3BR].averageNetPricePerSqm, as GET /api/projects/:id/price-lists reports it. */
  averageNetPricePerSqm3BR: string;
}

export interface TimeReversalCase {
  projectId: string;
  projectCode: 'HILL-1';
  earlier: BatchFigure;
  later: BatchFigure;
  /** The project's PRICE_BELOW_EARLIER_BATCH flags (one per unit type priced below: 3BR and 2BR). */
  flags: FlagSummary[];
  flagIds: string[];
}

export interface ConsoleWorld {
  users: ConsoleUsers;
  driver: DriverCase;
  timeReversal: TimeReversalCase;
}

function ok(response: request.Response, expected: number | number[], what: string): request.Response {
  const statuses = Array.isArray(expected) ? expected : [expected];
  if (!statuses.includes(response.status)) throw new Error(`${what} → ${response.status}: ${JSON.stringify(response.body).slice(0, 500)}`);
  return response;
}

/** Auditor A, Auditor B, the sales clerk and a finance user, made by the admin; their tokens. */
export async function seedUsers(testApp: TestApp): Promise<ConsoleUsers> {
  const make = async (role: Role, name: string): Promise<ConsoleUser> => ({ name, role, token: await testApp.tokenFor(role, name) });
  return {
    auditorA: await make('auditor', 'Auditor A'),
    auditorB: await make('auditor', 'Auditor B'),
    clerk: await make('clerk', 'Sales clerk'),
    finance: await make('finance', 'Finance'),
  };
}

interface Agents {
  admin: AuthorisedAgent;
  auditor: AuthorisedAgent;
  clerk: AuthorisedAgent;
  finance: AuthorisedAgent;
}

function agentsOf(testApp: TestApp, users: ConsoleUsers): Agents {
  return { admin: testApp.admin, auditor: testApp.as(users.auditorA.token), clerk: testApp.as(users.clerk.token), finance: testApp.as(users.finance.token) };
}

async function flagsOf(testApp: TestApp, query: string): Promise<FlagSummary[]> {
  const body = ok(await testApp.admin.get(`/api/audit-flags?${query}&limit=100`), 200, `GET /api/audit-flags?${query}`).body;
  return body.items.map((flag: FlagSummary) => ({
    id: flag.id, type: flag.type, severity: flag.severity, status: flag.status, unitType: flag.unitType ?? null, unitNo: flag.unitNo ?? null, batchNo: flag.batchNo ?? null,
  }));
}

async function withClock<T>(testApp: TestApp, work: (on: (day: string) => void) => Promise<T>): Promise<T> {
  const now = testApp.clock.now();
  try {
    return await work((day) => testApp.clock.set(`${day}T09:00:00Z`));
  } finally {
    testApp.clock.set(now);
  }
}

/**
 * Bayview Garden (BAY-1, CNY): unit 2-1801, 3BR 89.50 m², cost 3,000,000.00, listed at 4,200,000.00
 * in batch B1 (2026-03-01; EARLY 5% published); market evidence 45,000.00/m² as of 2026-03-01; four
 * arm's-length 3BR sales at 4,050,000.00 with 10% deposits paid on the day; and the CEO's driver
 * (Zhang San, PERSONAL_STAFF of Li Wei, CEO) buying 2-1801 on 2026-03-02 at cost, nothing paid,
 * handed over and occupied on 2026-03-20.
 */
export async function seedDriverCase(testApp: TestApp, users?: ConsoleUsers): Promise<DriverCase> {
  const as = agentsOf(testApp, users ?? (await seedUsers(testApp)));
  return withClock(testApp, async (on) => {
    on('2026-02-20');
    const project = ok(
      await as.admin.post('/api/projects').send({ code: 'BAY-1', name: 'Bayview Garden', currency: 'CNY', city: 'Shenzhen' }),
      201,
      'project BAY-1',
    ).body;
    const unitNos = ['2-1801', '2-1802', '2-1901', '2-1902', '2-2001'];
    const units: Array<{ id: string; unitNo: string }> = [];
    for (const unitNo of unitNos) {
      const body = { unitNo, unitType: '3BR', saleableArea: '89.50', costPrice: '3000000.00' };
      units.push(ok(await as.admin.post(`/api/projects/${project.id}/units`).send(body), 201, `unit ${unitNo}`).body);
    }
    await as.admin.post(`/api/projects/${project.id}/units`).send({ unitNo: '2-0501', unitType: '2BR', saleableArea: '68.20', costPrice: '2300000.00' }).then((r) => ok(r, 201, 'unit 2-0501'));

    on('2026-03-01');
    ok(
      await as.admin.post(`/api/projects/${project.id}/price-lists`).send({
        batchNo: 'B1',
        issuedOn: '2026-03-01',
        discounts: [{ code: 'EARLY', description: 'early bird', percent: '5.00' }],
        items: [...units.map((unit) => ({ unitNo: unit.unitNo, listPrice: '4200000.00' })), { unitNo: '2-0501', listPrice: '3100000.00' }],
      }),
      201,
      'price list B1',
    );
    ok(
      await as.auditor.post(`/api/projects/${project.id}/market-prices`).send({ asOf: '2026-03-01', pricePerSqm: '45000.00', source: 'APPRAISAL', reference: 'valuer report 2026-17' }),
      201,
      'market evidence',
    );
    const ceo = ok(
      await as.auditor.post('/api/parties').send({ kind: 'PERSON', name: 'Li Wei', insiderRole: 'CEO', phone: '+86 138-0000-0001' }),
      201,
      'party Li Wei',
    ).body;
    const driver = ok(
      await as.clerk.post('/api/parties').send({ kind: 'PERSON', name: 'Zhang San', idNumber: '110101199001011234' }),
      201,
      'party Zhang San',
    ).body;
    ok(
      await as.auditor.post(`/api/parties/${driver.id}/relations`).send({ relatedPartyId: ceo.id, relationship: 'PERSONAL_STAFF', note: 'drives the CEO' }),
      201,
      'relation driver → CEO',
    );

    on('2026-03-02');
    const driverSaleId: string = ok(
      await as.clerk.post('/api/sales').set('Idempotency-Key', 'contract-2026-0017').send({ unitId: units[0].id, buyerPartyIds: [driver.id], contractDate: '2026-03-02', netPrice: '3000000.00' }),
      201,
      "the driver's sale",
    ).body.id;

    const buyers = ['Chen Jing', 'Liu Yang', 'Huang Min', 'Zhou Xin'];
    const days = ['2026-03-03', '2026-03-05', '2026-03-09', '2026-03-12'];
    const armsLengthBuyerIds: string[] = [];
    const armsLengthSaleIds: string[] = [];
    for (const [i, day] of days.entries()) {
      on(day);
      const buyer = ok(await as.clerk.post('/api/parties').send({ kind: 'PERSON', name: buyers[i] }), 201, `party ${buyers[i]}`).body;
      armsLengthBuyerIds.push(buyer.id);
      const unit = units[i + 1];
      const sale = ok(
        await as.clerk.post('/api/sales').send({ unitId: unit.id, buyerPartyIds: [buyer.id], contractDate: day, netPrice: '4050000.00' }),
        201,
        `sale of ${unit.unitNo}`,
      ).body;
      ok(await as.finance.post(`/api/sales/${sale.id}/payments`).send({ amount: '405000.00', receivedOn: day, kind: 'DEPOSIT' }), 201, `deposit on ${unit.unitNo}`);
      armsLengthSaleIds.push(sale.id);
    }

    on('2026-03-20');
    ok(await as.clerk.post(`/api/sales/${driverSaleId}/handover`).send({ handedOverOn: '2026-03-20', occupied: true }), 200, "the driver's handover");

    const flags = await flagsOf(testApp, `saleId=${driverSaleId}`);
    const types = (list: FlagSummary[]) => [...new Set(list.map((flag) => flag.type))].sort();
    return {
      projectId: project.id,
      projectCode: 'BAY-1' as const,
      unitId: units[0].id,
      unitNo: '2-1801' as const,
      saleId: driverSaleId,
      parties: { ceoId: ceo.id, driverId: driver.id, armsLengthBuyerIds },
      armsLengthSaleIds,
      flags,
      flagIds: flags.map((flag) => flag.id),
      flagTypes: types(flags),
      highFlagTypes: types(flags.filter((flag) => flag.severity === 'HIGH')),
    };
  });
}

/**
 * Hillside Court (HILL-1, CNY; the demo's numbers): batch 一期 (2025-01-15) lists its 3BR units at
 * 38,000.00/m², the later batch 二期加推 (2025-09-15) at 36,500.00/m², while the market evidence rose
 * from 35,000.00/m² (2025-01-10) to 39,200.00/m² (2025-09-01), +12%: PRICE_BELOW_EARLIER_BATCH.
 */
export async function seedTimeReversalCase(testApp: TestApp, users?: ConsoleUsers): Promise<TimeReversalCase> {
  const as = agentsOf(testApp, users ?? (await seedUsers(testApp)));
  return withClock(testApp, async (on) => {
    on('2025-01-05');
    const project = ok(
      await as.admin.post('/api/projects').send({ code: 'HILL-1', name: 'Hillside Court', currency: 'CNY', city: 'Guangzhou' }),
      201,
      'project HILL-1',
    ).body;
    const units = [
      { unitNo: 'H-101', unitType: '3BR', saleableArea: '89.50', costPrice: '2900000.00' },
      { unitNo: 'H-102', unitType: '3BR', saleableArea: '105.00', costPrice: '3400000.00' },
      { unitNo: 'H-103', unitType: '2BR', saleableArea: '72.00', costPrice: '2300000.00' },
      { unitNo: 'H-201', unitType: '3BR', saleableArea: '89.50', costPrice: '2900000.00' },
      { unitNo: 'H-202', unitType: '3BR', saleableArea: '105.00', costPrice: '3400000.00' },
      { unitNo: 'H-203', unitType: '2BR', saleableArea: '72.00', costPrice: '2300000.00' },
    ];
    for (const unit of units) ok(await as.admin.post(`/api/projects/${project.id}/units`).send(unit), 201, `unit ${unit.unitNo}`);
    const money = (value: number) => value.toFixed(2);
    const items = (prefix: string, perSqm: number) =>
      units.filter((unit) => unit.unitNo.startsWith(prefix)).map((unit) => ({ unitNo: unit.unitNo, listPrice: money(Number(unit.saleableArea) * perSqm) }));

    on('2025-01-10');
    ok(await as.auditor.post(`/api/projects/${project.id}/market-prices`).send({ asOf: '2025-01-10', pricePerSqm: '35000.00', source: 'INDEX', reference: 'city index' }), 201, 'market 2025-01');
    on('2025-01-15');
    const earlier = ok(
      await as.admin.post(`/api/projects/${project.id}/price-lists`).send({ batchNo: '一期', issuedOn: '2025-01-15', discounts: [], items: items('H-1', 38000) }),
      201,
      'price list 一期',
    ).body;
    on('2025-09-01');
    ok(await as.auditor.post(`/api/projects/${project.id}/market-prices`).send({ asOf: '2025-09-01', pricePerSqm: '39200.00', source: 'INDEX', reference: 'city index' }), 201, 'market 2025-09');
    on('2025-09-15');
    const later = ok(
      await as.admin.post(`/api/projects/${project.id}/price-lists`).send({ batchNo: '二期加推', issuedOn: '2025-09-15', discounts: [], items: items('H-2', 36500) }),
      201,
      'price list 二期加推',
    ).body;

    const lists = ok(await as.auditor.get(`/api/projects/${project.id}/price-lists`), 200, 'GET price-lists').body;
    const listed: Array<{ id: string; batchNo: string; issuedOn: string; byUnitType: Array<{ unitType: string; averageNetPricePerSqm: string }> }> = lists.items ?? lists;
    const figure = (id: string): BatchFigure => {
      const list = listed.find((candidate) => candidate.id === id);
      const threeBr = list?.byUnitType.find((entry) => entry.unitType === '3BR');
      if (!list || !threeBr) throw new Error(`price list ${id} or its 3BR average is missing from ${JSON.stringify(lists).slice(0, 500)}`);
      return { priceListId: list.id, batchNo: list.batchNo, issuedOn: list.issuedOn, averageNetPricePerSqm3BR: threeBr.averageNetPricePerSqm };
    };
    const flags = await flagsOf(testApp, `projectId=${project.id}&type=PRICE_BELOW_EARLIER_BATCH`);
    return {
      projectId: project.id,
      projectCode: 'HILL-1' as const,
      earlier: figure(earlier.id),
      later: figure(later.id),
      flags,
      flagIds: flags.map((flag) => flag.id),
    };
  });
}

/** The console's world: the four users, and both cases. */
export async function seedConsoleWorld(testApp: TestApp): Promise<ConsoleWorld> {
  const users = await seedUsers(testApp);
  const driver = await seedDriverCase(testApp, users);
  const timeReversal = await seedTimeReversalCase(testApp, users);
  return { users, driver, timeReversal };
}
