import { ApiPageResponse } from '../common/openapi/api-page.decorator';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/roles.decorator';
import { AuditLogService } from './audit-log.service';
import { AuditLogEntryView, AuditLogQuery, ChainHeadView, ChainVerificationView, ChainVerifyQuery } from './dto/audit-log.dto';

@ApiTags('audit-log')
@Controller('api/audit-log')
@Roles('auditor', 'admin')
export class AuditLogController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get()
  @ApiOperation({ summary: 'Audit-log entries in order, optionally for one entity' })
  @ApiPageResponse(AuditLogEntryView)
  list(@Query() query: AuditLogQuery) {
    return this.auditLog.list(query);
  }

  @Get('head')
  @ApiOperation({ summary: 'The last entry of the chain (seq, hash, time), signed with Ed25519 when the service has a signing key' })
  @ApiOkResponse({ type: ChainHeadView })
  head(): Promise<ChainHeadView> {
    return this.auditLog.head();
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recompute the hash chain; names the first entry that breaks it, and proves a head given earlier still in it' })
  @ApiOkResponse({ type: ChainVerificationView })
  verify(@Query() query: ChainVerifyQuery): Promise<ChainVerificationView> {
    return this.auditLog.verify(query.seq === undefined || query.hash === undefined ? undefined : { seq: Number(query.seq), hash: query.hash });
  }
}
