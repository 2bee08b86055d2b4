import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { BARE_SALE_INSERT } from './bench-bare-insert';

/**
 * The floor `npm run bench` compares recording a sale with: node:http and a
 * `pg` pool of 10 (the service's size) doing, for `POST /sales` with the same
 * JSON body as `POST /api/sales`, one parameterised INSERT of the same sale
 * row into `bare_sales` — no auth, no validation beyond a JSON parse, no rules,
 * no audit log. The unit's project, type and area come from `units` inside
 * that one statement, as the service copies them. Run as a child process by
 * the bench: DATABASE_URL, PORT (0 = any); prints `Listening on <url> `.
 */
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

interface SaleBody {
  unitId: string;
  contractDate: string;
  netPrice: string;
  listPrice?: string;
  discountCodes?: string[];
  referrerPartyId?: string;
  note?: string;
}

function answer(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

async function recordSale(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  let sale: SaleBody;
  try {
    sale = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return answer(response, 400, { statusCode: 400, message: 'not JSON' });
  }
  const { rows } = await pool.query(BARE_SALE_INSERT, [
    sale.unitId, sale.contractDate, sale.listPrice ?? null, sale.netPrice, sale.discountCodes ?? [], sale.referrerPartyId ?? null, sale.note ?? null,
  ]);
  if (rows.length === 0) return answer(response, 404, { statusCode: 404, message: `no unit ${sale.unitId}` });
  answer(response, 201, { id: rows[0].id });
}

const server = createServer((request, response) => {
  if (request.method !== 'POST' || request.url !== '/sales') return answer(response, 404, { statusCode: 404 });
  recordSale(request, response).catch((error: Error & { code?: string }) => {
    const status = error.code === '23505' ? 409 : 500; // 23505: a unit sold twice
    answer(response, status, { statusCode: status, message: error.message });
  });
});
server.keepAliveTimeout = 60_000;

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`Listening on http://127.0.0.1:${(server.address() as AddressInfo).port} \n`);
});

process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void pool.end().then(() => process.exit(0));
});
