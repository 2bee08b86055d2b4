import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ErrorResponseView } from './error-response.view';

/** The tags in the order a user meets them, each with what it is for. */
export const API_TAGS: Array<[name: string, description: string]> = [
  ['projects', 'Developments, their currency, time zone and rule thresholds; the project page’s overview'],
  ['units', 'The units of a project, with type, saleable area and cost'],
  ['pricing', 'Release batches (price lists with their published discounts) and market evidence'],
  ['parties', 'Buyers, referrers and insiders, and the relations that make a buyer a related party'],
  ['sales', 'Sales of units: recorded once, judged at once; handovers and cancellations'],
  ['payments', 'Receipts, their reversals, and refunds of cancelled sales'],
  ['audit-flags', 'What the rules found: the flag register, audit runs and the auditors’ decisions (four eyes on HIGH flags)'],
  ['liquidation-reports', 'Frozen reports as of a date: every flagged sale a receivable with its note; CSV, XLSX, PDF in English or Chinese'],
  ['portfolio', 'Every project’s totals as of a date'],
  ['imports', 'CSV registers of units, price lists, sales and payments, imported all or nothing'],
  ['audit-log', 'The hash-chained log of every write, its head and its verification'],
  ['users', 'People and their roles; who a token belongs to'],
  ['health', 'Liveness and readiness for orchestrators'],
];

interface OperationObject {
  summary?: string;
  description?: string;
  parameters?: Array<{ in: string }>;
  requestBody?: unknown;
  security?: unknown[];
  responses: Record<string, { description: string; content?: Record<string, unknown> }>;
}

const ERROR_REF = { $ref: '#/components/schemas/ErrorResponseView' };
const ERROR_DESCRIPTIONS: Record<string, string> = {
  '400': 'the request is malformed or a field is invalid (VALIDATION_FAILED, MALFORMED_BODY…); nothing was written',
  '401': 'no token, or an unknown one (UNAUTHENTICATED)',
  '403': 'the token’s role may not do this (FORBIDDEN)',
  '404': 'an id in the path names nothing (NOT_FOUND)',
  '409': 'the write conflicts with the ledger’s state (ALREADY_EXISTS, UNIT_ALREADY_SOLD, IDEMPOTENCY_KEY_REUSED…); nothing was written',
  '422': 'a business rule refuses the write (PAYMENT_EXCEEDS_OUTSTANDING, BUSINESS_RULE_VIOLATED…); nothing was written',
  '429': 'too many requests for this token or address (RATE_LIMITED); see Retry-After',
  '503': 'the database is unavailable (SERVICE_UNAVAILABLE); see Retry-After',
};

/** The error answers an operation can give, from what it takes: every one in the one error shape. */
function errorStatusesOf(path: string, method: string, operation: OperationObject): string[] {
  const statuses = ['400'];
  if (operation.security?.length) statuses.push('401', '403');
  if (path.includes('{')) statuses.push('404');
  if (method !== 'get') statuses.push('409', '422');
  statuses.push('429', '503');
  return statuses;
}

/**
 * The OpenAPI document served at /api/docs-json: the contract clients are generated from. Every operation
 * has a description (naming the roles allowed) and its error answers in the one error schema.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Property sales audit ledger')
    .setDescription(
      'Records unit sales, compares prices with the market, flags related-party, below-market and unpaid sales, ' +
        'and produces liquidation reports. Money, areas and percentages are decimal strings; dates are YYYY-MM-DD. ' +
        'Every error has one shape (ErrorResponseView).',
    )
    .setVersion('1')
    .addServer('/', 'this service')
    .addBearerAuth();
  for (const [name, description] of API_TAGS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), { extraModels: [ErrorResponseView] });
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, value] of Object.entries(item)) {
      const operation = value as OperationObject;
      if (!operation?.responses) continue;
      const roles = operation.responses['403']?.description.replace(/^allowed roles: /, '');
      if (!operation.description) {
        operation.description = `${operation.summary ?? ''}${roles ? `. Roles: ${roles}.` : path.startsWith('/health') ? '. No token needed.' : ''}`;
      }
      for (const status of errorStatusesOf(path, method, operation)) {
        const existing = operation.responses[status];
        operation.responses[status] = {
          description: existing?.description && status !== '403' ? existing.description : ERROR_DESCRIPTIONS[status] + (status === '403' && roles ? `; allowed roles: ${roles}` : ''),
          content: { 'application/json': { schema: ERROR_REF } },
        };
      }
    }
  }
  return document;
}
