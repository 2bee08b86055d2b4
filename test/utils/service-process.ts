/** The service in a child process: shared with the benchmark, which loads it from outside. */
import { databaseEnv } from '../../scripts/child-process';
import { TestDatabase } from './test-database';

export { startService } from '../../scripts/child-process';

/** The environment that points the service at a test database: the service's login role to serve, the owner to migrate. */
export function testDatabaseEnv(db: TestDatabase): Record<string, string> {
  return databaseEnv({ serviceUrl: db.serviceUrl, ownerUrl: db.url });
}
export type { ServiceProcess } from '../../scripts/child-process';
