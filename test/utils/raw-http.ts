import type { INestApplication } from '@nestjs/common';
import { request as httpRequest } from 'node:http';
import type { AddressInfo, Server } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  body: unknown;
}

/** The port the app listens on (made to listen on one if it does not yet). */
export async function listeningPort(app: INestApplication): Promise<number> {
  const server = app.getHttpServer() as Server;
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/**
 * One request with exactly these bytes and headers (supertest re-encodes Buffers sent as JSON); `chunks` with
 * `delayMs` between them sends a body that trickles in.
 */
export async function rawRequest(
  app: INestApplication,
  options: { method?: string; path: string; headers?: Record<string, string>; chunks: Array<string | Buffer>; delayMs?: number },
): Promise<RawResponse & { socketClosed: Promise<void> }> {
  const port = await listeningPort(app);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: options.method ?? 'POST', path: options.path, headers: options.headers, agent: false });
    let socketClosed: Promise<void> = Promise.resolve();
    req.once('socket', (socket) => {
      socketClosed = new Promise((done) => socket.once('close', () => done()));
    });
    req.once('error', reject);
    req.once('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.once('end', () => {
        let body: unknown = undefined;
        try {
          body = JSON.parse(text);
        } catch {
          body = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body, socketClosed });
      });
    });
    void (async () => {
      for (const [index, chunk] of options.chunks.entries()) {
        if (index > 0 && options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
        if (req.destroyed) return;
        req.write(chunk);
      }
      req.end();
    })();
  });
}
