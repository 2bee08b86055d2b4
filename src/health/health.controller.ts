import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../common/auth/roles.decorator';

@ApiTags('health')
@Controller('health')
@SkipThrottle({ token: true, address: true })
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
  ) {}

  private ready() {
    return this.health.check([() => this.database.pingCheck('database', { timeout: 3000 })]);
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
  @ApiOperation({ summary: 'Readiness: 200 when the database answers a ping, 503 otherwise' })
  readiness() {
    return this.ready();
  }
}
