import { Finding, FlagStatus, FlagType, RULE_VERSIONS, Severity, moreSevere } from './flag-types';
import { evidenceHash } from './evidence-hash';

/** A flag of one subject as it stands. */
export interface ExistingFlag {
  id: string;
  type: FlagType;
  unitType: string | null;
  severity: Severity;
  status: FlagStatus;
  evidence: Record<string, unknown>;
  ruleVersion: number;
  /** For a DISMISSED flag: the severity it had when the dismissal that closed it was taken. */
  dismissedAtSeverity?: Severity | null;
}

/** A finding with no flag of its kind yet. */
export type FlagRaise = { kind: 'RAISE'; finding: Finding };

export type FlagChange =
  | FlagRaise
  /** The finding moved (severity, evidence or rule version); the status and any decision stay. */
  | { kind: 'UPDATE'; flagId: string; finding: Finding; evidenceChanged: boolean }
  | { kind: 'REOPEN'; flagId: string; finding: Finding; why: 'CONDITION_RETURNED' | 'REOPENED_ON_ESCALATION' }
  | { kind: 'CLEAR'; flagId: string; type: FlagType; unitType: string | null };

/** One flag per subject and this key: its type, and for a price list's flag its unit type. */
export function keyOf(type: FlagType, unitType: string | null | undefined): string {
  return `${type}|${unitType ?? ''}`;
}

/**
 * What re-evaluating a subject changes, one flag per (subject, type):
 * - a new finding raises a flag;
 * - a finding on a CLEARED flag reopens it (the condition returned);
 * - a finding on a DISMISSED flag more severe than when it was dismissed
 *   reopens it (a MEDIUM flag dismissed once must be looked at again as HIGH);
 * - otherwise a finding whose severity, evidence or rule version moved
 *   refreshes the flag, keeping its status and decisions (a decided flag
 *   then shows it was decided on earlier evidence);
 * - an OPEN flag whose rule was evaluated and did not fire is cleared.
 */
export function decideFlagChanges(existing: ExistingFlag[], findings: Finding[], evaluated: readonly FlagType[]): FlagChange[] {
  const byKey = new Map(existing.map((flag) => [keyOf(flag.type, flag.unitType), flag]));
  const fired = new Set<string>();
  const changes: FlagChange[] = [];
  for (const finding of findings) {
    const key = keyOf(finding.type, finding.unitType);
    fired.add(key);
    const flag = byKey.get(key);
    if (!flag) {
      changes.push({ kind: 'RAISE', finding });
      continue;
    }
    if (flag.status === 'CLEARED') {
      changes.push({ kind: 'REOPEN', flagId: flag.id, finding, why: 'CONDITION_RETURNED' });
      continue;
    }
    if (flag.status === 'DISMISSED' && moreSevere(finding.severity, flag.dismissedAtSeverity ?? flag.severity)) {
      changes.push({ kind: 'REOPEN', flagId: flag.id, finding, why: 'REOPENED_ON_ESCALATION' });
      continue;
    }
    const evidenceChanged = evidenceHash(flag.evidence) !== evidenceHash(finding.evidence);
    if (evidenceChanged || flag.severity !== finding.severity || flag.ruleVersion !== RULE_VERSIONS[finding.type]) {
      changes.push({ kind: 'UPDATE', flagId: flag.id, finding, evidenceChanged });
    }
  }
  for (const flag of existing) {
    if (flag.status === 'OPEN' && evaluated.includes(flag.type) && !fired.has(keyOf(flag.type, flag.unitType))) {
      changes.push({ kind: 'CLEAR', flagId: flag.id, type: flag.type, unitType: flag.unitType });
    }
  }
  return changes;
}
