import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { loadConfig } from '../../src/config/app-config';
import { APPEND_ONLY_TABLES, GUARDED_TABLES, SERVICE_ROLE } from '../../src/database/append-only-tables';
import { DatabaseEndpoint } from '../../src/database/database-endpoint';
import { ROOT } from '../../scripts/child-process';
import request from 'supertest';
import { SERVICE_USER } from '../utils/postgres';
import { startService, testDatabaseEnv } from '../utils/service-process';
import { ADMIN_TOKEN } from '../utils/test-app';
import { TestDatabase, createEmptyTestDatabase, createTestDatabase } from '../utils/test-database';

const INSUFFICIENT_PRIVILEGE = '42501';
const run = promisify(execFile);

/** The SQLSTATE `sql` fails with on `client`, or 'ok'. */
async function outcome(client: Client, sql: string): Promise<string> {
  try {
    await client.query(sql);
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

/**
 * The service's role owns nothing and holds only the grants the code uses: with
 * its credentials, the append-only tables cannot be changed, emptied, altered
 * or have their triggers disabled or dropped, and no user can be made an admin.
 * That the service still does its work is the rest of the suite, which runs as this role.
 */
describe('database privileges of the service (e2e)', () => {
  let db: TestDatabase;
  let service: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    service = await connect(db.serviceUrl);
  });
  afterAll(async () => {
    await service.end();
    await db.drop();
  });

  it('connects as a login role of the service group, not a superuser, owning no table', async () => {
    const { rows } = await service.query(`
      SELECT current_user AS role, r.rolsuper AS superuser, pg_has_role(current_user, $1, 'MEMBER') AS member,
             (SELECT count(*)::int FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND pg_has_role(c.relowner, 'USAGE')) AS owned
        FROM pg_roles r WHERE r.rolname = current_user`, [SERVICE_ROLE]);
    expect(rows[0]).toEqual({ role: SERVICE_USER, superuser: false, member: true, owned: 0 });
  });

  it('lists as append-only exactly the tables whose triggers refuse every UPDATE and DELETE', async () => {
    const { rows } = await db.sql.query(`
      SELECT DISTINCT t.tgrelid::regclass::text AS name FROM pg_trigger t
       WHERE t.tgfoid = 'refuse_change'::regproc AND t.tgtype & 16 <> 0 AND t.tgtype & 8 <> 0 ORDER BY 1`);
    expect(rows.map((row) => row.name)).toEqual([...APPEND_ONLY_TABLES].sort());
  });

  it('grants only SELECT and INSERT on the append-only tables, and no DELETE or TRUNCATE on the guarded ones', async () => {
    const held = async (table: string) => {
      const { rows } = await db.sql.query(
        `SELECT p AS privilege FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) p
          WHERE has_table_privilege($1, $2, p) ORDER BY p`,
        [SERVICE_ROLE, table],
      );
      const { rows: columns } = await db.sql.query(`SELECT has_any_column_privilege($1, $2, 'UPDATE') AS update`, [SERVICE_ROLE, table]);
      return { table, privileges: rows.map((row) => row.privilege), anyColumnUpdate: columns[0].update };
    };
    for (const table of APPEND_ONLY_TABLES) {
      expect(await held(table)).toEqual({ table, privileges: ['INSERT', 'SELECT'], anyColumnUpdate: false });
    }
    for (const table of GUARDED_TABLES) {
      expect(await held(table)).toEqual({ table, privileges: ['INSERT', 'SELECT', 'UPDATE'], anyColumnUpdate: true });
    }
  });

  it('gives every table of the schema a grant of its own (a new table grants to the service in its migration)', async () => {
    const { rows } = await db.sql.query(
      `SELECT c.relname AS name FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT has_table_privilege($1, c.oid, 'SELECT')`,
      [SERVICE_ROLE],
    );
    expect(rows).toEqual([]);
  });

  it.each([...APPEND_ONLY_TABLES])('refuses to change, empty, alter or unguard %s', async (table) => {
    const { rows } = await db.sql.query(
      `SELECT attname AS column FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum LIMIT 1`,
      [table],
    );
    const column = rows[0].column as string;
    const attempts = {
      update: `UPDATE ${table} SET ${column} = ${column}`,
      delete: `DELETE FROM ${table}`,
      truncate: `TRUNCATE ${table}`,
      alter: `ALTER TABLE ${table} ADD COLUMN tampered int`,
      disableTrigger: `ALTER TABLE ${table} DISABLE TRIGGER ${table}_append_only`,
      disableAllTriggers: `ALTER TABLE ${table} DISABLE TRIGGER ALL`,
      dropTrigger: `DROP TRIGGER ${table}_append_only ON ${table}`,
      dropTable: `DROP TABLE ${table}`,
    };
    const results: Record<string, string> = {};
    for (const [name, sql] of Object.entries(attempts)) results[name] = await outcome(service, sql);
    expect(results).toEqual(Object.fromEntries(Object.keys(attempts).map((name) => [name, INSUFFICIENT_PRIVILEGE])));
    // The triggers are still there and enabled.
    const { rows: triggers } = await db.sql.query(
      `SELECT tgname AS name, tgenabled AS enabled FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal ORDER BY 1`,
      [table],
    );
    expect(triggers).toEqual([
      { name: `${table}_append_only`, enabled: 'O' },
      { name: `${table}_no_truncate`, enabled: 'O' },
    ]);
  });

  it.each([...GUARDED_TABLES])('refuses to delete from, empty or unguard %s', async (table) => {
    expect(await outcome(service, `DELETE FROM ${table}`)).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await outcome(service, `TRUNCATE ${table}`)).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await outcome(service, `ALTER TABLE ${table} DISABLE TRIGGER ALL`)).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await outcome(service, `DROP TRIGGER ${table}_guard ON ${table}`)).toBe(INSUFFICIENT_PRIVILEGE);
  });

  it('refuses to make a user an admin, or to change a user at all', async () => {
    await db.sql.query(`INSERT INTO users (name, role, token_hash, created_at) VALUES ('clerk', 'clerk', repeat('a', 64), now())`);
    expect(await outcome(service, `UPDATE users SET role = 'admin'`)).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await outcome(service, `UPDATE users SET name = 'someone else'`)).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await outcome(service, `DELETE FROM users`)).toBe(INSUFFICIENT_PRIVILEGE);
    const { rows } = await db.sql.query(`SELECT role FROM users`);
    expect(rows).toEqual([{ role: 'clerk' }]);
  });

  it('refuses to create objects in the schema, to take another role, or to rewrite the guards', async () => {
    expect(await outcome(service, 'CREATE TABLE public.tampered (x int)')).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await outcome(service, 'CREATE TABLE tampered (x int)')).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await outcome(service, 'CREATE OR REPLACE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$')).toBe(
      INSUFFICIENT_PRIVILEGE,
    );
    expect(await outcome(service, 'SET ROLE postgres')).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await outcome(service, 'SET SESSION AUTHORIZATION postgres')).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await outcome(service, 'DELETE FROM migrations')).toBe(INSUFFICIENT_PRIVILEGE);
  });
});

describe('starting on a server (e2e)', () => {
  afterEach(() => jest.restoreAllMocks());

  it('refuses to start without MIGRATION_DATABASE_URL while a migration is pending, naming what to set', async () => {
    const db = await createEmptyTestDatabase();
    try {
      await expect(DatabaseEndpoint.open(loadConfig({ DATABASE_URL: db.serviceUrl }))).rejects.toThrow(
        /lacks \d+ migration\(s\) \(Foundation1764489600000, .*MIGRATION_DATABASE_URL/,
      );
    } finally {
      await db.drop();
    }
  });

  it('migrates through MIGRATION_DATABASE_URL and serves on DATABASE_URL, without a warning', async () => {
    const db = await createEmptyTestDatabase();
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const endpoint = await DatabaseEndpoint.open(loadConfig({ DATABASE_URL: db.serviceUrl, MIGRATION_DATABASE_URL: db.url, LOG_LEVEL: 'silent' }));
      expect(endpoint.url).toBe(db.serviceUrl);
      const { rows } = await db.sql.query(`SELECT count(*)::int AS n FROM migrations`);
      expect(rows[0].n).toBeGreaterThan(0);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      await db.drop();
    }
  });

  it('warns when the service connects as a superuser', async () => {
    const db = await createTestDatabase();
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      await DatabaseEndpoint.open(loadConfig({ DATABASE_URL: db.url }));
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/a superuser/));
    } finally {
      await db.drop();
    }
  });

  it('as a process: migrates an empty database as the owner, then answers as the service role', async () => {
    const db = await createEmptyTestDatabase();
    try {
      await expect(startService({ DATABASE_URL: db.serviceUrl, ADMIN_TOKEN })).rejects.toThrow(/MIGRATION_DATABASE_URL/);
      const service = await startService({ ...testDatabaseEnv(db), ADMIN_TOKEN });
      try {
        const created = await request(service.baseUrl)
          .post('/api/projects')
          .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
          .send({ code: 'ROLE-1', name: 'Least privilege', currency: 'CNY' });
        expect(created.status).toBe(201);
        const { rows } = await db.sql.query(`SELECT usename FROM pg_stat_activity WHERE datname = current_database() AND usename <> current_user`);
        expect(new Set(rows.map((row) => row.usename))).toEqual(new Set([SERVICE_USER]));
      } finally {
        await service.stop();
      }
    } finally {
      await db.drop();
    }
  });

  it('refuses MIGRATION_DATABASE_URL without DATABASE_URL', () => {
    expect(() => loadConfig({ MIGRATION_DATABASE_URL: 'postgres://owner@db/ledger' })).toThrow(/MIGRATION_DATABASE_URL is set without DATABASE_URL/);
  });
});

/**
 * PGlite loads as an ES module, which jest's VM does not: the embedded
 * database is opened in a child Node.js process, which reports what each of
 * two connections in turn (the pool of one reconnecting) is and may do.
 */
const EMBEDDED_PROBE = `
const { DatabaseEndpoint } = require('./src/database/database-endpoint');
const { loadConfig } = require('./src/config/app-config');
const { Client } = require('pg');
const attempts = JSON.parse(process.env.ATTEMPTS);
(async () => {
  const endpoint = await DatabaseEndpoint.open(loadConfig({ DATA_DIR: process.env.DATA_DIR }));
  const rounds = [];
  for (let round = 0; round < 2; round++) {
    // The server takes one connection, and releases the last one a moment after the client has closed it.
    let client;
    for (let attempt = 0; ; attempt++) {
      client = new Client({ connectionString: endpoint.url });
      try { await client.connect(); break; } catch (error) { if (attempt === 50) throw error; await new Promise((r) => setTimeout(r, 20)); }
    }
    const who = (await client.query('SELECT current_user AS role, session_user AS session')).rows[0];
    const outcomes = {};
    for (const [name, sql] of Object.entries(attempts)) outcomes[name] = await client.query(sql).then(() => 'ok', (error) => error.code);
    rounds.push({ who, outcomes });
    await client.end();
  }
  await endpoint.onApplicationShutdown();
  console.log('PROBE ' + JSON.stringify(rounds));
})().catch((error) => { console.error(error); process.exit(1); });
`;

describe('embedded database (e2e)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-embedded-role-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('migrates as its superuser, then serves every connection as the service role', async () => {
    const attempts = {
      read: 'SELECT count(*) FROM audit_log',
      makeAdmin: `UPDATE users SET role = 'admin'`,
      dropTrigger: 'DROP TRIGGER audit_log_append_only ON audit_log',
      disableTriggers: 'ALTER TABLE payments DISABLE TRIGGER ALL',
      deletePayments: 'DELETE FROM payments',
      createTable: 'CREATE TABLE tampered (x int)',
    };
    const { stdout } = await run(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', EMBEDDED_PROBE], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, ATTEMPTS: JSON.stringify(attempts) },
      timeout: 120_000,
    });
    const rounds = JSON.parse(/^PROBE (.*)$/m.exec(stdout)![1]);
    const expected = {
      who: { role: SERVICE_ROLE, session: SERVICE_ROLE },
      outcomes: { read: 'ok', makeAdmin: '42501', dropTrigger: '42501', disableTriggers: '42501', deletePayments: '42501', createTable: '42501' },
    };
    expect(rounds).toEqual([expected, expected]);
  });
});
