import { dec } from '../common/money';

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

/** The names of the settings, in their documented order. */
export const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as Array<keyof ProjectSettings>;

/** The settings actually given (a key present with `undefined` is not an override). */
export function givenSettings(settings: Partial<ProjectSettings> | null | undefined): Partial<ProjectSettings> {
  const given: Partial<ProjectSettings> = {};
  for (const key of SETTING_KEYS) {
    const value = settings?.[key];
    if (value !== undefined) (given as Record<string, unknown>)[key] = value;
  }
  return given;
}

/**
 * What is wrong with a whole set of effective settings that no single value
 * shows: BELOW_MARKET turns HIGH at `belowMarketHighPct`, which may not be
 * under the threshold at which it fires at all.
 */
export function settingsProblems(settings: ProjectSettings): Array<{ field: keyof ProjectSettings; problem: string }> {
  if (dec(settings.belowMarketHighPct).lt(settings.belowMarketPct)) {
    return [{ field: 'belowMarketHighPct', problem: `is ${settings.belowMarketHighPct}, under belowMarketPct (${settings.belowMarketPct}); it must be at least that` }];
  }
  return [];
}
