import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLogRepository } from '../audit-log/audit-log.repository';
import { DatabaseEndpoint, DatabaseEndpointModule } from './database-endpoint';
import { MIGRATIONS } from './migrations';
import { IdempotencyRepository } from './idempotency.repository';
import { WriteRunner } from './write-runner';

@Global()
@Module({
  imports: [
    DatabaseEndpointModule,
    TypeOrmModule.forRootAsync({
      inject: [DatabaseEndpoint],
      useFactory: (endpoint: DatabaseEndpoint) => ({
        type: 'postgres' as const,
        url: endpoint.url,
        extra: { max: endpoint.poolSize },
        autoLoadEntities: true,
        synchronize: false,
        migrations: MIGRATIONS,
        migrationsRun: true,
        migrationsTransactionMode: 'each' as const,
        logging: false,
      }),
    }),
  ],
  providers: [WriteRunner, AuditLogRepository, IdempotencyRepository],
  exports: [WriteRunner, AuditLogRepository],
})
export class DatabaseModule {}
