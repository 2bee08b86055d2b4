import { ExistingFlag, decideFlagChanges } from './flag-changes';
import { Finding, RULE_VERSIONS, SALE_FLAG_TYPES } from './flag-types';

const belowMarket: Finding = { type: 'BELOW_MARKET', severity: 'MEDIUM', evidence: { shortfall: '500000.00' } };

function flag(overrides: Partial<ExistingFlag>): ExistingFlag {
  return {
    id: 'f1', type: 'BELOW_MARKET', unitType: null, severity: 'MEDIUM', status: 'OPEN',
    evidence: { shortfall: '500000.00' }, ruleVersion: RULE_VERSIONS.BELOW_MARKET, ...overrides,
  };
}

describe('deciding what a re-evaluation changes', () => {
  it('raises a flag for a new finding', () => {
    expect(decideFlagChanges([], [belowMarket], SALE_FLAG_TYPES)).toEqual([{ kind: 'RAISE', finding: belowMarket }]);
  });

  it('never duplicates: the same finding on an open flag changes nothing', () => {
    expect(decideFlagChanges([flag({})], [belowMarket], SALE_FLAG_TYPES)).toEqual([]);
  });

  it('does not count a later judging date as a change', () => {
    const rejudged = { ...belowMarket, evidence: { ...belowMarket.evidence, asOf: '2026-12-01' } };
    expect(decideFlagChanges([flag({ evidence: { shortfall: '500000.00', asOf: '2026-06-01' } })], [rejudged], SALE_FLAG_TYPES)).toEqual([]);
  });

  it('refreshes an open flag whose severity or evidence moved, saying whether the evidence changed', () => {
    const worse = { ...belowMarket, severity: 'HIGH' as const };
    expect(decideFlagChanges([flag({})], [worse], SALE_FLAG_TYPES)).toEqual([{ kind: 'UPDATE', flagId: 'f1', finding: worse, evidenceChanged: false }]);
    const moved = { ...belowMarket, evidence: { shortfall: '600000.00' } };
    expect(decideFlagChanges([flag({})], [moved], SALE_FLAG_TYPES)).toEqual([{ kind: 'UPDATE', flagId: 'f1', finding: moved, evidenceChanged: true }]);
  });

  it('clears an open flag whose condition stopped holding', () => {
    expect(decideFlagChanges([flag({})], [], SALE_FLAG_TYPES)).toEqual([
      { kind: 'CLEAR', flagId: 'f1', type: 'BELOW_MARKET', unitType: null },
    ]);
  });

  it('leaves flags of rules that were not evaluated alone', () => {
    expect(decideFlagChanges([flag({})], [], ['PRICE_BELOW_EARLIER_BATCH'])).toEqual([]);
  });

  it('reopens a cleared flag when the condition returns, instead of raising a second one', () => {
    expect(decideFlagChanges([flag({ status: 'CLEARED' })], [belowMarket], SALE_FLAG_TYPES)).toEqual([
      { kind: 'REOPEN', flagId: 'f1', finding: belowMarket, why: 'CONDITION_RETURNED' },
    ]);
  });

  it('keeps the decision on confirmed and dismissed flags when nothing moved, or when the condition stops holding', () => {
    for (const status of ['CONFIRMED', 'DISMISSED'] as const) {
      expect(decideFlagChanges([flag({ status })], [belowMarket], SALE_FLAG_TYPES)).toEqual([]);
      expect(decideFlagChanges([flag({ status })], [], SALE_FLAG_TYPES)).toEqual([]);
    }
  });

  it('refreshes the evidence of a decided flag without touching its decision', () => {
    const moved = { ...belowMarket, evidence: { shortfall: '600000.00' } };
    for (const status of ['CONFIRMED', 'DISMISSED'] as const) {
      expect(decideFlagChanges([flag({ status, dismissedAtSeverity: 'MEDIUM' })], [moved], SALE_FLAG_TYPES)).toEqual([
        { kind: 'UPDATE', flagId: 'f1', finding: moved, evidenceChanged: true },
      ]);
    }
  });

  it('reopens a MEDIUM flag dismissed once when its condition now holds at HIGH', () => {
    const high = { ...belowMarket, severity: 'HIGH' as const };
    expect(decideFlagChanges([flag({ status: 'DISMISSED', dismissedAtSeverity: 'MEDIUM' })], [high], SALE_FLAG_TYPES)).toEqual([
      { kind: 'REOPEN', flagId: 'f1', finding: high, why: 'REOPENED_ON_ESCALATION' },
    ]);
  });

  it('does not reopen a flag dismissed at HIGH by two auditors when it is HIGH again, nor a confirmed one that became HIGH', () => {
    const high = { ...belowMarket, severity: 'HIGH' as const };
    expect(decideFlagChanges([flag({ status: 'DISMISSED', severity: 'HIGH', dismissedAtSeverity: 'HIGH' })], [high], SALE_FLAG_TYPES)).toEqual([]);
    expect(decideFlagChanges([flag({ status: 'CONFIRMED' })], [high], SALE_FLAG_TYPES)).toEqual([
      { kind: 'UPDATE', flagId: 'f1', finding: high, evidenceChanged: false },
    ]);
  });

  it('tells price-list flags apart by unit type', () => {
    const threeBed: Finding = { type: 'PRICE_BELOW_EARLIER_BATCH', severity: 'HIGH', evidence: {}, unitType: '3BR' };
    const existing = flag({ id: 'f2', type: 'PRICE_BELOW_EARLIER_BATCH', unitType: '2BR', severity: 'HIGH', evidence: {} });
    expect(decideFlagChanges([existing], [threeBed], ['PRICE_BELOW_EARLIER_BATCH'])).toEqual([
      { kind: 'RAISE', finding: threeBed },
      { kind: 'CLEAR', flagId: 'f2', type: 'PRICE_BELOW_EARLIER_BATCH', unitType: '2BR' },
    ]);
  });
});
