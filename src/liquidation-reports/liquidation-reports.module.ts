import { Module } from '@nestjs/common';
import { AuditFlagsModule } from '../audit-flags/audit-flags.module';
import { FlagsCoreModule } from '../audit-flags/flags-core.module';
import { PartiesModule } from '../parties/parties.module';
import { PricingModule } from '../pricing/pricing.module';
import { ProjectsModule } from '../projects/projects.module';
import { SalesCoreModule } from '../sales/sales-core.module';
import { UnitsModule } from '../units/units.module';
import { LiquidationReportsController } from './liquidation-reports.controller';
import { LiquidationReportsRepository } from './liquidation-reports.repository';
import { LiquidationReportsService } from './liquidation-reports.service';
import { ReportData } from './report-data';

@Module({
  imports: [AuditFlagsModule, FlagsCoreModule, SalesCoreModule, PartiesModule, PricingModule, ProjectsModule, UnitsModule],
  controllers: [LiquidationReportsController],
  providers: [LiquidationReportsRepository, LiquidationReportsService, ReportData],
  exports: [LiquidationReportsService],
})
export class LiquidationReportsModule {}
