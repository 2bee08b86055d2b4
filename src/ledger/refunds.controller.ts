import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Actor } from '../common/auth/role';
import { Roles } from '../common/auth/roles.decorator';
import { IdempotencyKey } from '../common/validation/idempotency-key.decorator';
import { uuidParam } from '../common/validation/uuid-param.pipe';
import { RecordRefundDto, RecordedRefundView } from '../payments/dto/refund.dto';
import { RefundsService } from './refunds.service';

@ApiTags('payments')
@Controller('api/sales/:saleId/refunds')
export class RefundsController {
  constructor(private readonly refunds: RefundsService) {}

  @Post()
  @Roles('finance')
  @ApiOperation({ summary: 'Record money returned to the buyer of a cancelled sale (422 if over the refund owed, or the sale is not cancelled)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'a replay with the same body returns the first answer' })
  @ApiCreatedResponse({ type: RecordedRefundView })
  record(
    @CurrentActor() actor: Actor,
    @Param('saleId', uuidParam('saleId')) saleId: string,
    @Body() dto: RecordRefundDto,
    @IdempotencyKey() key: string | undefined,
  ): Promise<RecordedRefundView> {
    return this.refunds.record(actor, saleId, dto, key);
  }
}
