import Decimal from 'decimal.js';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { decimalTransformer } from '../database/decimal.transformer';
import { UnitEntity } from '../units/unit.entity';

export const MARKET_PRICE_SOURCES = ['APPRAISAL', 'INDEX', 'MANUAL'] as const;
export type MarketPriceSource = (typeof MARKET_PRICE_SOURCES)[number];

/** What a piece of evidence prices: one unit, every unit of a type, or the whole project. */
export const MARKET_PRICE_SCOPES = ['UNIT', 'UNIT_TYPE', 'PROJECT'] as const;
export type MarketPriceScope = (typeof MARKET_PRICE_SCOPES)[number];

/** Market evidence of a price per m²; append-only in the database. */
@Entity('market_prices')
export class MarketPriceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @Column({ name: 'as_of', type: 'date' })
  asOf: string;

  @Column({ name: 'price_per_sqm', type: 'numeric', precision: 15, scale: 2, transformer: decimalTransformer })
  pricePerSqm: Decimal;

  @Column({ type: 'varchar', length: 16 })
  source: MarketPriceSource;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId: string | null;

  /** Loaded only where the unit number is shown. */
  @ManyToOne(() => UnitEntity)
  @JoinColumn({ name: 'unit_id' })
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
