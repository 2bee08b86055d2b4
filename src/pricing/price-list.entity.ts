import Decimal from 'decimal.js';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { decimalTransformer } from '../database/decimal.transformer';
import { DiscountEligibility } from './discount-combination';

/** A release batch (加推). Published lists are append-only in the database. */
@Entity('price_lists')
export class PriceListEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @Column({ name: 'batch_no', type: 'varchar', length: 40 })
  batchNo: string;

  @Column({ name: 'issued_on', type: 'date' })
  issuedOn: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A discount scheme published with a price list. */
@Entity('price_list_discounts')
export class PriceListDiscountEntity {
  @PrimaryColumn({ name: 'price_list_id', type: 'uuid' })
  priceListId: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  code: string;

  @Column({ type: 'varchar', length: 500 })
  description: string;

  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: decimalTransformer })
  percent: Decimal;

  @Column({ type: 'boolean' })
  stackable: boolean;

  @Column({ type: 'varchar', length: 8 })
  eligibility: DiscountEligibility;
}
