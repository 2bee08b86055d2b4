import { Module } from '@nestjs/common';
import { FlagsCoreModule } from '../audit-flags/flags-core.module';
import { PartiesModule } from '../parties/parties.module';
import { PaymentsRepository } from '../payments/payments.repository';
import { PricingModule } from '../pricing/pricing.module';
import { ProjectsModule } from '../projects/projects.module';
import { UnitsModule } from '../units/units.module';
import { SaleEvaluator } from './sale-evaluator';
import { SaleRules } from './sale-rules';
import { SaleViews } from './sale-views';
import { SalesRepository } from './sales.repository';

/** The sales ledger's data, evaluation, rules and views: shared by sales, payments and audit runs. */
@Module({
  imports: [ProjectsModule, UnitsModule, PricingModule, PartiesModule, FlagsCoreModule],
  providers: [SalesRepository, PaymentsRepository, SaleEvaluator, SaleRules, SaleViews],
  exports: [SalesRepository, PaymentsRepository, SaleEvaluator, SaleRules, SaleViews],
})
export class SalesCoreModule {}
