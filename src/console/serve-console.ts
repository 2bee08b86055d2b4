import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const CONSOLE_PATH = '/console';

/** Where `npm run build:console` puts the console: dist/console, next to the compiled service or under the project root. */
export function builtConsoleDir(): string | null {
  const candidates = [join(__dirname, '..', '..', 'dist', 'console'), join(__dirname, '..', '..', 'console')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')) && existsSync(join(dir, 'assets'))) ?? null;
}

/** Scripts and styles from this origin only; charts draw on canvas, downloads are blob URLs. */
const CONSOLE_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
  "connect-src 'self'", "font-src 'self' data:", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'", "form-action 'self'",
].join('; ');

/**
 * The review console at /console: its hashed assets cached for a year, its page never (a new build must show at
 * once), every other path under /console answered with the page (the console routes in the browser).
 * Without a built console, /console says how to build it.
 */
export function serveConsole(fastify: FastifyInstance, dir: string | null = builtConsoleDir()): void {
  if (dir === null) {
    const notBuilt = (_request: FastifyRequest, reply: FastifyReply) =>
      reply.code(404).type('text/plain; charset=utf-8').send('The review console is not built: run `npm run build` (or `npm run build:console`).\n');
    fastify.all(CONSOLE_PATH, notBuilt);
    fastify.all(`${CONSOLE_PATH}/*`, notBuilt);
    return;
  }
  const page = readFileSync(join(dir, 'index.html'));
  const assets = join(dir, 'assets');
  fastify.register(
    async (scope) => {
      scope.addHook('onRequest', (_request, reply, done) => {
        reply.header('Content-Security-Policy', CONSOLE_CSP);
        done();
      });
      await scope.register(fastifyStatic, { root: assets, prefix: '/', immutable: true, maxAge: '365d', index: false, decorateReply: false });
      scope.setNotFoundHandler((_request, reply) => reply.code(404).type('text/plain; charset=utf-8').send('No such asset: the console was built anew; reload the page.\n'));
    },
    { prefix: `${CONSOLE_PATH}/assets` },
  );
  const answerPage = (_request: FastifyRequest, reply: FastifyReply) =>
    reply.header('Content-Security-Policy', CONSOLE_CSP).header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').send(page);
  fastify.get(CONSOLE_PATH, answerPage);
  fastify.get(`${CONSOLE_PATH}/*`, answerPage);
}
