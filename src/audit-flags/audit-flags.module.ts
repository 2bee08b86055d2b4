import { Module } from '@nestjs/common';
import { PartiesModule } from '../parties/parties.module';
import { PricingModule } from '../pricing/pricing.module';
import { ProjectsModule } from '../projects/projects.module';
import { SalesCoreModule } from '../sales/sales-core.module';
import { AuditRunsController } from './audit-runs.controller';
import { AuditRunsService } from './audit-runs.service';
import { FlagsController } from './flags.controller';
import { FlagsCoreModule } from './flags-core.module';
import { FlagsService } from './flags.service';

@Module({
  imports: [FlagsCoreModule, SalesCoreModule, PricingModule, ProjectsModule, PartiesModule],
  controllers: [FlagsController, AuditRunsController],
  providers: [FlagsService, AuditRunsService],
  exports: [AuditRunsService],
})
export class AuditFlagsModule {}
