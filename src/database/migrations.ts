import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Foundation1764489600000 } from '../../migrations/1764489600000-Foundation';
import { SalesLedger1764576000000 } from '../../migrations/1764576000000-SalesLedger';
import { AuditFlags1764662400000 } from '../../migrations/1764662400000-AuditFlags';
import { LiquidationReports1764748800000 } from '../../migrations/1764748800000-LiquidationReports';
import { Imports1764835200000 } from '../../migrations/1764835200000-Imports';
import { AuditChainSeal1764925200000 } from '../../migrations/1764925200000-AuditChainSeal';
import { RelatedPartySalesIndex1765011600000 } from '../../migrations/1765011600000-RelatedPartySalesIndex';
import { AuditRunAndReportStorage1765098000000 } from '../../migrations/1765098000000-AuditRunAndReportStorage';
import { WiderMarketPrices1765184400000 } from '../../migrations/1765184400000-WiderMarketPrices';
import { EvaluationEngine1765357200000 } from '../../migrations/1765357200000-EvaluationEngine';
import { CancellationRefunds1765443600000 } from '../../migrations/1765443600000-CancellationRefunds';
import { ProjectTimeZone1765530000000 } from '../../migrations/1765530000000-ProjectTimeZone';
import { ImportLeases1765600000000 } from '../../migrations/1765600000000-ImportLeases';
import { ServiceRole1765700000000 } from '../../migrations/1765700000000-ServiceRole';
import { ImportStatistics1765800000000 } from '../../migrations/1765800000000-ImportStatistics';
import { AuditChainSealAfterCommit1765900000000 } from '../../migrations/1765900000000-AuditChainSealAfterCommit';
import { ProjectSalesEvaluatedAt1766000000000 } from '../../migrations/1766000000000-ProjectSalesEvaluatedAt';
import { JsonCompressionLz41766100000000 } from '../../migrations/1766100000000-JsonCompressionLz4';

/** Every migration, in order. A new file in migrations/ is added here too. */
export const MIGRATIONS = [Foundation1764489600000, SalesLedger1764576000000, AuditFlags1764662400000, LiquidationReports1764748800000, Imports1764835200000, AuditChainSeal1764925200000, RelatedPartySalesIndex1765011600000, AuditRunAndReportStorage1765098000000, WiderMarketPrices1765184400000, EvaluationEngine1765357200000, CancellationRefunds1765443600000, ProjectTimeZone1765530000000, ImportLeases1765600000000, ServiceRole1765700000000, ImportStatistics1765800000000, AuditChainSealAfterCommit1765900000000, ProjectSalesEvaluatedAt1766000000000, JsonCompressionLz41766100000000];

/** Applies the pending migrations through a connection of its own on `url` (the owner's), closed after; returns their names. */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = new DataSource({ type: 'postgres', url, migrations: MIGRATIONS, migrationsTransactionMode: 'each', extra: { max: 1 }, logging: false });
  await dataSource.initialize();
  try {
    return (await dataSource.runMigrations({ transaction: 'each' })).map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

/** What a connection to the database says of itself: is it a superuser, how many tables it owns, which migrations it lacks. */
export async function inspectConnection(url: string): Promise<{ role: string; superuser: boolean; ownedTables: number; pending: string[] }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const [me] = (
      await client.query<{ role: string; superuser: boolean; owned: number; migrations: boolean }>(`
        SELECT current_user AS role, r.rolsuper AS superuser, to_regclass('migrations') IS NOT NULL AS migrations,
               (SELECT count(*)::int FROM pg_class c
                 WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND pg_has_role(c.relowner, 'USAGE')) AS owned
          FROM pg_roles r WHERE r.rolname = current_user`)
    ).rows;
    const applied = new Set(me.migrations ? (await client.query<{ name: string }>('SELECT name FROM migrations')).rows.map((row) => row.name) : []);
    const pending = MIGRATIONS.map((migration) => new migration().name as string).filter((name) => !applied.has(name));
    return { role: me.role, superuser: me.superuser, ownedTables: me.owned, pending };
  } finally {
    await client.end();
  }
}
