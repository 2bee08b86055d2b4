import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { bodyParserErrors } from './common/errors/error-response.filter';

/** The largest JSON body accepted; a price list of a few thousand units fits well within it. */
export const BODY_LIMIT = '2mb';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Property sales audit ledger')
    .setDescription(
      'Records unit sales, compares prices with the market, flags related-party, below-market and unpaid sales, ' +
        'and produces liquidation reports. Money, areas and percentages are decimal strings.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Everything main.ts and the tests share: body parsing, logging, docs, shutdown. */
export function configureApp(app: NestExpressApplication): void {
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: false });
  app.use(bodyParserErrors);
  app.disable('x-powered-by');
  app.enableShutdownHooks();
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
