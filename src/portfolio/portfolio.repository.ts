import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { dec } from '../common/money';
import { ManagedRepository } from '../database/managed-repository';
import { ProjectLedgerFigures } from './portfolio-summary';

interface FiguresRow {
  project_id: string;
  code: string;
  name: string;
  currency: string;
  units_total: number;
  units_sold: number;
  contract_value: string;
  cash_received: string;
  related_party_receivables: string;
  market_shortfall: string;
  open_flags: ProjectLedgerFigures['openFlags'];
}

/** Signed on or before the as-of date ($1) and not cancelled on or before it (docs/api-guide.md, Liquidation reports). */
const included = (sale: string) => `${sale}.contract_date <= $1 AND (${sale}.cancelled_on IS NULL OR ${sale}.cancelled_on > $1)`;

/**
 * Every project's summary figures as of a date, in one statement (one snapshot),
 * aggregated in `numeric` by the database; nothing per sale leaves it. Each
 * figure is summed on its own so that no step groups a million sales: the sales
 * figures in one scan of the sales; cash as the payments and reversals (negative
 * entries) received by the date joined to the sales included; what related-party
 * sales still owe sale by sale, through the partial index of those sales; OPEN
 * flags of the sales included and of the price lists issued by the date.
 */
const FIGURES_AS_OF = `
  WITH unit_counts AS (
    SELECT project_id, count(*)::int AS units_total FROM units GROUP BY project_id
  ),
  sold AS (
    -- greatest() skips a null: a sale without a market price falls short of nothing.
    SELECT s.project_id, count(*)::int AS units_sold, sum(s.net_price) AS contract_value,
           sum(greatest(s.market_price - s.net_price, 0)) AS market_shortfall
    FROM sales s
    WHERE ${included('s')}
    GROUP BY s.project_id
  ),
  received AS (
    SELECT s.project_id, sum(p.amount) AS cash_received
    FROM payments p JOIN sales s ON s.id = p.sale_id
    WHERE p.received_on <= $1 AND ${included('s')}
    GROUP BY s.project_id
  ),
  related_owing AS (
    SELECT s.project_id,
           sum(greatest(s.net_price - coalesce((SELECT sum(p.amount) FROM payments p WHERE p.sale_id = s.id AND p.received_on <= $1), 0), 0))
             AS related_party_receivables
    FROM sales s
    WHERE s.related_party AND ${included('s')}
    GROUP BY s.project_id
  ),
  open_flags AS (
    SELECT project_id, jsonb_agg(jsonb_build_object('type', type, 'severity', severity, 'count', flags)) AS open_flags
    FROM (
      SELECT f.project_id, f.type, f.severity, count(*)::int AS flags
      FROM audit_flags f
      WHERE f.status = 'OPEN'
        AND (EXISTS (SELECT FROM sales s WHERE s.id = f.sale_id AND ${included('s')})
             OR EXISTS (SELECT FROM price_lists pl WHERE pl.id = f.price_list_id AND pl.issued_on <= $1))
      GROUP BY f.project_id, f.type, f.severity
    ) counts
    GROUP BY project_id
  )
  SELECT p.id AS project_id, p.code, p.name, p.currency,
         coalesce(u.units_total, 0) AS units_total,
         coalesce(s.units_sold, 0) AS units_sold,
         coalesce(s.contract_value, 0)::text AS contract_value,
         coalesce(r.cash_received, 0)::text AS cash_received,
         coalesce(o.related_party_receivables, 0)::text AS related_party_receivables,
         coalesce(s.market_shortfall, 0)::text AS market_shortfall,
         coalesce(f.open_flags, '[]'::jsonb) AS open_flags
  FROM projects p
  LEFT JOIN unit_counts u ON u.project_id = p.id
  LEFT JOIN sold s ON s.project_id = p.id
  LEFT JOIN received r ON r.project_id = p.id
  LEFT JOIN related_owing o ON o.project_id = p.id
  LEFT JOIN open_flags f ON f.project_id = p.id
  ORDER BY p.code`;

@Injectable()
export class PortfolioRepository extends ManagedRepository {
  constructor(@InjectEntityManager() manager: EntityManager) {
    super(manager);
  }

  async figuresAsOf(asOf: string): Promise<ProjectLedgerFigures[]> {
    const rows: FiguresRow[] = await this.manager.query(FIGURES_AS_OF, [asOf]);
    return rows.map((row) => ({
      projectId: row.project_id,
      code: row.code,
      name: row.name,
      currency: row.currency,
      unitsTotal: row.units_total,
      unitsSold: row.units_sold,
      contractValue: dec(row.contract_value),
      cashReceived: dec(row.cash_received),
      relatedPartyReceivables: dec(row.related_party_receivables),
      marketShortfall: dec(row.market_shortfall),
      openFlags: row.open_flags,
    }));
  }
}
