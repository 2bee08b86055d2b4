import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/roles.decorator';
import { AuditLogService } from './audit-log.service';
import { AuditLogQuery, ChainVerificationView } from './dto/audit-log.dto';

@ApiTags('audit-log')
@Controller('api/audit-log')
@Roles('auditor', 'admin')
export class AuditLogController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get()
  @ApiOperation({ summary: 'Audit-log entries in order, optionally for one entity' })
  list(@Query() query: AuditLogQuery) {
    return this.auditLog.list(query);
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recompute the hash chain; names the first entry that breaks it' })
  @ApiOkResponse({ type: ChainVerificationView })
  verify(): Promise<ChainVerificationView> {
    return this.auditLog.verify();
  }
}
