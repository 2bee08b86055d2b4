import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Actor } from '../common/auth/role';
import { AnyRole, Roles } from '../common/auth/roles.decorator';
import { ApiPageResponse } from '../common/openapi/api-page.decorator';
import { PaginationQuery } from '../common/validation/pagination.dto';
import { uuidParam } from '../common/validation/uuid-param.pipe';
import { CreateProjectDto, ProjectSettingsDto, ProjectView } from './dto/project.dto';
import { ProjectOverviewView } from './overview/project-overview.dto';
import { ProjectOverviewService } from './overview/project-overview.service';
import { ProjectsService } from './projects.service';

@ApiTags('projects')
@Controller('api/projects')
export class ProjectsController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly overviews: ProjectOverviewService,
  ) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a project; settings override the rule thresholds' })
  @ApiCreatedResponse({ type: ProjectView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateProjectDto): Promise<ProjectView> {
    return this.projects.create(actor, dto);
  }

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'List projects' })
  @ApiPageResponse(ProjectView)
  list(@Query() query: PaginationQuery) {
    return this.projects.list(query.limit, query.offset);
  }

  @Get(':id')
  @AnyRole()
  @ApiOperation({ summary: 'A project with its currency, time zone and effective rule thresholds' })
  @ApiOkResponse({ type: ProjectView })
  get(@Param('id', uuidParam('id')) id: string): Promise<ProjectView> {
    return this.projects.get(id);
  }

  @Get(':id/overview')
  @AnyRole()
  @ApiOperation({
    summary: 'The project page’s figures: every active sale with its net and market price per m² and its open flags, and receivables by aging bucket',
    description: 'Aging counts days from the contract date to today in the project’s time zone. Batches come from the price lists, market evidence from the market prices.',
  })
  @ApiOkResponse({ type: ProjectOverviewView })
  overview(@Param('id', uuidParam('id')) id: string): Promise<ProjectOverviewView> {
    return this.overviews.overview(id);
  }

  @Patch(':id/settings')
  @Roles('admin')
  @ApiOperation({
    summary: 'Change some of the rule thresholds; they apply from the next evaluation (sale, payment, audit run)',
    description: 'Any non-empty subset of the settings; the values given are merged into the project’s overrides. ' +
      'belowMarketHighPct may not end up under belowMarketPct. Recorded in the audit log as project.settings-changed with the effective settings before and after.',
  })
  @ApiBody({ type: ProjectSettingsDto })
  @ApiOkResponse({ type: ProjectView, description: 'the project with its effective settings' })
  changeSettings(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: ProjectSettingsDto): Promise<ProjectView> {
    return this.projects.changeSettings(actor, id, dto);
  }
}
