import Decimal from 'decimal.js';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { decimalTransformer } from '../database/decimal.transformer';

@Entity('units')
export class UnitEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

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
