import { Global, Module } from '@nestjs/common';
import { AppConfig, loadConfig } from './app-config';
import { Clock } from '../common/time/clock';

@Global()
@Module({
  providers: [{ provide: AppConfig, useFactory: () => loadConfig() }, Clock],
  exports: [AppConfig, Clock],
})
export class ConfigModule {}
