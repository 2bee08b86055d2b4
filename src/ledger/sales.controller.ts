import { ApiPageResponse } from '../common/openapi/api-page.decorator';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Actor } from '../common/auth/role';
import { AnyRole, Roles } from '../common/auth/roles.decorator';
import { IdempotencyKey } from '../common/validation/idempotency-key.decorator';
import { uuidParam } from '../common/validation/uuid-param.pipe';
import { CancellationDto, HandoverDto, RecordSaleDto, SalesQuery } from '../sales/dto/sale.dto';
import { PathPartyView, SaleView } from './dto/sale-view.dto';
import { SalesService } from './sales.service';

@ApiTags('sales')
@ApiExtraModels(PathPartyView)
@Controller('api/sales')
export class SalesController {
  constructor(private readonly sales: SalesService) {}

  @Post()
  @Roles('clerk')
  @ApiOperation({ summary: 'Record a sale: one active sale per unit (409 otherwise); compared with the market and flagged at once' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'a replay with the same body returns the first answer' })
  @ApiCreatedResponse({ type: SaleView })
  record(@CurrentActor() actor: Actor, @Body() dto: RecordSaleDto, @IdempotencyKey() key: string | undefined): Promise<SaleView> {
    return this.sales.record(actor, dto, key);
  }

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'Sales, by project, buyer, status, or with open flags' })
  @ApiPageResponse(SaleView)
  list(@Query() query: SalesQuery) {
    return this.sales.list(query);
  }

  @Get(':id')
  @AnyRole()
  @ApiOperation({ summary: 'A sale: its facts, market comparison, related-party finding, payments, balance and flags' })
  @ApiOkResponse({ type: SaleView })
  get(@Param('id', uuidParam('id')) id: string): Promise<SaleView> {
    return this.sales.get(id);
  }

  @Post(':id/handover')
  @Roles('clerk')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Record that the keys were handed over, and whether the buyer moved in' })
  @ApiOkResponse({ type: SaleView })
  handover(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: HandoverDto): Promise<SaleView> {
    return this.sales.handover(actor, id, dto);
  }

  @Post(':id/cancellation')
  @Roles('clerk')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Cancel a sale: frees the unit; the sale, its payments and its flags stay. forfeitedAmount (at most what was paid) is kept, the rest is owed back',
  })
  @ApiOkResponse({ type: SaleView })
  cancel(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: CancellationDto): Promise<SaleView> {
    return this.sales.cancel(actor, id, dto);
  }
}
