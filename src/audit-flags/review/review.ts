import { FlagStatus, Severity } from '../rules/flag-types';

export const REVIEW_DECISIONS = ['COMMENT', 'CONFIRM', 'DISMISS'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** Entries the service itself writes into a flag's history. */
export type SystemEntry = 'CONDITION_CLEARED' | 'CONDITION_RETURNED';

export interface ReviewableFlag {
  status: FlagStatus;
  severity: Severity;
  /** Reviewers who dismissed it since it was (re)opened. */
  dismissedBy: string[];
}

export type ReviewOutcome =
  | { accepted: true; status: FlagStatus; pendingDismissal: boolean }
  | { accepted: false; reason: 'NOT_OPEN' | 'SECOND_DISMISSAL_BY_SAME_REVIEWER'; message: string };

/**
 * SPEC §4.4. OPEN → CONFIRMED | DISMISSED (CLEARED is the system's). Comments
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
