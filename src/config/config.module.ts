import { Global, Module } from '@nestjs/common';
import { ConfigModule as NestConfigModule, ConfigService } from '@nestjs/config';
import { AppConfig, CONFIG_KEYS, validateEnvironment } from './app-config';
import { Clock } from '../common/time/clock';

/**
 * The environment through @nestjs/config: variables from the process, else from `.env` in the working directory,
 * validated once against the AppConfig schema; the service injects the typed AppConfig.
 */
@Global()
@Module({
  imports: [NestConfigModule.forRoot({ envFilePath: '.env', cache: true, validate: validateEnvironment })],
  providers: [
    {
      provide: AppConfig,
      inject: [ConfigService],
      useFactory: (config: ConfigService) => Object.assign(new AppConfig(), Object.fromEntries(CONFIG_KEYS.map((key) => [key, config.get(key)]))),
    },
    Clock,
  ],
  exports: [AppConfig, Clock],
})
export class ConfigModule {}
