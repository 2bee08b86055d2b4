import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { InvalidConfigError, loadConfig } from './config/app-config';

async function bootstrap(): Promise<void> {
  let port: number;
  try {
    port = loadConfig().PORT;
  } catch (error) {
    if (error instanceof InvalidConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true, bodyParser: false });
  configureApp(app);
  await app.listen(port, '0.0.0.0');
  const { port: bound } = app.getHttpServer().address() as AddressInfo;
  process.stdout.write(`Listening on http://localhost:${bound} (API docs: /api/docs)\n`);
}

void bootstrap();
