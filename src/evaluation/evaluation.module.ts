import { Module } from '@nestjs/common';
import { AuditFlagsModule } from '../audit-flags/audit-flags.module';
import { PartiesModule } from '../parties/parties.module';
import { PaymentsModule } from '../payments/payments.module';
import { PricingModule } from '../pricing/pricing.module';
import { ProjectsModule } from '../projects/projects.module';
import { SalesModule } from '../sales/sales.module';
import { AuditRunsController } from './audit-runs.controller';
import { AuditRunsService } from './audit-runs.service';
import { EvaluationEngine } from './evaluation-engine';

/** The one evaluation engine, over the facts of the modules below it, and the audit runs that call it for a whole project. */
@Module({
  imports: [ProjectsModule, SalesModule, PaymentsModule, PartiesModule, PricingModule, AuditFlagsModule],
  controllers: [AuditRunsController],
  providers: [EvaluationEngine, AuditRunsService],
  exports: [EvaluationEngine, AuditRunsService],
})
export class EvaluationModule {}
