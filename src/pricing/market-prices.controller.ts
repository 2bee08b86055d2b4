import { ApiPageResponse } from '../common/openapi/api-page.decorator';
import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Actor } from '../common/auth/role';
import { AnyRole, Roles } from '../common/auth/roles.decorator';
import { uuidParam } from '../common/validation/uuid-param.pipe';
import { MarketPriceView, MarketPricesQuery, RecordMarketPriceDto } from './dto/market-price.dto';
import { MarketPricesService } from './market-prices.service';

@ApiTags('pricing')
@Controller('api/projects/:projectId/market-prices')
export class MarketPricesController {
  constructor(private readonly marketPrices: MarketPricesService) {}

  @Post()
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'Record market evidence for one unit, one unit type, or the whole project' })
  @ApiCreatedResponse({ type: MarketPriceView })
  record(
    @CurrentActor() actor: Actor,
    @Param('projectId', uuidParam('projectId')) projectId: string,
    @Body() dto: RecordMarketPriceDto,
  ): Promise<MarketPriceView> {
    return this.marketPrices.record(actor, projectId, dto);
  }

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'Market evidence of a project by date' })
  @ApiPageResponse(MarketPriceView)
  list(@Param('projectId', uuidParam('projectId')) projectId: string, @Query() query: MarketPricesQuery) {
    return this.marketPrices.list(projectId, query);
  }
}
