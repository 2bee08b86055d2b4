import { Module } from '@nestjs/common';
import { ConfigModule } from '../../src/config/config.module';
import { DatabaseModule } from '../../src/database/database.module';
import { ImportsModule } from '../../src/imports/imports.module';
import { LiquidationReportsModule } from '../../src/liquidation-reports/liquidation-reports.module';
import { ProjectsModule } from '../../src/projects/projects.module';

/**
 * What the command line boots instead of the whole application: the
 * configuration, the database and the one feature it uses. No HTTP edge, no
 * users (so no admin token is bootstrapped), no health checks, no portfolio.
 */
@Module({ imports: [ConfigModule, DatabaseModule, ProjectsModule, LiquidationReportsModule] })
export class ReportCliModule {}

@Module({ imports: [ConfigModule, DatabaseModule, ProjectsModule, ImportsModule] })
export class ImportCliModule {}
