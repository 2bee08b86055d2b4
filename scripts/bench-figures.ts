/** How `npm run bench` prints its figures: one JSON line each. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const round = (n: number, places = 1): number => Math.round(n * 10 ** places) / 10 ** places;

export function print(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** A figure measured several times: its median, min and max. */
export function report(figure: string, values: number[], unit: string, extra: Record<string, unknown> = {}): void {
  print({ figure, median: round(median(values)), min: round(Math.min(...values)), max: round(Math.max(...values)), runs: values.length, unit, ...extra });
}
