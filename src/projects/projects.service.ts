import { Injectable } from '@nestjs/common';
import { Actor } from '../common/auth/role';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { Page } from '../common/validation/pagination.dto';
import { auditEntry, WriteRunner, written } from '../database/write-runner';
import { CreateProjectDto, ProjectSettingsDto, ProjectView } from './dto/project.dto';
import { ProjectEntity } from './project.entity';
import { ProjectSettings, SETTING_KEYS, effectiveSettings, givenSettings, settingsProblems } from './project-settings';
import { ProjectsRepository } from './projects.repository';
import { defaultTimeZoneFor } from './time-zone';
import { ReadReplica } from '../database/read-replica';

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
    timeZone: project.timeZone,
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
    private readonly replica: ReadReplica,
  ) {}

  async create(actor: Actor, dto: CreateProjectDto): Promise<ProjectView> {
    const overrides = givenSettings(dto.settings);
    refuseInconsistentSettings(effectiveSettings(overrides), 'settings.');
    return this.writes.run(actor, async (tx) => {
      const project = await this.projects.within(tx).insert({
        code: dto.code,
        name: dto.name,
        currency: dto.currency,
        timeZone: dto.timeZone ?? defaultTimeZoneFor(dto.currency),
        city: dto.city ?? null,
        settings: overrides,
        createdAt: tx.clock.now(),
      });
      const view = toProjectView(project);
      return written(view, auditEntry('project.created', 'project', project.id, view));
    });
  }

  /**
   * Changes some of the project's rule thresholds; they apply from the next
   * evaluation (a sale, a payment, an audit run). The given values are merged
   * into the stored overrides while the project row is locked, so simultaneous
   * changes of different settings all land. A change that leaves every value as
   * it was is still accepted and logged (before equals after): the request was
   * made, and the audit log says so.
   */
  async changeSettings(actor: Actor, id: string, dto: ProjectSettingsDto): Promise<ProjectView> {
    const changes = givenSettings(dto);
    if (Object.keys(changes).length === 0) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, `give at least one setting: ${SETTING_KEYS.join(', ')}`);
    }
    return this.writes.run(actor, async (tx) => {
      const projects = this.projects.within(tx);
      const project = await projects.getForSettingsChange(id);
      const before = effectiveSettings(project.settings);
      const overrides = { ...givenSettings(project.settings), ...changes };
      const after = effectiveSettings(overrides);
      refuseInconsistentSettings(after);
      await projects.setSettings(id, overrides);
      return written(toProjectView({ ...project, settings: overrides }), auditEntry('project.settings-changed', 'project', id, { before, after }));
    });
  }

  async get(id: string): Promise<ProjectView> {
    return toProjectView(await this.projects.getById(id));
  }

  /** From the read replica when there is one: a project made a moment ago may not be listed yet. */
  async list(limit: number, offset: number): Promise<Page<ProjectView>> {
    const page = await this.replica.run((scope) => this.projects.within(scope).list(limit, offset));
    return { items: page.items.map(toProjectView), total: page.total };
  }
}
