import { Injectable } from '@nestjs/common';
import { Actor } from '../common/auth/role';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { Page } from '../common/validation/pagination.dto';
import { WriteRunner } from '../database/write-runner';
import { CreateProjectDto, ProjectView } from './dto/project.dto';
import { ProjectEntity } from './project.entity';
import { ProjectSettings, effectiveSettings, givenSettings, settingsProblems } from './project-settings';
import { ProjectsRepository } from './projects.repository';

/** Refuses (400) effective settings whose values contradict one another; `prefix` places the field in the request body. */
function refuseInconsistentSettings(settings: ProjectSettings, prefix = ''): void {
  const problems = settingsProblems(settings).map(({ field, problem }) => ({ field: `${prefix}${field}`, problem }));
  if (problems.length > 0) {
    throw new DomainError(ErrorCode.VALIDATION_FAILED, problems.map((p) => `${p.field}: ${p.problem}`).join('; '), problems);
  }
}

export function toProjectView(project: ProjectEntity): ProjectView {
  return {
    id: project.id,
    code: project.code,
    name: project.name,
    currency: project.currency,
    city: project.city,
    settings: effectiveSettings(project.settings),
    createdAt: project.createdAt.toISOString(),
  };
}

@Injectable()
export class ProjectsService {
  constructor(
    private readonly projects: ProjectsRepository,
    private readonly writes: WriteRunner,
  ) {}

  async create(actor: Actor, dto: CreateProjectDto): Promise<ProjectView> {
    const overrides = givenSettings(dto.settings);
    refuseInconsistentSettings(effectiveSettings(overrides), 'settings.');
    return this.writes.run(actor, async (tx) => {
      const project = await this.projects.within(tx).insert({
        code: dto.code,
        name: dto.name,
        currency: dto.currency,
        city: dto.city ?? null,
        settings: overrides,
        createdAt: tx.clock.now(),
      });
      const view = toProjectView(project);
      tx.record('project.created', 'project', project.id, view);
      return view;
    });
  }

  async get(id: string): Promise<ProjectView> {
    return toProjectView(await this.projects.getById(id));
  }

  async list(limit: number, offset: number): Promise<Page<ProjectView>> {
    const page = await this.projects.list(limit, offset);
    return { items: page.items.map(toProjectView), total: page.total };
  }
}
