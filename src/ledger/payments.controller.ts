import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Actor } from '../common/auth/role';
import { Roles } from '../common/auth/roles.decorator';
import { IdempotencyKey } from '../common/validation/idempotency-key.decorator';
import { uuidParam } from '../common/validation/uuid-param.pipe';
import { RecordPaymentDto, RecordedPaymentView, ReversePaymentDto } from '../payments/dto/payment.dto';
import { PaymentsService } from './payments.service';

@ApiTags('payments')
@Controller('api/sales/:saleId/payments')
export class PaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  @Post()
  @Roles('finance')
  @ApiOperation({ summary: 'Record a payment received for a sale (422 if over the outstanding amount)' })
  @ApiBody({
    type: RecordPaymentDto,
    examples: {
      deposit: { summary: 'the deposit, on the day of the contract', value: { amount: '420000.00', receivedOn: '2026-03-05', kind: 'DEPOSIT', reference: 'ICBC 2026-0305-0117' } },
      mortgage: { summary: 'the bank’s mortgage release', value: { amount: '2800000.00', receivedOn: '2026-05-20', kind: 'MORTGAGE', reference: 'CCB loan 88-1201' } },
    },
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'a replay with the same body returns the first answer' })
  @ApiCreatedResponse({ type: RecordedPaymentView })
  record(
    @CurrentActor() actor: Actor,
    @Param('saleId', uuidParam('saleId')) saleId: string,
    @Body() dto: RecordPaymentDto,
    @IdempotencyKey() key: string | undefined,
  ): Promise<RecordedPaymentView> {
    return this.payments.record(actor, saleId, dto, key);
  }

  @Post(':paymentId/reversal')
  @Roles('finance')
  @ApiOperation({ summary: 'Reverse a payment with a new negative entry; the original stays (409 the second time)' })
  @ApiCreatedResponse({ type: RecordedPaymentView })
  reverse(
    @CurrentActor() actor: Actor,
    @Param('saleId', uuidParam('saleId')) saleId: string,
    @Param('paymentId', uuidParam('paymentId')) paymentId: string,
    @Body() dto: ReversePaymentDto,
  ): Promise<RecordedPaymentView> {
    return this.payments.reverse(actor, saleId, paymentId, dto);
  }
}
