import { Module } from '@nestjs/common';
import { AuditFlagsModule } from '../audit-flags/audit-flags.module';
import { AuditLogModule } from '../audit-log/audit-log.module';
import { EvaluationModule } from '../evaluation/evaluation.module';
import { SalesModule } from '../sales/sales.module';
import { PartiesModule } from '../parties/parties.module';
import { PricingModule } from '../pricing/pricing.module';
import { ProjectsModule } from '../projects/projects.module';
import { UnitsModule } from '../units/units.module';
import { LiquidationReportsController } from './liquidation-reports.controller';
import { LiquidationReportsRepository } from './liquidation-reports.repository';
import { LiquidationReportsService } from './liquidation-reports.service';
import { ReportData } from './report-data';
import { ReportFactsRepository } from './report-facts.repository';

@Module({
  imports: [AuditFlagsModule, AuditLogModule, EvaluationModule, SalesModule, PartiesModule, PricingModule, ProjectsModule, UnitsModule],
  controllers: [LiquidationReportsController],
  providers: [LiquidationReportsRepository, ReportFactsRepository, LiquidationReportsService, ReportData],
  exports: [LiquidationReportsService],
})
export class LiquidationReportsModule {}
