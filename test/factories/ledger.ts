import { randomBytes } from 'node:crypto';
import { Role } from '../../src/common/auth/role';
import { AuthorisedAgent, TestApp } from '../utils/test-app';

export interface Tokens {
  admin: AuthorisedAgent;
  clerk: AuthorisedAgent;
  finance: AuthorisedAgent;
  auditor: AuthorisedAgent;
  auditor2: AuthorisedAgent;
}

export interface UnitSpec {
  unitNo: string;
  unitType?: string;
  saleableArea?: string;
  costPrice?: string;
}

/** Builds ledger data through the HTTP API, as its users would. */
export class LedgerFactory {
  private constructor(
    readonly t: TestApp,
    readonly as: Tokens,
  ) {}

  static async create(t: TestApp): Promise<LedgerFactory> {
    const agent = async (role: Role, name: string) => t.as(await t.tokenFor(role, name));
    return new LedgerFactory(t, {
      admin: t.admin,
      clerk: await agent('clerk', 'Sales Office'),
      finance: await agent('finance', 'Finance Team'),
      auditor: await agent('auditor', 'Wang Fang'),
      auditor2: await agent('auditor', 'Zhao Min'),
    });
  }

  /** A project of a fresh code; without `timeZone`, it gets its currency's. */
  async project(settings: Record<string, unknown> = {}, currency = 'CNY', timeZone?: string): Promise<{ id: string; code: string; currency: string; timeZone: string }> {
    const code = `P-${randomBytes(4).toString('hex')}`;
    const response = await this.as.admin.post('/api/projects').send({ code, name: `Project ${code}`, currency, timeZone, settings }).expect(201);
    return response.body;
  }

  async unit(projectId: string, spec: UnitSpec): Promise<{ id: string; unitNo: string }> {
    const response = await this.as.admin
      .post(`/api/projects/${projectId}/units`)
      .send({ unitType: '3BR', saleableArea: '100.00', ...spec })
      .expect(201);
    return response.body;
  }

  async units(projectId: string, count: number, spec: Omit<UnitSpec, 'unitNo'> = {}, prefix = 'U'): Promise<Array<{ id: string; unitNo: string }>> {
    const units = [];
    for (let i = 1; i <= count; i += 1) units.push(await this.unit(projectId, { unitNo: `${prefix}-${i}`, ...spec }));
    return units;
  }

  async party(fields: Record<string, unknown> = {}): Promise<{ id: string; name: string }> {
    const response = await this.as.auditor.post('/api/parties').send({ kind: 'PERSON', name: 'Buyer', ...fields }).expect(201);
    return response.body;
  }

  async relate(partyId: string, relatedPartyId: string, relationship: string): Promise<void> {
    await this.as.auditor.post(`/api/parties/${partyId}/relations`).send({ relatedPartyId, relationship }).expect(201);
  }

  async marketPrice(projectId: string, body: Record<string, unknown>): Promise<{ id: string }> {
    const response = await this.as.auditor
      .post(`/api/projects/${projectId}/market-prices`)
      .send({ source: 'APPRAISAL', ...body })
      .expect(201);
    return response.body;
  }

  async priceList(projectId: string, body: Record<string, unknown>): Promise<{ id: string } & Record<string, unknown>> {
    const response = await this.as.admin.post(`/api/projects/${projectId}/price-lists`).send({ discounts: [], ...body }).expect(201);
    return response.body;
  }

  /** Records a sale and returns its view; buyers default to a fresh arm's-length party. */
  async sale(body: { unitId: string; netPrice: string; contractDate: string } & Record<string, unknown>) {
    const buyerPartyIds = body.buyerPartyIds ?? [(await this.party({ name: `Buyer ${randomBytes(3).toString('hex')}` })).id];
    const response = await this.as.clerk.post('/api/sales').send({ ...body, buyerPartyIds }).expect(201);
    return response.body;
  }

  async pay(saleId: string, amount: string, receivedOn: string, kind = 'DEPOSIT') {
    const response = await this.as.finance.post(`/api/sales/${saleId}/payments`).send({ amount, receivedOn, kind }).expect(201);
    return response.body;
  }

  async count(table: string): Promise<number> {
    const { rows } = await this.t.db.sql.query(`SELECT count(*)::int AS n FROM ${table}`);
    return rows[0].n;
  }
}
