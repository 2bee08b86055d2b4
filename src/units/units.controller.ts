import { ApiPageResponse } from '../common/openapi/api-page.decorator';
import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Actor } from '../common/auth/role';
import { AnyRole, Roles } from '../common/auth/roles.decorator';
import { uuidParam } from '../common/validation/uuid-param.pipe';
import { CreateUnitDto, UnitView, UnitsQuery } from './dto/unit.dto';
import { UnitsService } from './units.service';

@ApiTags('units')
@Controller('api/projects/:projectId/units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Add a unit to a project' })
  @ApiCreatedResponse({ type: UnitView })
  create(
    @CurrentActor() actor: Actor,
    @Param('projectId', uuidParam('projectId')) projectId: string,
    @Body() dto: CreateUnitDto,
  ): Promise<UnitView> {
    return this.units.create(actor, projectId, dto);
  }

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'List the units of a project' })
  @ApiPageResponse(UnitView)
  list(@Param('projectId', uuidParam('projectId')) projectId: string, @Query() query: UnitsQuery) {
    return this.units.list(projectId, query);
  }
}
