import { Module } from '@nestjs/common';
import { EvaluationModule } from '../evaluation/evaluation.module';
import { LedgerModule } from '../ledger/ledger.module';
import { PartiesModule } from '../parties/parties.module';
import { PricingModule } from '../pricing/pricing.module';
import { ProjectsModule } from '../projects/projects.module';
import { PaymentsModule } from '../payments/payments.module';
import { SalesModule } from '../sales/sales.module';
import { UnitsModule } from '../units/units.module';
import { PaymentsImporter } from './importers/payments.importer';
import { PriceListImporter } from './importers/price-list.importer';
import { SalesImporter } from './importers/sales.importer';
import { UnitsImporter } from './importers/units.importer';
import { ImportLeases } from './import-leases';
import { ImportsController } from './imports.controller';
import { ImportsRepository } from './imports.repository';
import { ImportsService } from './imports.service';

@Module({
  imports: [ProjectsModule, UnitsModule, PricingModule, PartiesModule, SalesModule, PaymentsModule, EvaluationModule, LedgerModule],
  controllers: [ImportsController],
  providers: [ImportsRepository, ImportsService, ImportLeases, UnitsImporter, PriceListImporter, SalesImporter, PaymentsImporter],
  exports: [ImportsService, ImportLeases],
})
export class ImportsModule {}
