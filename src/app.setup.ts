import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { checkQuery, jsonBody } from './common/edge/json-body';
import { buildOpenApiDocument } from './common/openapi/openapi-document';
import { ServiceLogger } from './common/edge/logging';
import { noStore, requestId } from './common/edge/request-id';
import { AppConfig } from './config/app-config';
import { serveConsole } from './console/serve-console';

/** The largest JSON body accepted; a price list of a few thousand units fits well within it. */
export const BODY_LIMIT = '2mb';
export const BODY_LIMIT_BYTES = 2 * 1024 * 1024;

/**
 * Everything main.ts and the tests share: request ids, security headers, the one JSON body parser (with its size,
 * time, depth and content checks), the review console, logging, docs, shutdown.
 */
export function configureApp(app: NestExpressApplication): void {
  const config = app.get(AppConfig);
  app.useLogger(app.get(ServiceLogger));
  app.use(requestId);
  app.use(helmet({ contentSecurityPolicy: false }));
  app.use(noStore);
  app.use(checkQuery);
  app.use(jsonBody({ limitBytes: BODY_LIMIT_BYTES, timeoutMs: config.BODY_TIMEOUT_MS }));
  app.disable('x-powered-by');
  serveConsole(app);
  app.enableShutdownHooks();
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
