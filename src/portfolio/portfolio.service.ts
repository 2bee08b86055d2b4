import { Injectable } from '@nestjs/common';
import { refuseFutureDate } from '../common/business-dates';
import { Clock } from '../common/time/clock';
import { PortfolioSummaryView } from './dto/portfolio.dto';
import { summarisePortfolio } from './portfolio-summary';
import { PortfolioRepository } from './portfolio.repository';

@Injectable()
export class PortfolioService {
  constructor(
    private readonly portfolio: PortfolioRepository,
    private readonly clock: Clock,
  ) {}

  /** The ledger as it stands, read as of a date: no audit run, nothing written. */
  async summary(asOf: string): Promise<PortfolioSummaryView> {
    refuseFutureDate(this.clock, 'asOf', asOf);
    const generatedAt = this.clock.now();
    return summarisePortfolio(asOf, generatedAt, await this.portfolio.figuresAsOf(asOf));
  }
}
