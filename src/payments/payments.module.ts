import { Module } from '@nestjs/common';
import { PaymentsRepository } from './payments.repository';
import { RefundsRepository } from './refunds.repository';

/** Ledger entries of sales: payments and their reversals, and refunds of cancelled sales. */
@Module({
  providers: [PaymentsRepository, RefundsRepository],
  exports: [PaymentsRepository, RefundsRepository],
})
export class PaymentsModule {}
