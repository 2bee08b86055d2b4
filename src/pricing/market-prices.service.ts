import { Injectable } from '@nestjs/common';
import { Actor } from '../common/auth/role';
import { DomainError } from '../common/errors/domain-error';
import { dec, formatMoney } from '../common/money';
import { Page } from '../common/validation/pagination.dto';
import { auditEntry, WriteRunner, written } from '../database/write-runner';
import { ProjectsRepository } from '../projects/projects.repository';
import { UnitsRepository } from '../units/units.repository';
import { MarketPriceView, MarketPricesQuery, RecordMarketPriceDto } from './dto/market-price.dto';
import { MarketPriceEntity, marketPriceScope } from './market-price.entity';
import { MarketPricesRepository } from './market-prices.repository';
import { ReadReplica } from '../database/read-replica';

function toMarketPriceView(evidence: MarketPriceEntity, unitNo: string | null): MarketPriceView {
  return {
    id: evidence.id,
    projectId: evidence.projectId,
    asOf: evidence.asOf,
    pricePerSqm: formatMoney(evidence.pricePerSqm),
    source: evidence.source,
    scope: marketPriceScope(evidence),
    unitId: evidence.unitId,
    unitNo,
    unitType: evidence.unitType,
    reference: evidence.reference,
    createdAt: evidence.createdAt.toISOString(),
  };
}

@Injectable()
export class MarketPricesService {
  constructor(
    private readonly projects: ProjectsRepository,
    private readonly units: UnitsRepository,
    private readonly marketPrices: MarketPricesRepository,
    private readonly writes: WriteRunner,
    private readonly replica: ReadReplica,
  ) {}

  record(actor: Actor, projectId: string, dto: RecordMarketPriceDto): Promise<MarketPriceView> {
    return this.writes.run(actor, async (tx) => {
      await this.projects.within(tx).getById(projectId);
      const unitNo = dto.unitNo ?? null;
      const unit = unitNo === null ? null : await this.units.within(tx).findByUnitNo(projectId, unitNo);
      if (unitNo !== null && !unit) throw DomainError.unknownReference('unitNo', unitNo, 'unit');
      const evidence = await this.marketPrices.within(tx).insert({
        projectId,
        asOf: dto.asOf,
        pricePerSqm: dec(dto.pricePerSqm),
        source: dto.source,
        unitId: unit?.id ?? null,
        unitType: dto.unitType ?? null,
        reference: dto.reference ?? null,
        createdAt: tx.clock.now(),
      });
      const view = toMarketPriceView(evidence, unit?.unitNo ?? null);
      return written(view, auditEntry('market-price.recorded', 'market-price', evidence.id, view));
    });
  }

  /** From the read replica when there is one: evidence recorded a moment ago may not be listed yet. */
  async list(projectId: string, query: MarketPricesQuery): Promise<Page<MarketPriceView>> {
    const page = await this.replica.run(async (scope) => {
      await this.projects.within(scope).getById(projectId);
      return this.marketPrices.within(scope).list(
        projectId,
        { unitNo: query.unitNo, unitType: query.unitType, scope: query.scope },
        query.limit,
        query.offset,
      );
    });
    return { items: page.items.map((evidence) => toMarketPriceView(evidence, evidence.unit?.unitNo ?? null)), total: page.total };
  }
}
