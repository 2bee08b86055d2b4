import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { dateIn, daysBetween } from '../../common/business-dates';
import { dec, formatMoney, formatNullableMoney, sum } from '../../common/money';
import { Clock } from '../../common/time/clock';
import { varianceOf } from '../../evaluation/market-price';
import { agingBucket } from '../../liquidation-reports/report-builder';
import { AGING_BUCKETS } from '../../liquidation-reports/report.types';
import { ProjectsRepository } from '../projects.repository';
import { OverviewSaleView, ProjectOverviewView } from './project-overview.dto';

interface OverviewRow {
  id: string;
  unit_no: string;
  unit_type: string;
  contract_date: string;
  saleable_area: string;
  net_price: string;
  market_price: string | null;
  market_price_per_sqm: string | null;
  related_party: boolean;
  paid: string;
  flag_types: string[];
}

/**
 * The project page's figures: every active sale with its price per m², market and balance, and the
 * receivables by aging bucket as of today in the project's time zone. Read only, in one statement.
 */
@Injectable()
export class ProjectOverviewService {
  constructor(
    @InjectEntityManager() private readonly manager: EntityManager,
    private readonly projects: ProjectsRepository,
    private readonly clock: Clock,
  ) {}

  async overview(projectId: string): Promise<ProjectOverviewView> {
    const project = await this.projects.getById(projectId);
    const rows: OverviewRow[] = await this.manager.query(
      `SELECT s.id, u.unit_no, s.unit_type, s.contract_date::text AS contract_date, s.saleable_area, s.net_price,
              s.market_price, s.market_price_per_sqm, s.related_party,
              coalesce((SELECT sum(p.amount) FROM payments p WHERE p.sale_id = s.id), 0) AS paid,
              coalesce((SELECT array_agg(DISTINCT f.type ORDER BY f.type) FROM audit_flags f
                        WHERE f.sale_id = s.id AND f.status IN ('OPEN', 'CONFIRMED')), '{}') AS flag_types
       FROM sales s JOIN units u ON u.id = s.unit_id AND u.project_id = $1
       WHERE s.project_id = $1 AND s.status = 'ACTIVE'
       ORDER BY s.contract_date, u.unit_no`,
      [projectId],
    );
    const asOf = dateIn(this.clock.now(), project.timeZone);
    const sales: OverviewSaleView[] = rows.map((row) => {
      const outstanding = dec(row.net_price).minus(row.paid);
      return {
        saleId: row.id,
        unitNo: row.unit_no,
        unitType: row.unit_type,
        contractDate: row.contract_date,
        saleableArea: formatMoney(row.saleable_area),
        netPrice: formatMoney(row.net_price),
        netPricePerSqm: formatMoney(dec(row.net_price).div(row.saleable_area)),
        marketPrice: formatNullableMoney(row.market_price),
        marketPricePerSqm: formatNullableMoney(row.market_price_per_sqm),
        variance: varianceOf(row.net_price, row.market_price),
        paid: formatMoney(row.paid),
        outstanding: formatMoney(outstanding),
        relatedParty: row.related_party,
        flagTypes: row.flag_types,
        flagged: row.flag_types.length > 0,
      };
    });
    const receivables = sales.filter((sale) => dec(sale.outstanding).gt(0) && sale.contractDate <= asOf);
    const receivablesAging = AGING_BUCKETS.map((bucket) => {
      const inBucket = receivables.filter((sale) => agingBucket(daysBetween(sale.contractDate, asOf)) === bucket);
      return { bucket, sales: inBucket.length, outstanding: formatMoney(sum(inBucket.map((sale) => sale.outstanding))) };
    });
    return { projectId, currency: project.currency, timeZone: project.timeZone, asOf, sales, receivablesAging };
  }
}
