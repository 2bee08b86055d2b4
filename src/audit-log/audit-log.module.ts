import { Module } from '@nestjs/common';
import { AuditLogController } from './audit-log.controller';
import { AuditLogService } from './audit-log.service';
import { HeadSigner } from './head-signer';

@Module({
  controllers: [AuditLogController],
  providers: [AuditLogService, HeadSigner],
  exports: [AuditLogService],
})
export class AuditLogModule {}
