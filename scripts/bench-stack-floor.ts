import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Body, CanActivate, Controller, ExecutionContext, HttpCode, Injectable, Module, Post, UnauthorizedException } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { BODY_LIMIT_BYTES, createHttpAdapter } from '../src/app.setup';
import { registerJsonBody } from '../src/common/edge/json-body';
import { AppConfig } from '../src/config/app-config';
import { ErrorResponseFilter } from '../src/common/errors/error-response.filter';
import { createValidationPipe } from '../src/common/validation/validation.pipe';
import { RecordSaleDto } from '../src/sales/dto/sale.dto';
import { BARE_SALE_INSERT } from './bench-bare-insert';

/**
 * The floor of the service's own stack, between the bare endpoint and the
 * service: NestJS on Fastify (made as the service makes it, with its JSON body
 * parser) with pino-http, the service's validation pipe and error filter, its
 * RecordSaleDto, a bearer-token guard (checked against a constant, as the
 * service's token cache does after the first request) and a
 * TypeORM pool of 10, doing for `POST /sales` the bare endpoint's one INSERT
 * into `bare_sales`, no transaction, rules or audit log. What it costs per
 * request is what any route of the service costs before it does its work.
 * Run as a child process by the bench: DATABASE_URL, TOKEN, PORT (0 = any).
 */
@Injectable()
class TokenGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.switchToHttp().getRequest<FastifyRequest>().headers.authorization !== `Bearer ${process.env.TOKEN}`) throw new UnauthorizedException();
    return true;
  }
}

@Controller()
class FloorController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Post('sales')
  @HttpCode(201)
  async record(@Body() sale: RecordSaleDto): Promise<{ id: string }> {
    const [row] = await this.dataSource.query(BARE_SALE_INSERT, [
      sale.unitId, sale.contractDate, sale.listPrice ?? null, sale.netPrice, sale.discountCodes ?? [], sale.referrerPartyId ?? null, sale.note ?? null,
    ]);
    return { id: row.id };
  }
}

@Module({
  imports: [
    LoggerModule.forRoot({ pinoHttp: { level: 'silent' } }),
    TypeOrmModule.forRoot({ type: 'postgres', url: process.env.DATABASE_URL, extra: { max: 10, options: '-c jit=off' } }),
  ],
  controllers: [FloorController],
  providers: [
    { provide: APP_GUARD, useClass: TokenGuard },
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: ErrorResponseFilter },
  ],
})
class FloorModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(FloorModule, createHttpAdapter(), { bodyParser: false, logger: false });
  registerJsonBody(app.getHttpAdapter().getInstance(), { limitBytes: BODY_LIMIT_BYTES, timeoutMs: new AppConfig().BODY_TIMEOUT_MS });
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
  process.stdout.write(`Listening on http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port} \n`);
}

void main();
