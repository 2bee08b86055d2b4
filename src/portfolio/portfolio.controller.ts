import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyRole } from '../common/auth/roles.decorator';
import { PortfolioQuery, PortfolioSummaryView } from './dto/portfolio.dto';
import { PortfolioService } from './portfolio.service';

@ApiTags('portfolio')
@Controller('api/portfolio')
export class PortfolioController {
  constructor(private readonly portfolio: PortfolioService) {}

  @Get('summary')
  @AnyRole()
  @ApiOperation({ summary: 'Every project’s liquidation-report summary figures as of a date, and their totals, from the ledger as it stands' })
  @ApiOkResponse({ type: PortfolioSummaryView })
  summary(@Query() query: PortfolioQuery): Promise<PortfolioSummaryView> {
    return this.portfolio.summary(query.asOf);
  }
}
