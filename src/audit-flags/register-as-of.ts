import { ExistingFlag, FlagChange, decideFlagChanges, keyOf } from './flag-changes';
import { evidenceHash } from './evidence-hash';
import { Finding, FlagStatus, FlagType, Severity } from './flag-types';
import { Flag, FlagReview } from './flags.repository';
import { dismissalsThatCount } from './review/review';

/** One flag of a subject as it stood at the end of a date. */
export interface FlagAsOf {
  /** The register's flag for the subject and type; null when the register holds none (the condition held on that date only). */
  id: string | null;
  type: FlagType;
  unitType: string | null;
  severity: Severity;
  status: FlagStatus;
  pendingDismissal: boolean;
  evidence: Record<string, unknown>;
  /** The decisions and system entries of its history dated on or before the date, in order. */
  reviews: FlagReview[];
}

type Standing = ExistingFlag & { reviews: FlagReview[] };

/**
 * A register flag replayed through the entries of its history taken by the
 * date: CONFIRM and DISMISS as the four-eyes rule takes them (a HIGH flag
 * needs two auditors' dismissals that count), a cleared condition, a reopening.
 */
function standingOn(flag: Flag, history: FlagReview[]): Standing {
  let status: FlagStatus = 'OPEN';
  let dismissedAtSeverity: Severity | null = null;
  let severity = flag.severity;
  const reviews: FlagReview[] = [];
  for (const entry of history) {
    reviews.push(entry);
    severity = entry.severity ?? severity;
    switch (entry.decision) {
      case 'CONFIRM':
        if (status === 'OPEN') status = 'CONFIRMED';
        break;
      case 'DISMISS': {
        if (status !== 'OPEN') break;
        const counted = severity === 'HIGH' ? new Set(dismissalsThatCount(reviews, 'HIGH', entry.evidenceHash ?? evidenceHash(flag.evidence))).size : 2;
        if (counted >= 2) {
          status = 'DISMISSED';
          dismissedAtSeverity = severity;
        }
        break;
      }
      case 'CONDITION_CLEARED':
        if (status === 'OPEN') status = 'CLEARED';
        break;
      case 'CONDITION_RETURNED':
      case 'REOPENED_ON_ESCALATION':
        status = 'OPEN';
        dismissedAtSeverity = null;
        break;
      case 'COMMENT':
        break;
    }
  }
  return { ...flag, severity, status, dismissedAtSeverity, reviews };
}

const keyOfFlag = (flag: { type: FlagType; unitType?: string | null }) => keyOf(flag.type, flag.unitType);

/**
 * The flags of one subject (a sale or a price list) as they stood at the end
 * of a date, from the live register and what the rules found as of that date,
 * without changing the register:
 * - each register flag stands as its history up to the date left it (a later
 *   decision, a later clearing, do not count);
 * - the findings as of the date are then applied by the same decisions the
 *   live register takes (raise, refresh, reopen, clear);
 * - a flag the register raised after the date appears only if its condition
 *   already held on the date, then still open and undecided.
 */
export function flagsAsOf(
  register: Flag[],
  reviewsOf: ReadonlyMap<string, FlagReview[]>,
  findings: Finding[],
  evaluated: readonly FlagType[],
  takenBy: (at: Date) => boolean,
): FlagAsOf[] {
  const standing = register.filter((flag) => takenBy(flag.raisedAt)).map((flag) => standingOn(flag, (reviewsOf.get(flag.id) ?? []).filter((entry) => takenBy(entry.at))));
  const raisedLater = new Map(register.filter((flag) => !takenBy(flag.raisedAt)).map((flag) => [keyOfFlag(flag), flag.id]));
  const changes = new Map<string, FlagChange>();
  const raised: FlagAsOf[] = [];
  for (const change of decideFlagChanges(standing, findings, evaluated)) {
    if (change.kind === 'RAISE') raised.push(fresh(change.finding, raisedLater.get(keyOfFlag(change.finding)) ?? null));
    else changes.set(change.flagId, change);
  }
  const flags = standing.map((flag) => applied(flag, changes.get(flag.id)));
  return [...flags, ...raised].sort((a, b) => (keyOfFlag(a) < keyOfFlag(b) ? -1 : keyOfFlag(a) > keyOfFlag(b) ? 1 : 0));
}

function fresh(finding: Finding, id: string | null): FlagAsOf {
  return {
    id,
    type: finding.type,
    unitType: finding.unitType ?? null,
    severity: finding.severity,
    status: 'OPEN',
    pendingDismissal: false,
    evidence: finding.evidence,
    reviews: [],
  };
}

function applied(flag: Standing, change: FlagChange | undefined): FlagAsOf {
  let { status, severity, evidence } = flag;
  if (change?.kind === 'CLEAR') status = 'CLEARED';
  if (change?.kind === 'REOPEN') status = 'OPEN';
  if (change && change.kind !== 'CLEAR') ({ severity, evidence } = change.finding);
  const pendingDismissal =
    status === 'OPEN' && severity === 'HIGH' && change?.kind !== 'REOPEN' && dismissalsThatCount(flag.reviews, 'HIGH', evidenceHash(evidence)).length > 0;
  return { id: flag.id, type: flag.type, unitType: flag.unitType, severity, status, pendingDismissal, evidence, reviews: flag.reviews };
}
