import { FlagStatus, Severity } from '../flag-types';

export const REVIEW_DECISIONS = ['COMMENT', 'CONFIRM', 'DISMISS'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** Entries the service itself writes into a flag's history. */
export const SYSTEM_ENTRIES = ['CONDITION_CLEARED', 'CONDITION_RETURNED', 'REOPENED_ON_ESCALATION'] as const;
export type SystemEntry = (typeof SYSTEM_ENTRIES)[number];

/** A decision or system entry of a flag's history, as the four-eyes rule reads it. */
export interface HistoryEntry {
  decision: ReviewDecision | SystemEntry;
  reviewerId: string;
  /** The flag's severity and evidence hash when it was taken; null on entries recorded before they were kept. */
  severity: Severity | null;
  evidenceHash: string | null;
}

/**
 * The reviewers whose dismissals count towards the two a HIGH flag needs: the
 * dismissals since the flag was last (re)opened, taken at HIGH and on the
 * evidence the flag holds now. A dismissal taken while the flag was MEDIUM,
 * or before a new comparable, relation or reversal changed its evidence, no
 * longer counts.
 */
export function dismissalsThatCount(history: HistoryEntry[], severity: Severity, evidenceHash: string): string[] {
  const reopened = Math.max(
    ...history.map((entry, index) => (entry.decision === 'CONDITION_RETURNED' || entry.decision === 'REOPENED_ON_ESCALATION' ? index : -1)),
    -1,
  );
  return history
    .slice(reopened + 1)
    .filter(
      (entry) =>
        entry.decision === 'DISMISS' &&
        (entry.severity ?? severity) === severity &&
        (entry.evidenceHash ?? evidenceHash) === evidenceHash,
    )
    .map((entry) => entry.reviewerId);
}

export interface ReviewableFlag {
  status: FlagStatus;
  severity: Severity;
  /** Reviewers whose dismissals count (see dismissalsThatCount). */
  dismissedBy: string[];
}

export type ReviewOutcome =
  | { accepted: true; status: FlagStatus; pendingDismissal: boolean }
  | { accepted: false; reason: 'NOT_OPEN' | 'SECOND_DISMISSAL_BY_SAME_REVIEWER'; message: string };

/**
 * The review of a flag (docs/api-guide.md, The register). OPEN → CONFIRMED | DISMISSED (CLEARED is the system's). Comments
 * are always taken. A HIGH flag needs DISMISS from two different reviewers:
 * after the first it stays OPEN, pending dismissal.
 */
export function decideReview(flag: ReviewableFlag, decision: ReviewDecision, reviewerId: string): ReviewOutcome {
  const pendingDismissal = flag.status === 'OPEN' && flag.severity === 'HIGH' && flag.dismissedBy.length > 0;
  if (decision === 'COMMENT') return { accepted: true, status: flag.status, pendingDismissal };
  if (flag.status !== 'OPEN') {
    return { accepted: false, reason: 'NOT_OPEN', message: `the flag is ${flag.status}; only open flags take ${decision}` };
  }
  if (decision === 'CONFIRM') return { accepted: true, status: 'CONFIRMED', pendingDismissal: false };
  if (flag.severity !== 'HIGH') return { accepted: true, status: 'DISMISSED', pendingDismissal: false };
  if (flag.dismissedBy.length === 0) return { accepted: true, status: 'OPEN', pendingDismissal: true };
  if (flag.dismissedBy.includes(reviewerId)) {
    return {
      accepted: false,
      reason: 'SECOND_DISMISSAL_BY_SAME_REVIEWER',
      message: 'a HIGH flag is dismissed by two different auditors; you have already dismissed it',
    };
  }
  return { accepted: true, status: 'DISMISSED', pendingDismissal: false };
}
