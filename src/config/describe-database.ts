import { resolve } from 'node:path';
import type { AppConfig } from './app-config';

/** Where the data lives, for the start line: the embedded database's folder, or the server, database and user of the URL — never its password. */
export function describeDatabase(config: Pick<AppConfig, 'DATABASE_URL' | 'DATA_DIR'>): string {
  if (!config.DATABASE_URL) return `embedded PostgreSQL (PGlite) in ${resolve(config.DATA_DIR)}`;
  const url = new URL(config.DATABASE_URL);
  return `PostgreSQL ${url.hostname}:${url.port || '5432'}${url.pathname} as ${decodeURIComponent(url.username) || 'the default user'}`;
}
