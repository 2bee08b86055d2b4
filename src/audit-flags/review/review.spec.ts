import { ReviewableFlag, decideReview } from './review';

const open = (severity: 'MEDIUM' | 'HIGH', dismissedBy: string[] = []): ReviewableFlag => ({ status: 'OPEN', severity, dismissedBy });

describe('reviewing a flag', () => {
  it('confirms an open flag', () => {
    expect(decideReview(open('MEDIUM'), 'CONFIRM', 'a1')).toEqual({ accepted: true, status: 'CONFIRMED', pendingDismissal: false });
  });

  it('dismisses a MEDIUM flag with one decision', () => {
    expect(decideReview(open('MEDIUM'), 'DISMISS', 'a1')).toEqual({ accepted: true, status: 'DISMISSED', pendingDismissal: false });
  });

  it('keeps a HIGH flag open, pending, after the first dismissal', () => {
    expect(decideReview(open('HIGH'), 'DISMISS', 'a1')).toEqual({ accepted: true, status: 'OPEN', pendingDismissal: true });
  });

  it('dismisses a HIGH flag on a second auditor’s decision', () => {
    expect(decideReview(open('HIGH', ['a1']), 'DISMISS', 'a2')).toEqual({ accepted: true, status: 'DISMISSED', pendingDismissal: false });
  });

  it('refuses the same auditor dismissing a HIGH flag twice', () => {
    expect(decideReview(open('HIGH', ['a1']), 'DISMISS', 'a1')).toMatchObject({ accepted: false, reason: 'SECOND_DISMISSAL_BY_SAME_REVIEWER' });
  });

  it('lets a confirmation overrule a pending dismissal', () => {
    expect(decideReview(open('HIGH', ['a1']), 'CONFIRM', 'a2')).toEqual({ accepted: true, status: 'CONFIRMED', pendingDismissal: false });
  });

  it('refuses decisions on closed flags but takes comments on them', () => {
    for (const status of ['CONFIRMED', 'DISMISSED', 'CLEARED'] as const) {
      const closed: ReviewableFlag = { status, severity: 'MEDIUM', dismissedBy: [] };
      expect(decideReview(closed, 'CONFIRM', 'a1')).toMatchObject({ accepted: false, reason: 'NOT_OPEN' });
      expect(decideReview(closed, 'DISMISS', 'a1')).toMatchObject({ accepted: false, reason: 'NOT_OPEN' });
      expect(decideReview(closed, 'COMMENT', 'a1')).toEqual({ accepted: true, status, pendingDismissal: false });
    }
  });

  it('keeps a pending dismissal through a comment', () => {
    expect(decideReview(open('HIGH', ['a1']), 'COMMENT', 'a2')).toEqual({ accepted: true, status: 'OPEN', pendingDismissal: true });
  });
});
