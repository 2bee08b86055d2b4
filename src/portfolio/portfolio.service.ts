import { Injectable } from '@nestjs/common';
import { refuseFutureDate } from '../common/business-dates';
import { Clock } from '../common/time/clock';
import { PortfolioSummaryView } from './dto/portfolio.dto';
import { summarisePortfolio } from './portfolio-summary';
import { PortfolioRepository } from './portfolio.repository';
import { ReadReplica } from '../database/read-replica';

@Injectable()
export class PortfolioService {
  constructor(
    private readonly portfolio: PortfolioRepository,
    private readonly clock: Clock,
    private readonly replica: ReadReplica,
  ) {}

  /**
   * The ledger as it stands, read as of a date: no audit run, nothing written. From the read replica when there is
   * one, so the writes of the last moments may not be counted yet.
   */
  async summary(asOf: string): Promise<PortfolioSummaryView> {
    refuseFutureDate(this.clock, 'asOf', asOf);
    const generatedAt = this.clock.now();
    return summarisePortfolio(asOf, generatedAt, await this.replica.run((scope) => this.portfolio.within(scope).figuresAsOf(asOf)));
  }
}
