import { isDeepStrictEqual } from 'node:util';
import { Finding, FlagStatus, FlagType, RULE_VERSIONS, Severity } from './rules/flag-types';

/** A flag of one subject as it stands. */
export interface ExistingFlag {
  id: string;
  type: FlagType;
  unitType: string | null;
  severity: Severity;
  status: FlagStatus;
  evidence: Record<string, unknown>;
  ruleVersion: number;
}

export type FlagChange =
  | { kind: 'RAISE'; finding: Finding }
  | { kind: 'UPDATE'; flagId: string; finding: Finding }
  | { kind: 'REOPEN'; flagId: string; finding: Finding }
  | { kind: 'CLEAR'; flagId: string; type: FlagType; unitType: string | null };

/** Evidence compared without the judging date, so that re-judging an unchanged condition changes nothing. */
function sameEvidence(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const { asOf: _a, ...restA } = a;
  const { asOf: _b, ...restB } = b;
  return isDeepStrictEqual(restA, restB);
}

function keyOf(type: FlagType, unitType: string | null | undefined): string {
  return `${type}|${unitType ?? ''}`;
}

/**
 * What re-evaluating a subject changes, one flag per (subject, type): a new
 * finding raises a flag; a finding on an open flag refreshes it when its
 * severity, evidence or rule version moved; a finding on a cleared flag
 * reopens it; an open flag whose rule was evaluated and did not fire is
 * cleared. Confirmed and dismissed flags keep their decision.
 */
export function decideFlagChanges(existing: ExistingFlag[], findings: Finding[], evaluated: readonly FlagType[]): FlagChange[] {
  const byKey = new Map(existing.map((flag) => [keyOf(flag.type, flag.unitType), flag]));
  const fired = new Set<string>();
  const changes: FlagChange[] = [];
  for (const finding of findings) {
    const key = keyOf(finding.type, finding.unitType);
    fired.add(key);
    const flag = byKey.get(key);
    if (!flag) changes.push({ kind: 'RAISE', finding });
    else if (flag.status === 'CLEARED') changes.push({ kind: 'REOPEN', flagId: flag.id, finding });
    else if (
      flag.status === 'OPEN' &&
      (flag.severity !== finding.severity ||
        flag.ruleVersion !== RULE_VERSIONS[finding.type] ||
        !sameEvidence(flag.evidence, finding.evidence))
    ) {
      changes.push({ kind: 'UPDATE', flagId: flag.id, finding });
    }
  }
  for (const flag of existing) {
    if (flag.status === 'OPEN' && evaluated.includes(flag.type) && !fired.has(keyOf(flag.type, flag.unitType))) {
      changes.push({ kind: 'CLEAR', flagId: flag.id, type: flag.type, unitType: flag.unitType });
    }
  }
  return changes;
}
