import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { configureApp, createHttpAdapter } from './app.setup';
import { AppConfig, InvalidConfigError, loadConfig } from './config/app-config';
import { describeDatabase } from './config/describe-database';

async function bootstrap(): Promise<void> {
  try {
    loadConfig(); // a bad variable is said in one line, before anything starts (the container validates again, with .env)
  } catch (error) {
    if (!(error instanceof InvalidConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  let app: NestFastifyApplication;
  try {
    // Nest's messages wait in a buffer for the service's logger; a failure is said once, below.
    app = await NestFactory.create<NestFastifyApplication>(AppModule, createHttpAdapter(), { bufferLogs: true, bodyParser: false, abortOnError: false });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(error instanceof InvalidConfigError ? `${message}\n` : `Could not start: ${message}\n`);
    if (process.env.DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  }
  await configureApp(app);
  const config = app.get(AppConfig);
  await app.listen(config.PORT, '0.0.0.0');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const base = `http://localhost:${port}`;
  process.stdout.write(`Listening on ${base} · database: ${describeDatabase(config)} · API docs: ${base}/api/docs · console: ${base}/console\n`);
}

void bootstrap();
