import Decimal from 'decimal.js';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { decimalTransformer } from '../database/decimal.transformer';
import { ProjectEntity } from '../projects/project.entity';
import { DiscountEligibility } from './discount-combination';

/** A release batch (加推). Published lists are append-only in the database. */
@Entity('price_lists')
@Unique('price_lists_project_batch_key', ['projectId', 'batchNo'])
@Index('price_lists_project_issued_idx', ['projectId', 'issuedOn'])
export class PriceListEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  /** The foreign key to the project; code uses `projectId`. */
  @ManyToOne(() => ProjectEntity, { createForeignKeyConstraints: true })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'price_lists_project_id_fkey' })
  project?: ProjectEntity;

  @Column({ name: 'batch_no', type: 'varchar', length: 40 })
  batchNo: string;

  @Column({ name: 'issued_on', type: 'date' })
  issuedOn: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A discount scheme published with a price list. */
@Entity('price_list_discounts')
@Check('price_list_discounts_percent_check', '((percent >= (0)::numeric) AND (percent < (100)::numeric))')
@Check('price_list_discounts_eligibility_check', "((eligibility)::text = ANY ((ARRAY['ALL'::character varying, 'STAFF'::character varying])::text[]))")
export class PriceListDiscountEntity {
  @PrimaryColumn({ name: 'price_list_id', type: 'uuid' })
  priceListId: string;

  /** The foreign key to the price list; code uses `priceListId`. */
  @ManyToOne(() => PriceListEntity, { createForeignKeyConstraints: true })
  @JoinColumn({ name: 'price_list_id', foreignKeyConstraintName: 'price_list_discounts_price_list_id_fkey' })
  priceList?: PriceListEntity;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  code: string;

  @Column({ type: 'varchar', length: 500 })
  description: string;

  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: decimalTransformer })
  percent: Decimal;

  @Column({ type: 'boolean', default: false })
  stackable: boolean;

  @Column({ type: 'varchar', length: 8, default: 'ALL' })
  eligibility: DiscountEligibility;
}
