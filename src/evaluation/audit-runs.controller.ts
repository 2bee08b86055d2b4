import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Actor } from '../common/auth/role';
import { Roles } from '../common/auth/roles.decorator';
import { uuidParam } from '../common/validation/uuid-param.pipe';
import { AuditRunsService } from './audit-runs.service';
import { AuditRunDto, AuditRunView } from './audit-run.dto';

@ApiTags('audit-flags')
@Controller('api/projects/:projectId/audit-runs')
export class AuditRunsController {
  constructor(private readonly auditRuns: AuditRunsService) {}

  @Post()
  @Roles('auditor')
  @ApiOperation({ summary: 'Re-evaluate every rule of the project with all evidence known now, judged as of asOf (default today)' })
  @ApiCreatedResponse({ type: AuditRunView })
  run(@CurrentActor() actor: Actor, @Param('projectId', uuidParam('projectId')) projectId: string, @Body() dto: AuditRunDto): Promise<AuditRunView> {
    return this.auditRuns.run(actor, projectId, dto.asOf);
  }
}
