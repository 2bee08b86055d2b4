import { ApiPageResponse } from '../common/openapi/api-page.decorator';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  @ApiBody({
    type: RecordSaleDto,
    examples: {
      'the driver’s flat': {
        summary: 'a sale at cost to the CEO’s driver, from batch B1',
        value: { unitId: '6f1c2a9e-3b7d-4c1e-9a55-2d8f0b7e4c11', buyerPartyIds: ['0b9d4e2a-7c1f-4e8b-a3d2-5f6e7a8b9c01'], contractDate: '2026-03-02', netPrice: '3000000.00' },
      },
      'with discounts and a referrer': {
        summary: 'two buyers, the published discounts taken, referred by an agent',
        value: {
          unitId: '6f1c2a9e-3b7d-4c1e-9a55-2d8f0b7e4c12', buyerPartyIds: ['0b9d4e2a-7c1f-4e8b-a3d2-5f6e7a8b9c02', '0b9d4e2a-7c1f-4e8b-a3d2-5f6e7a8b9c03'],
          contractDate: '2026-03-05', netPrice: '4074000.00', discountCodes: ['FULL'], referrerPartyId: '0b9d4e2a-7c1f-4e8b-a3d2-5f6e7a8b9c04', note: 'contract 2026-0031',
        },
      },
    },
  })
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
