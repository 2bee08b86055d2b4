/** The §4 thresholds; each project may override any of them. */
export interface ProjectSettings {
  relatedPartyMaxHops: number;
  minComparables: number;
  comparableWindowDays: number;
  belowMarketPct: string;
  belowMarketHighPct: string;
  depositDueDays: number;
  /** MISSING_DEPOSIT fires when less than this share of the net price was paid by the deposit due date. */
  minDepositPct: string;
  /** A candidate comparable whose price per m² is more than this far from the candidates' median is left out. */
  comparableOutlierPct: string;
  batchMarketRiseHighPct: string;
}

export const DEFAULT_SETTINGS: Readonly<ProjectSettings> = Object.freeze({
  relatedPartyMaxHops: 3,
  minComparables: 3,
  comparableWindowDays: 90,
  belowMarketPct: '10.00',
  belowMarketHighPct: '30.00',
  depositDueDays: 7,
  minDepositPct: '5.00',
  comparableOutlierPct: '15.00',
  batchMarketRiseHighPct: '10.00',
});

export function effectiveSettings(overrides: Partial<ProjectSettings> | null | undefined): ProjectSettings {
  return { ...DEFAULT_SETTINGS, ...(overrides ?? {}) };
}
