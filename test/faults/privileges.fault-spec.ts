import { DatabaseError } from 'pg';
import { APPEND_ONLY_TABLES, GUARDED_TABLES } from '../../src/database/append-only-tables';
import { FaultDatabase, figure, newDatabase, withClient } from './harness';

const INSUFFICIENT_PRIVILEGE = '42501';

/** Tables whose history the migrations protect: each carries a trigger refusing TRUNCATE. */
async function protectedTables(db: FaultDatabase): Promise<string[]> {
  const rows = await db.query<{ table: string }>(
    `SELECT DISTINCT c.relname AS table FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
     WHERE t.tgname LIKE '%\\_no\\_truncate' AND NOT t.tgisinternal ORDER BY 1`,
  );
  return rows.map((r) => r.table);
}

async function firstColumn(db: FaultDatabase, table: string): Promise<string> {
  const [row] = await db.query<{ name: string }>(
    `SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum LIMIT 1`,
    [table],
  );
  return row.name;
}

/** What the service's own credentials might try against the ledger's history. */
function tamperings(table: string, column: string, trigger: string): Record<string, string> {
  return {
    UPDATE: `UPDATE ${table} SET ${column} = ${column}`,
    DELETE: `DELETE FROM ${table}`,
    TRUNCATE: `TRUNCATE ${table}`,
    ALTER: `ALTER TABLE ${table} ADD COLUMN tampered boolean`,
    'DISABLE TRIGGER': `ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`,
    'DISABLE TRIGGER ALL': `ALTER TABLE ${table} DISABLE TRIGGER ALL`,
    'DROP TRIGGER': `DROP TRIGGER ${trigger} ON ${table}`,
  };
}

async function sqlState(url: string, sql: string): Promise<string> {
  return withClient(url, async (client) => {
    try {
      await client.query('BEGIN');
      await client.query(sql);
      return 'accepted';
    } catch (error) {
      return error instanceof DatabaseError ? (error.code ?? 'unknown') : String(error);
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
    }
  });
}

/** The service connects as a role that owns nothing: its own credentials cannot rewrite history or raise a user's role. */
describe("the service's database role", () => {
  let db: FaultDatabase;

  beforeAll(async () => {
    db = await newDatabase('privileges');
  });

  it('owns nothing and is no superuser', async () => {
    const [me] = await withClient(db.serviceUrl, async (c) =>
      (await c.query('SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname = current_user')).rows,
    );
    expect(me).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false });
    const owned = await withClient(db.serviceUrl, async (c) =>
      (await c.query(`SELECT relname FROM pg_class WHERE pg_has_role(current_user, relowner, 'USAGE') AND relnamespace = 'public'::regnamespace`)).rows,
    );
    expect(owned).toEqual([]);
  });

  it('is refused UPDATE, DELETE, TRUNCATE, ALTER and DISABLE/DROP TRIGGER on every append-only table (guarded tables: all but UPDATE)', async () => {
    const tables = await protectedTables(db);
    expect([...tables].sort()).toEqual([...APPEND_ONLY_TABLES, ...GUARDED_TABLES].sort());
    const outcomes: Array<{ table: string; attempt: string; state: string }> = [];
    for (const table of tables) {
      const column = await firstColumn(db, table);
      for (const [attempt, sql] of Object.entries(tamperings(table, column, `${table}_no_truncate`))) {
        // A sale's evaluation and cancellation and a flag's review status are updated, as their guard triggers allow.
        if (attempt === 'UPDATE' && (GUARDED_TABLES as readonly string[]).includes(table)) continue;
        outcomes.push({ table, attempt, state: await sqlState(db.serviceUrl, sql) });
      }
    }
    const allowed = outcomes.filter((o) => o.state !== INSUFFICIENT_PRIVILEGE);
    figure('service role against append-only tables', 'tables × attempts refused', `${outcomes.length - allowed.length} of ${outcomes.length} (${tables.length} tables)`);
    expect(allowed).toEqual([]);
  });

  it("cannot raise a user's role, create tables or make roles", async () => {
    const attempts = {
      'raise a role': `UPDATE users SET role = 'admin'`,
      'create a table': 'CREATE TABLE public.shadow (id int)',
      'create a function': `CREATE FUNCTION public.shadow() RETURNS int LANGUAGE sql AS 'SELECT 1'`,
      'make a role': 'CREATE ROLE intruder LOGIN SUPERUSER',
      'switch to the owner': 'SET ROLE postgres',
    };
    const states: Record<string, string> = {};
    for (const [name, sql] of Object.entries(attempts)) states[name] = await sqlState(db.serviceUrl, sql);
    figure('service role', 'other escalations', JSON.stringify(states));
    expect(states).toEqual({
      'raise a role': INSUFFICIENT_PRIVILEGE,
      'create a table': INSUFFICIENT_PRIVILEGE,
      'create a function': INSUFFICIENT_PRIVILEGE,
      'make a role': INSUFFICIENT_PRIVILEGE,
      'switch to the owner': INSUFFICIENT_PRIVILEGE,
    });
  });

  it('the owner could do each of these: the refusals come from the role, not from the tables', async () => {
    const [table] = await protectedTables(db);
    expect(await sqlState(db.ownerUrl, `ALTER TABLE ${table} DISABLE TRIGGER ${table}_no_truncate`)).toBe('accepted');
  });
});
