import { appendFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { ServiceProcess, startService } from '../../scripts/child-process';
import { ThrowawayCluster } from './cluster';

export { withClient } from '../utils/postgres';

export const ADMIN_TOKEN = 'fault-suite-admin-token-0123456789';
export const TEMPLATE = 'ledger_faults_template';
/** The login role the service connects as: a member of the group that holds the service's grants, owning nothing. */
export const SERVICE_USER = 'ledger_fault_service';
export const SERVICE_PASSWORD = 'fault-suite-service-password';

export const ENV = { data: 'FAULTS_PG_DATA', port: 'FAULTS_PG_PORT', socket: 'FAULTS_PG_SOCKET', figures: 'FAULTS_FIGURES_FILE' } as const;

/** The suite's throwaway cluster, made by its global setup. */
export function cluster(): ThrowawayCluster {
  const data = process.env[ENV.data];
  const port = Number(process.env[ENV.port]);
  const socket = process.env[ENV.socket];
  if (!data || !port || !socket) throw new Error('run the fault suite with `npm run test:faults` (its global setup starts the cluster)');
  return ThrowawayCluster.attach(data, port, socket);
}

/** Records a measured figure; the suite prints them all at its end. */
export function figure(check: string, name: string, value: string | number): void {
  const file = process.env[ENV.figures];
  if (file) appendFileSync(file, `${JSON.stringify({ check, name, value })}\n`);
}

export interface FaultDatabase {
  name: string;
  ownerUrl: string;
  serviceUrl: string;
  /** One statement as the owner. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  count(table: string, where?: string, params?: unknown[]): Promise<number>;
}

/** A fresh migrated database of the cluster, cloned from the suite's template. */
export async function newDatabase(label: string): Promise<FaultDatabase> {
  const c = cluster();
  const name = `faults_${label}_${randomBytes(3).toString('hex')}`;
  await c.query('postgres', `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`);
  const query = <T>(text: string, params: unknown[] = []) => c.query<T>(name, text, params);
  return {
    name,
    ownerUrl: c.url(name),
    serviceUrl: c.url(name, SERVICE_USER, SERVICE_PASSWORD),
    query,
    async count(table, where = 'true', params = []) {
      const [row] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params);
      return row.n;
    },
  };
}

/** The service as deployed: the service role for serving, the owner for migrations. */
export function serviceEnv(db: FaultDatabase, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: db.serviceUrl,
    MIGRATION_DATABASE_URL: db.ownerUrl,
    ADMIN_TOKEN,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '0',
    RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '0',
    ...extra,
  };
}

export async function startLedger(db: FaultDatabase, extra: Record<string, string> = {}): Promise<ServiceProcess> {
  return startService(serviceEnv(db, extra), 120_000);
}

export interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

/** A client of the service's HTTP API with one bearer token. */
export class Api {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
  ) {}

  as(token: string | undefined): Api {
    return new Api(this.baseUrl, token);
  }

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const init: RequestInit = { method, headers: { ...headers } };
    if (this.token) (init.headers as Record<string, string>).Authorization = `Bearer ${this.token}`;
    if (body !== undefined) {
      if (typeof body === 'string' || body instanceof Uint8Array) {
        init.body = body as string;
      } else {
        init.body = JSON.stringify(body);
        (init.headers as Record<string, string>)['Content-Type'] ??= 'application/json';
      }
    }
    const response = await fetch(`${this.baseUrl}${path}`, init);
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }

  get(path: string, headers?: Record<string, string>): Promise<Answer> {
    return this.call('GET', path, undefined, headers);
  }

  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer> {
    return this.call('POST', path, body ?? {}, headers);
  }

  /** A POST that must succeed: its body. */
  async create(path: string, body: unknown, headers?: Record<string, string>): Promise<any> {
    const answer = await this.post(path, body, headers);
    if (answer.status !== 201 && answer.status !== 200) throw new Error(`POST ${path} → ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }
}

export interface Ledger {
  api: Api;
  admin: Api;
  clerk: Api;
  finance: Api;
  auditor: Api;
  tokens: Record<'admin' | 'clerk' | 'finance' | 'auditor', string>;
  projectId: string;
}

/** Users of every role and a project, made through the API. */
export async function seedLedger(baseUrl: string): Promise<Ledger> {
  const api = new Api(baseUrl);
  const admin = api.as(ADMIN_TOKEN);
  const token = async (role: string) => (await admin.create('/api/users', { name: `${role} user`, role })).token as string;
  const tokens = { admin: ADMIN_TOKEN, clerk: await token('clerk'), finance: await token('finance'), auditor: await token('auditor') };
  const code = `F-${randomBytes(3).toString('hex')}`;
  const project = await admin.create('/api/projects', { code, name: `Fault project ${code}`, currency: 'CNY', settings: {} });
  return {
    api, admin, clerk: api.as(tokens.clerk), finance: api.as(tokens.finance), auditor: api.as(tokens.auditor), tokens, projectId: project.id,
  };
}

export async function unit(l: Ledger, unitNo: string): Promise<string> {
  return (await l.admin.create(`/api/projects/${l.projectId}/units`, { unitNo, unitType: '3BR', saleableArea: '100.00' })).id;
}

export async function party(l: Ledger, name: string): Promise<string> {
  return (await l.auditor.create('/api/parties', { kind: 'PERSON', name })).id;
}

/** Runs `work` for each item with at most `limit` at once. */
export async function pool<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index], index);
    }
  });
  await Promise.all(lanes);
  return results;
}

export function countBy<T>(items: T[], key: (item: T) => string | number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[String(key(item))] = (counts[String(key(item))] ?? 0) + 1;
  return counts;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
