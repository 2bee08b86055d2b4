import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

/**
 * The load generator of `npm run bench`, run in its own process so that it
 * does not share a CPU with what it measures: autocannon POSTs sales to `url`
 * from `connections` connections for `seconds`, each request for its own unit
 * (one active sale per unit), taken in order from the JSON array of unit ids
 * in `unitsFile` starting at `from`. Prints one JSON line: autocannon's summary.
 *
 * Argument: a JSON LoadSettings. When the units are about to run out, the
 * load stops early (`stoppedEarly`); a unit handed out twice would be a 409.
 */
export interface LoadSettings {
  url: string;
  token?: string;
  unitsFile: string;
  from: number;
  buyerPartyIds: string[];
  connections: number;
  seconds: number;
}

export interface LoadResult {
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  requests: number;
  seconds: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
  /** How many units were handed out (sent or not): the next run starts after them. */
  unitsUsed: number;
  stoppedEarly: boolean;
  /** CPU time autocannon used over the run (user + system). */
  cpuMs: number;
  /** The first few non-2xx answers, to see why. */
  refusals: string[];
}

/** The i-th sale of a run: a few buyers in turn, prices over and under the market, dates in mid-2025. */
export function saleBody(unitId: string, i: number, buyerPartyIds: string[]): string {
  return JSON.stringify({
    unitId,
    buyerPartyIds: [buyerPartyIds[i % buyerPartyIds.length]],
    contractDate: `2025-06-${String((i % 28) + 1).padStart(2, '0')}`,
    netPrice: `${3_000_000 + (i % 25) * 100_000}.00`,
  });
}

async function main(): Promise<void> {
  const settings: LoadSettings = JSON.parse(process.argv[2]);
  const units: string[] = JSON.parse(readFileSync(settings.unitsFile, 'utf8'));
  let next = settings.from;
  let stoppedEarly = false;
  const refusals: string[] = [];
  const started = Date.now();
  const cpuBefore = process.cpuUsage();
  let instance: autocannon.Instance | undefined;

  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: settings.url,
        method: 'POST',
        connections: settings.connections,
        duration: settings.seconds,
        headers: {
          'content-type': 'application/json',
          ...(settings.token ? { authorization: `Bearer ${settings.token}` } : {}),
        },
        requests: [
          {
            setupRequest: (request) => {
              const i = next - settings.from;
              const unitId = units[Math.min(next, units.length - 1)];
              next += 1;
              // autocannon ends a stopped run at its next one-second tick: keep two seconds' worth of units for that.
              const perSecond = i / Math.max((Date.now() - started) / 1000, 0.001);
              if (!stoppedEarly && instance && units.length - next < Math.max(2 * perSecond, 4 * settings.connections)) {
                stoppedEarly = true;
                instance.stop();
              }
              return { ...request, body: saleBody(unitId, i, settings.buyerPartyIds) };
            },
            onResponse: (status, body) => {
              if ((status < 200 || status > 299) && refusals.length < 5) refusals.push(`${status} ${String(body).slice(0, 300)}`);
            },
          },
        ],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
  });

  const cpu = process.cpuUsage(cpuBefore);
  const statusCodes: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = count ?? 0;
  const summary: LoadResult = {
    rps: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    requests: result.requests.total,
    seconds: result.duration,
    non2xx: result.non2xx,
    statusCodes,
    errors: result.errors,
    timeouts: result.timeouts,
    unitsUsed: next - settings.from,
    stoppedEarly,
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    refusals,
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  });
}
