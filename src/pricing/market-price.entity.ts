import Decimal from 'decimal.js';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { decimalTransformer } from '../database/decimal.transformer';
import { ProjectEntity } from '../projects/project.entity';
import { UnitEntity } from '../units/unit.entity';

export const MARKET_PRICE_SOURCES = ['APPRAISAL', 'INDEX', 'MANUAL'] as const;
export type MarketPriceSource = (typeof MARKET_PRICE_SOURCES)[number];

/** What a piece of evidence prices: one unit, every unit of a type, or the whole project. */
export const MARKET_PRICE_SCOPES = ['UNIT', 'UNIT_TYPE', 'PROJECT'] as const;
export type MarketPriceScope = (typeof MARKET_PRICE_SCOPES)[number];

/** Market evidence of a price per m²; append-only in the database. */
@Entity('market_prices')
@Index('market_prices_unit_idx', ['unitId', 'asOf'], { where: '(unit_id IS NOT NULL)' })
@Index('market_prices_scope_idx', ['projectId', 'unitType', 'asOf'], { where: '(unit_id IS NULL)' })
@Check('market_prices_price_per_sqm_check', '(price_per_sqm > (0)::numeric)')
@Check('market_prices_source_check', "((source)::text = ANY ((ARRAY['APPRAISAL'::character varying, 'INDEX'::character varying, 'MANUAL'::character varying])::text[]))")
@Check('market_prices_check', '((unit_id IS NULL) OR (unit_type IS NULL))')
export class MarketPriceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  /** The foreign key to the project; code uses `projectId`. */
  @ManyToOne(() => ProjectEntity, { createForeignKeyConstraints: true })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'market_prices_project_id_fkey' })
  project?: ProjectEntity;

  @Column({ name: 'as_of', type: 'date' })
  asOf: string;

  @Column({ name: 'price_per_sqm', type: 'numeric', precision: 15, scale: 2, transformer: decimalTransformer })
  pricePerSqm: Decimal;

  @Column({ type: 'varchar', length: 16 })
  source: MarketPriceSource;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId: string | null;

  /** Loaded only where the unit number is shown. */
  @ManyToOne(() => UnitEntity, { createForeignKeyConstraints: true })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'market_prices_unit_id_fkey' })
  unit?: UnitEntity | null;

  /** Set only on type-level evidence; unit-level evidence leaves it null. */
  @Column({ name: 'unit_type', type: 'varchar', length: 40, nullable: true })
  unitType: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reference: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

export function marketPriceScope(evidence: Pick<MarketPriceEntity, 'unitId' | 'unitType'>): MarketPriceScope {
  if (evidence.unitId) return 'UNIT';
  return evidence.unitType ? 'UNIT_TYPE' : 'PROJECT';
}
