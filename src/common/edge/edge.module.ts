import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../../config/app-config';
import { ServiceLogger, loggerParams } from './logging';
import { rateLimits } from './rate-limit';

/** What stands between the network and the controllers: logging with request ids and redaction, rate limits. */
@Module({
  imports: [
    LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: loggerParams }),
    ThrottlerModule.forRootAsync({ inject: [AppConfig], useFactory: rateLimits }),
  ],
  providers: [ServiceLogger],
  exports: [ServiceLogger],
})
export class EdgeModule {}
