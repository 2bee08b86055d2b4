import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProjectsModule } from '../projects/projects.module';
import { UnitsModule } from '../units/units.module';
import { MarketPriceEntity } from './market-price.entity';
import { MarketPricesController } from './market-prices.controller';
import { MarketPricesRepository } from './market-prices.repository';
import { MarketPricesService } from './market-prices.service';
import { PriceListDiscountEntity, PriceListEntity } from './price-list.entity';
import { PriceListsController } from './price-lists.controller';
import { PriceListsRepository } from './price-lists.repository';
import { PriceListsService } from './price-lists.service';

/** Price lists (release batches and their discounts) and market evidence; exports what the evaluation engine and the ledger read. */
@Module({
  imports: [TypeOrmModule.forFeature([PriceListEntity, PriceListDiscountEntity, MarketPriceEntity]), ProjectsModule, UnitsModule],
  controllers: [PriceListsController, MarketPricesController],
  providers: [PriceListsRepository, PriceListsService, MarketPricesRepository, MarketPricesService],
  exports: [PriceListsRepository, PriceListsService, MarketPricesRepository],
})
export class PricingModule {}
