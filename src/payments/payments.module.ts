import { Module } from '@nestjs/common';
import { PaymentsRepository } from './payments.repository';

/** Ledger entries of sales: payments and their reversals. */
@Module({
  providers: [PaymentsRepository],
  exports: [PaymentsRepository],
})
export class PaymentsModule {}
