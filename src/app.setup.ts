import helmet from '@fastify/helmet';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { parse as parseQuery } from 'node:querystring';
import { checkQuery, registerJsonBody } from './common/edge/json-body';
import { buildOpenApiDocument } from './common/openapi/openapi-document';
import { ServiceLogger } from './common/edge/logging';
import { assignRequestId, echoRequestId, noStore } from './common/edge/request-id';
import { answerFrameworkError } from './common/errors/error-response.filter';
import { AppConfig } from './config/app-config';
import { serveConsole } from './console/serve-console';

/** The largest JSON body accepted; a price list of a few thousand units fits well within it. */
export const BODY_LIMIT = '2mb';
export const BODY_LIMIT_BYTES = 2 * 1024 * 1024;

/** The longest path parameter routed: longer ones reach the parameter's own check (a 400), as any other bad id. */
const MAX_PARAM_LENGTH = 16 * 1024;

/**
 * The HTTP server the service runs on: Fastify, routing as the service always has (a trailing slash and the
 * letter case of a path do not matter; query strings read as Node's querystring reads them), every request
 * named by its X-Request-Id or a new UUID before anything else runs.
 */
export function createHttpAdapter(): FastifyAdapter {
  return new FastifyAdapter({
    genReqId: assignRequestId,
    // The JSON parser (registerJsonBody) applies the body limit itself; uploads stream past any limit of Fastify's.
    bodyLimit: BODY_LIMIT_BYTES,
    frameworkErrors: answerFrameworkError,
    routerOptions: {
      ignoreTrailingSlash: true,
      caseSensitive: false,
      maxParamLength: MAX_PARAM_LENGTH,
      querystringParser: (query: string) => parseQuery(query),
    },
  });
}

/** What the edge does first for every request: echo its id, keep API answers out of caches, refuse bad query text. */
function edgeHook(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
  echoRequestId(request, reply);
  noStore(request, reply);
  try {
    checkQuery(request);
  } catch (error) {
    return done(error as Error);
  }
  done();
}

/**
 * Everything main.ts and the tests share: request ids, security headers, the one JSON body parser (with its size,
 * time, depth and content checks), the review console, logging, docs, shutdown. The app is made on
 * createHttpAdapter(), with `bodyParser: false`.
 */
export async function configureApp(app: NestFastifyApplication): Promise<void> {
  const config = app.get(AppConfig);
  const fastify = app.getHttpAdapter().getInstance();
  app.useLogger(app.get(ServiceLogger));
  await app.register(helmet, { contentSecurityPolicy: false });
  fastify.addHook('onRequest', edgeHook);
  registerJsonBody(fastify, { limitBytes: BODY_LIMIT_BYTES, timeoutMs: config.BODY_TIMEOUT_MS });
  serveConsole(fastify);
  app.enableShutdownHooks();
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
