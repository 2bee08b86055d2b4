import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A sale's market price is a product: an area times a price per m² (unit,
 * unit-type or project evidence), or the comparables' total net price ÷ total
 * area times this unit's area. Within the accepted limits (areas up to
 * 99999.99, prices up to 999999999999.99, prices per m² up to 99999999.99) a
 * comparable of 0.01 m² at the top price makes a price per m² of about 1e14
 * and a market price of about 1e19; rows stored before the limits (areas up to
 * 99999999.99, prices and evidence up to 9999999999999.99) reach about 1e23.
 * numeric(15, 2) holds below 1e13: such a sale could not be recorded, and an
 * audit run or report of its project failed. numeric(30, 2) holds below 1e28.
 *
 * Every other numeric column holds a value as accepted (prices, payments and
 * evidence numeric(15, 2), areas numeric(10, 2), discounts numeric(5, 2)) and
 * keeps its width, so existing rows read as before; sums are taken in
 * unbounded numeric or in Decimal, and nothing else stores a product.
 *
 * Raising a numeric's precision at the same scale rewrites no row and
 * rebuilds no index (neither column is indexed).
 */
export class WiderMarketPrices1765184400000 implements MigrationInterface {
  name = 'WiderMarketPrices1765184400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE sales
        ALTER COLUMN market_price TYPE numeric(30, 2),
        ALTER COLUMN market_price_per_sqm TYPE numeric(30, 2)`);
  }

  /** Back to numeric(15, 2); refused, naming how many sales, while a stored market price would not fit. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DO $$
      DECLARE
        too_wide bigint;
      BEGIN
        SELECT count(*) INTO too_wide FROM sales
        WHERE abs(market_price) >= 1e13 OR abs(market_price_per_sqm) >= 1e13;
        IF too_wide > 0 THEN
          RAISE EXCEPTION '% sales have a market price or price per m² of 1e13 or more, which numeric(15, 2) cannot hold', too_wide
            USING ERRCODE = 'numeric_value_out_of_range';
        END IF;
      END
      $$`);
    await queryRunner.query(`
      ALTER TABLE sales
        ALTER COLUMN market_price TYPE numeric(15, 2),
        ALTER COLUMN market_price_per_sqm TYPE numeric(15, 2)`);
  }
}
