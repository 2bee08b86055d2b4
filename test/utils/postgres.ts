import { Client } from 'pg';

/** The PostgreSQL server the tests use: TEST_DATABASE_URL, or the local one. */
export const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The login role the test app connects as: a member of the service's group role, owning nothing. */
export const SERVICE_USER = 'ledger_test_service';
export const SERVICE_PASSWORD = 'ledger-test-service-password';

/** `name` on the test server, as its owner (SERVER_URL's role): for migrations and for setting up what the API cannot. */
export function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** `name` on the test server, as the service's login role. */
export function serviceDatabaseUrl(name: string): string {
  const url = new URL(databaseUrl(name));
  url.username = SERVICE_USER;
  url.password = SERVICE_PASSWORD;
  return url.toString();
}

export function withServer<T>(work: (client: Client) => Promise<T>): Promise<T> {
  return withClient(SERVER_URL, work);
}

/** One connection to `url` for the time of `work`. */
export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export const TEMPLATE_ENV = 'LEDGER_TEST_TEMPLATE_DB';
