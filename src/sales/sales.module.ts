import { Module } from '@nestjs/common';
import { PartiesModule } from '../parties/parties.module';
import { PricingModule } from '../pricing/pricing.module';
import { ProjectsModule } from '../projects/projects.module';
import { UnitsModule } from '../units/units.module';
import { SalesController } from './sales.controller';
import { SalesCoreModule } from './sales-core.module';
import { SalesService } from './sales.service';

@Module({
  imports: [SalesCoreModule, ProjectsModule, UnitsModule, PartiesModule, PricingModule],
  controllers: [SalesController],
  providers: [SalesService],
})
export class SalesModule {}
