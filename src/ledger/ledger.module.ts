import { Module } from '@nestjs/common';
import { AuditFlagsModule } from '../audit-flags/audit-flags.module';
import { EvaluationModule } from '../evaluation/evaluation.module';
import { PartiesModule } from '../parties/parties.module';
import { PaymentsModule } from '../payments/payments.module';
import { PricingModule } from '../pricing/pricing.module';
import { ProjectsModule } from '../projects/projects.module';
import { SalesModule } from '../sales/sales.module';
import { UnitsModule } from '../units/units.module';
import { PartyRelationsController } from './party-relations.controller';
import { PartyRelationsService } from './party-relations.service';
import { PaymentsController } from './payments.controller';
import { PaymentsService } from './payments.service';
import { PriceListPostingController } from './price-list-posting.controller';
import { RefundsController } from './refunds.controller';
import { RefundsService } from './refunds.service';
import { SaleViews } from './sale-views';
import { SalesController } from './sales.controller';
import { SalesService } from './sales.service';
import { RecordPayments } from './use-cases/record-payments';
import { RecordSales } from './use-cases/record-sales';

/**
 * The writes the evaluation engine judges at once — a sale, a payment or its
 * reversal, a handover, a cancellation, a relation, a price list — the
 * refunds of cancelled sales, and the sale view, which shows a sale with its
 * evaluation and flags.
 */
@Module({
  imports: [ProjectsModule, UnitsModule, PricingModule, PartiesModule, SalesModule, PaymentsModule, AuditFlagsModule, EvaluationModule],
  controllers: [SalesController, PaymentsController, RefundsController, PartyRelationsController, PriceListPostingController],
  providers: [SalesService, PaymentsService, RefundsService, PartyRelationsService, SaleViews, RecordSales, RecordPayments],
  exports: [SaleViews, RecordSales, RecordPayments],
})
export class LedgerModule {}
