import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { InWrite, ManagedRepository, PG_UNIQUE_VIOLATION, pgErrorCode } from '../database/managed-repository';
import { ProjectEntity } from './project.entity';
import { DEFAULT_SETTINGS, ProjectSettings, effectiveSettings } from './project-settings';

@Injectable()
export class ProjectsRepository extends ManagedRepository {
  constructor(@InjectEntityManager() manager: EntityManager) {
    super(manager);
  }

  findById(id: string): Promise<ProjectEntity | null> {
    return this.manager.findOneBy(ProjectEntity, { id });
  }

  findByCode(code: string): Promise<ProjectEntity | null> {
    return this.manager.findOneBy(ProjectEntity, { code });
  }

  async getById(id: string): Promise<ProjectEntity> {
    const project = await this.findById(id);
    if (!project) throw DomainError.notFound('project', id);
    return project;
  }

  /**
   * The project, its row locked until the write's transaction ends, so that
   * settings read here and written by `setSettings` cannot be overwritten by a
   * simultaneous change in between. `FOR NO KEY UPDATE`: the key does not
   * change, so units and sales may still be added to the project meanwhile.
   */
  async getForSettingsChange(id: string): Promise<ProjectEntity> {
    const project = await this.manager.findOne(ProjectEntity, { where: { id }, lock: { mode: 'for_no_key_update' } });
    if (!project) throw DomainError.notFound('project', id);
    return project;
  }

  /** Stores the project's overrides (the whole set: merged by the caller). */
  async setSettings(this: InWrite<ProjectsRepository>, id: string, settings: Partial<ProjectSettings>): Promise<void> {
    await this.manager.query('UPDATE projects SET settings = $2::jsonb WHERE id = $1', [id, JSON.stringify(settings)]);
  }

  /** Every sale of the project judged at `at` (a whole-project audit run): one stamp on the project, not one on each sale. */
  async markSalesEvaluated(this: InWrite<ProjectsRepository>, id: string, at: Date): Promise<void> {
    await this.manager.query('UPDATE projects SET sales_evaluated_at = $2 WHERE id = $1', [id, at]);
  }

  /** The project's rule thresholds: defaults with its overrides; 404 for an unknown project. */
  async settingsOf(id: string): Promise<ProjectSettings> {
    return effectiveSettings((await this.getById(id)).settings);
  }

  /** The longest related-party reach any project uses: how far a new relation can change findings. */
  async longestRelatedPartyReach(): Promise<number> {
    const [{ hops }] = await this.manager.query(
      `SELECT max(coalesce((settings ->> 'relatedPartyMaxHops')::int, $1))::int AS hops FROM projects`,
      [DEFAULT_SETTINGS.relatedPartyMaxHops],
    );
    return hops ?? DEFAULT_SETTINGS.relatedPartyMaxHops;
  }

  async insert(this: InWrite<ProjectsRepository>, project: Omit<ProjectEntity, 'id'>): Promise<ProjectEntity> {
    try {
      return await this.manager.save(ProjectEntity, this.manager.create(ProjectEntity, project));
    } catch (error) {
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) {
        throw new DomainError(ErrorCode.ALREADY_EXISTS, `a project with code ${project.code} already exists`, [
          { field: 'code', problem: 'already taken' },
        ]);
      }
      throw error;
    }
  }

  async list(limit: number, offset: number): Promise<{ items: ProjectEntity[]; total: number }> {
    const [items, total] = await this.manager.findAndCount(ProjectEntity, {
      order: { code: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { items, total };
  }
}
