/** The console speaks only the public REST API, with the signed-in user's bearer token. */
const TOKEN_KEY = 'ledger.token';

export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { error?: string; message?: string; details?: unknown } | null,
  ) {
    super(body?.message ?? `HTTP ${status}`);
  }
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const token = session.token();
  return { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...extra };
}

async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, parsed);
  return parsed as T;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export const api = {
  get: <T>(path: string, query?: Query) => send<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body: unknown) => send<T>('POST', path, body),
  /** Fetches a file with the token and hands it to the browser as a download. */
  async download(path: string, fallbackName: string): Promise<void> {
    const response = await fetch(path, { headers: headers({ Accept: '*/*' }) });
    if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const name = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? /filename="?([^";]+)"?/.exec(disposition)?.[1];
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = name ? decodeURIComponent(name) : fallbackName;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  },
};

/** What the API answers, as far as the console reads it. */
export type Role = 'admin' | 'clerk' | 'finance' | 'auditor';
export interface Me { id: string; name: string; role: Role }
export interface Project { id: string; code: string; name: string; currency: string; timeZone: string; city: string | null }
export interface Page<T> { items: T[]; total: number }
export interface FlagReview {
  seq: number; decision: string; note: string; reviewerId: string; reviewerName: string; at: string;
  severity: string | null; onCurrentEvidence: boolean | null;
}
export interface Flag {
  id: string; projectId: string; subjectType: 'SALE' | 'PRICE_LIST'; saleId: string | null; priceListId: string | null;
  unitType: string | null; type: string; severity: string; status: string; pendingDismissal: boolean; ruleVersion: number;
  evidence: Record<string, unknown>; raisedAt: string; updatedAt: string; unitNo?: string | null; batchNo?: string | null;
  reviews?: FlagReview[]; decidedOnEarlierEvidence?: boolean;
}
export interface FlagPage extends Page<Flag> { countsBySeverity: Record<'HIGH' | 'MEDIUM' | 'LOW', number> }
export interface BatchReviewAnswer {
  results: Array<{ flagId: string; accepted: boolean; flag?: Flag; error?: { message: string } }>;
  accepted: number;
  refused: number;
}
export interface Party {
  id: string; kind: string; name: string; idNumber: string | null; phone: string | null; insiderRole: string | null;
  relatedParty?: { isRelated: boolean; paths: string[][]; parties?: Record<string, { name: string; insiderRole?: string | null }> };
}
export interface Relation { id?: string; partyId: string; relatedPartyId: string; relationship: string; note: string | null }
