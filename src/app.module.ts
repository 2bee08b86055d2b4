import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { AuditFlagsModule } from './audit-flags/audit-flags.module';
import { AuditLogModule } from './audit-log/audit-log.module';
import { AuthGuard } from './common/auth/auth.guard';
import { EdgeModule } from './common/edge/edge.module';
import { RateLimitGuard } from './common/edge/rate-limit';
import { ErrorResponseFilter } from './common/errors/error-response.filter';
import { createValidationPipe } from './common/validation/validation.pipe';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { ImportsModule } from './imports/imports.module';
import { EvaluationModule } from './evaluation/evaluation.module';
import { LedgerModule } from './ledger/ledger.module';
import { LiquidationReportsModule } from './liquidation-reports/liquidation-reports.module';
import { PartiesModule } from './parties/parties.module';
import { PortfolioModule } from './portfolio/portfolio.module';
import { PricingModule } from './pricing/pricing.module';
import { ProjectsModule } from './projects/projects.module';
import { UnitsModule } from './units/units.module';
import { UsersModule } from './users/users.module';

@Module({
  imports: [
    ConfigModule,
    EdgeModule,
    DatabaseModule,
    UsersModule,
    AuditLogModule,
    HealthModule,
    ProjectsModule,
    UnitsModule,
    PricingModule,
    PartiesModule,
    AuditFlagsModule,
    EvaluationModule,
    LedgerModule,
    LiquidationReportsModule,
    ImportsModule,
    PortfolioModule,
  ],
  providers: [
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: ErrorResponseFilter },
  ],
})
export class AppModule {}
