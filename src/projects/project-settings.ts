/** The §4 thresholds; each project may override any of them. */
export interface ProjectSettings {
  relatedPartyMaxHops: number;
  minComparables: number;
  comparableWindowDays: number;
  belowMarketPct: string;
  belowMarketHighPct: string;
  depositDueDays: number;
  batchMarketRiseHighPct: string;
}

export const DEFAULT_SETTINGS: Readonly<ProjectSettings> = Object.freeze({
  relatedPartyMaxHops: 2,
  minComparables: 3,
  comparableWindowDays: 90,
  belowMarketPct: '10.00',
  belowMarketHighPct: '30.00',
  depositDueDays: 7,
  batchMarketRiseHighPct: '10.00',
});

export function effectiveSettings(overrides: Partial<ProjectSettings> | null | undefined): ProjectSettings {
  return { ...DEFAULT_SETTINGS, ...(overrides ?? {}) };
}
