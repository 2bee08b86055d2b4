import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../common/auth/roles.decorator';
import { ReadReplica } from '../database/read-replica';

@ApiTags('health')
@Controller('health')
@SkipThrottle({ token: true, address: true })
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly replica: ReadReplica,
  ) {}

  /**
   * Ready when the primary answers. With DATABASE_READ_URL, `replica` says whether the read replica answers, where
   * its routes read now and how far its replay is behind; a replica down does not make the service unready (its
   * reads go to the primary).
   */
  private async ready() {
    const result = await this.health.check([() => this.database.pingCheck('database', { timeout: 3000 })]);
    const replica = await this.replica.state();
    return replica ? { ...result, replica } : result;
  }

  @Get()
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness and database readiness (as /health/ready)' })
  check() {
    return this.ready();
  }

  @Get('live')
  @Public()
  @ApiOperation({ summary: 'Liveness: 200 while the process runs, whatever the database does' })
  @ApiOkResponse({ schema: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] } }, required: ['status'] } })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: 200 when the database answers a ping, 503 otherwise; with a read replica, its state (its being down does not fail readiness)' })
  readiness() {
    return this.ready();
  }
}
