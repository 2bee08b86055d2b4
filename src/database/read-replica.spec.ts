import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { ReadReplica, ReadScope } from './read-replica';

const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5433'), { code: 'ECONNREFUSED' });

/** A data source whose manager is a marker: which pool a read was given. Its own queries (readiness) are refused. */
function source(name: string): DataSource {
  return { manager: { name }, options: {}, isInitialized: true, query: () => Promise.reject(refused()) } as unknown as DataSource;
}

function replicaWith(url: string | undefined, replica?: DataSource): ReadReplica {
  const config = Object.assign(new AppConfig(), { DATABASE_URL: 'postgres://u@primary/db', DATABASE_READ_URL: url });
  const router = new ReadReplica(source('primary'), config);
  if (replica) Object.assign(router, { replica });
  return router;
}

const poolOf = (scope: ReadScope) => (scope.manager as unknown as { name: string }).name;

describe('ReadReplica', () => {
  let warnings: jest.SpyInstance;
  beforeEach(() => {
    warnings = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warnings.mockRestore());

  it('reads the primary when no replica is configured', async () => {
    const router = replicaWith(undefined);
    expect(router.configured).toBe(false);
    expect(await router.run(async (scope) => [scope.source, poolOf(scope)])).toEqual(['primary', 'primary']);
    expect(await router.state()).toBeUndefined();
  });

  it('reads the replica when it is connected', async () => {
    const router = replicaWith('postgres://u@replica/db', source('replica'));
    expect(await router.run(async (scope) => [scope.source, poolOf(scope)])).toEqual(['replica', 'replica']);
  });

  it('reads the primary again when the replica cannot be reached, and leaves the replica alone for a while', async () => {
    const router = replicaWith('postgres://u@replica/db', source('replica'));
    const pools: string[] = [];
    const answer = await router.run(async (scope) => {
      pools.push(poolOf(scope));
      if (scope.source === 'replica') throw refused();
      return 'from the primary';
    });
    expect(answer).toBe('from the primary');
    expect(pools).toEqual(['replica', 'primary']);
    // Marked down: the next read goes straight to the primary; the warning is logged once.
    expect(await router.run(async (scope) => scope.source)).toBe('primary');
    expect(warnings).toHaveBeenCalledTimes(1);
    expect(String(warnings.mock.calls[0][0])).toMatch(/read replica is unreachable \(ECONNREFUSED/);
    expect(await router.state()).toMatchObject({ status: 'down', readsFrom: 'primary', message: expect.stringContaining('ECONNREFUSED') });
  });

  it('asks the primary for what the replica has not replayed yet', async () => {
    const router = replicaWith('postgres://u@replica/db', source('replica'));
    const answer = await router.run(async (scope) => {
      if (scope.source === 'replica') throw DomainError.notFound('liquidation report', 'r1');
      return 'found on the primary';
    });
    expect(answer).toBe('found on the primary');
    // Not a sign of the replica being down: the next read is the replica's again.
    expect(await router.run(async (scope) => scope.source)).toBe('replica');
  });

  it('runs a read the replica cancelled in a conflict with replay on the primary', async () => {
    const router = replicaWith('postgres://u@replica/db', source('replica'));
    const answer = await router.run(async (scope) => {
      if (scope.source === 'replica') throw Object.assign(new Error('canceling statement due to conflict with recovery'), { code: '40001' });
      return scope.source;
    });
    expect(answer).toBe('primary');
  });

  it('passes any other error on, without asking the primary', async () => {
    const router = replicaWith('postgres://u@replica/db', source('replica'));
    const pools: string[] = [];
    const refused = new DomainError(ErrorCode.VALIDATION_FAILED, 'asOf is in the future');
    await expect(
      router.run(async (scope) => {
        pools.push(scope.source);
        throw refused;
      }),
    ).rejects.toBe(refused);
    expect(pools).toEqual(['replica']);
  });
});
