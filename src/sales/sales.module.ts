import { Module } from '@nestjs/common';
import { SalesRepository } from './sales.repository';

/** The sales ledger's own tables: sales, their buyers and handovers. */
@Module({
  providers: [SalesRepository],
  exports: [SalesRepository],
})
export class SalesModule {}
