import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLogRepository } from '../audit-log/audit-log.repository';
import { ChainSealer } from '../audit-log/chain-sealer';
import { DatabaseEndpoint, DatabaseEndpointModule } from './database-endpoint';
import { PREPARE_STATEMENTS } from './managed-repository';
import { IdempotencyRepository } from './idempotency.repository';
import { WriteRunner } from './write-runner';
import { ResilientClient } from './resilient-client';
import { ReadReplica } from './read-replica';

@Global()
@Module({
  imports: [
    DatabaseEndpointModule,
    TypeOrmModule.forRootAsync({
      inject: [DatabaseEndpoint],
      useFactory: (endpoint: DatabaseEndpoint) => ({
        type: 'postgres' as const,
        url: endpoint.url,
        // JIT compiling pays off for long analytical queries only; here it turned 0.1 s queries into 0.8 s ones.
        // A request waits at most this long for a connection while the database is down, then is answered 503.
        extra: { Client: ResilientClient, max: endpoint.poolSize, connectionTimeoutMillis: 5_000, ...(endpoint.isEmbedded ? {} : { options: '-c jit=off', [PREPARE_STATEMENTS]: true }) },
        autoLoadEntities: true,
        // Migrations are applied before this connection opens, through the owner's (DatabaseEndpoint): never with the service's role.
        synchronize: false,
        logging: false,
      }),
    }),
  ],
  // ReadReplica: the second pool, to DATABASE_READ_URL's streaming replica, for the read-heavy GETs (read-replica.ts).
  providers: [WriteRunner, AuditLogRepository, IdempotencyRepository, ChainSealer, ReadReplica],
  exports: [WriteRunner, AuditLogRepository, ChainSealer, ReadReplica],
})
export class DatabaseModule {}
