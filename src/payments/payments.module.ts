import { Module } from '@nestjs/common';
import { SalesCoreModule } from '../sales/sales-core.module';
import { PaymentsController } from './payments.controller';
import { PaymentsService } from './payments.service';

@Module({
  imports: [SalesCoreModule],
  controllers: [PaymentsController],
  providers: [PaymentsService],
})
export class PaymentsModule {}
