import { Check, Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ProjectSettings } from './project-settings';

@Entity('projects')
@Check('projects_name_check', "(btrim((name)::text) <> ''::text)")
@Check('projects_currency_check', "(currency ~ '^[A-Z]{3}$'::text)")
@Check('projects_time_zone_check', "(((char_length(time_zone) >= 1) AND (char_length(time_zone) <= 64)) AND (time_zone = btrim(time_zone)))")
export class ProjectEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 40, unique: true })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  city: string | null;

  /** The IANA zone its business dates and report timestamps are shown in. */
  @Column({ name: 'time_zone', type: 'text' })
  timeZone: string;

  /** Only the overrides; defaults are applied when read. */
  @Column({ type: 'jsonb', default: {} })
  settings: Partial<ProjectSettings>;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** When an audit run last judged every sale of the project (a sale reads as evaluated at the later of this and its own stamp); not read with the project. */
  @Column({ name: 'sales_evaluated_at', type: 'timestamptz', nullable: true, select: false })
  salesEvaluatedAt?: Date | null;
}
