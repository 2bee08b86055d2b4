import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import express, { NextFunction, Request, Response } from 'express';

export const CONSOLE_PATH = '/console';

/** The Nest application, or a bare express app in tests: anything that mounts middleware on a path. */
export interface ConsoleHost {
  use(path: string, ...handlers: express.RequestHandler[]): unknown;
}

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
export function serveConsole(app: ConsoleHost, dir: string | null = builtConsoleDir()): void {
  const csp = (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Content-Security-Policy', CONSOLE_CSP);
    next();
  };
  if (dir === null) {
    app.use(CONSOLE_PATH, (_req: Request, res: Response) => {
      res.status(404).type('text/plain').send('The review console is not built: run `npm run build` (or `npm run build:console`).\n');
    });
    return;
  }
  const page = readFileSync(join(dir, 'index.html'));
  app.use(
    `${CONSOLE_PATH}/assets`,
    csp,
    express.static(join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false }),
    (_req: Request, res: Response) => res.status(404).type('text/plain').send('No such asset: the console was built anew; reload the page.\n'),
  );
  app.use(CONSOLE_PATH, csp, (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(page);
  });
}
