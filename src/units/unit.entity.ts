import Decimal from 'decimal.js';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { decimalTransformer } from '../database/decimal.transformer';
import { ProjectEntity } from '../projects/project.entity';

@Entity('units')
@Unique('units_project_unit_no_key', ['projectId', 'unitNo'])
@Index('units_project_type_idx', ['projectId', 'unitType'])
@Check('units_saleable_area_check', '(saleable_area > (0)::numeric)')
@Check('units_cost_price_check', '(cost_price > (0)::numeric)')
export class UnitEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  /** The foreign key to the project; code uses `projectId`. */
  @ManyToOne(() => ProjectEntity, { createForeignKeyConstraints: true })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'units_project_id_fkey' })
  project?: ProjectEntity;

  @Column({ name: 'unit_no', type: 'varchar', length: 40 })
  unitNo: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  building: string | null;

  @Column({ type: 'integer', nullable: true })
  floor: number | null;

  @Column({ name: 'unit_type', type: 'varchar', length: 40 })
  unitType: string;

  @Column({ name: 'saleable_area', type: 'numeric', precision: 10, scale: 2, transformer: decimalTransformer })
  saleableArea: Decimal;

  @Column({ name: 'cost_price', type: 'numeric', precision: 15, scale: 2, nullable: true, transformer: decimalTransformer })
  costPrice: Decimal | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
