import { Injectable } from '@nestjs/common';
import { Actor } from '../common/auth/role';
import { Page } from '../common/validation/pagination.dto';
import { WriteRunner } from '../database/write-runner';
import { CreateProjectDto, ProjectView } from './dto/project.dto';
import { ProjectEntity } from './project.entity';
import { effectiveSettings } from './project-settings';
import { ProjectsRepository } from './projects.repository';

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

  create(actor: Actor, dto: CreateProjectDto): Promise<ProjectView> {
    return this.writes.run(actor, async (tx) => {
      const project = await this.projects.within(tx).insert({
        code: dto.code,
        name: dto.name,
        currency: dto.currency,
        city: dto.city ?? null,
        settings: { ...(dto.settings ?? {}) },
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
