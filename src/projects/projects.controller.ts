import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Actor } from '../common/auth/role';
import { AnyRole, Roles } from '../common/auth/roles.decorator';
import { PaginationQuery } from '../common/validation/pagination.dto';
import { uuidParam } from '../common/validation/uuid-param.pipe';
import { CreateProjectDto, ProjectView } from './dto/project.dto';
import { ProjectsService } from './projects.service';

@ApiTags('projects')
@Controller('api/projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

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
  list(@Query() query: PaginationQuery) {
    return this.projects.list(query.limit, query.offset);
  }

  @Get(':id')
  @AnyRole()
  @ApiOkResponse({ type: ProjectView })
  get(@Param('id', uuidParam('id')) id: string): Promise<ProjectView> {
    return this.projects.get(id);
  }
}
