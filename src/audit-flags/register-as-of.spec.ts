import { dateIn } from '../common/business-dates';
import { evidenceHash } from './evidence-hash';
import { Finding, RULE_VERSIONS, SALE_FLAG_TYPES, Severity } from './flag-types';
import { Flag, FlagReview } from './flags.repository';
import { flagsAsOf } from './register-as-of';

const evidence = { shortfall: '500000.00' };
const finding = (severity: Severity = 'MEDIUM', found: Record<string, unknown> = evidence): Finding => ({ type: 'BELOW_MARKET', severity, evidence: found });

function flag(overrides: Partial<Flag> = {}): Flag {
  return {
    id: 'f1', projectId: 'p1', saleId: 's1', priceListId: null, type: 'BELOW_MARKET', unitType: null, severity: 'MEDIUM', status: 'OPEN',
    evidence, ruleVersion: RULE_VERSIONS.BELOW_MARKET, pendingDismissal: false, raisedAt: new Date('2026-03-01T02:00:00Z'),
    updatedAt: new Date('2026-03-01T02:00:00Z'), ...overrides,
  };
}

let seq = 0;
function entry(decision: FlagReview['decision'], at: string, reviewerId = 'wang', severity: Severity | null = 'MEDIUM'): FlagReview {
  seq += 1;
  return { seq, decision, note: decision.toLowerCase(), reviewerId, reviewerName: reviewerId, at: new Date(at), severity, evidenceHash: evidenceHash(evidence) };
}

/** Taken by the end of 31 March in Shanghai. */
const byMarchEnd = (at: Date) => dateIn(at, 'Asia/Shanghai') <= '2026-03-31';

describe('the flag register as it stood at the end of a date', () => {
  it('reopens, as of the date, a flag that a later payment cleared when its condition still held then', () => {
    const cleared = flag({ status: 'CLEARED' });
    const history = new Map([['f1', [entry('CONDITION_CLEARED', '2026-05-02T03:00:00Z', 'system')]]]);
    expect(flagsAsOf([cleared], history, [finding()], SALE_FLAG_TYPES, byMarchEnd)).toEqual([
      { id: 'f1', type: 'BELOW_MARKET', unitType: null, severity: 'MEDIUM', status: 'OPEN', pendingDismissal: false, evidence, reviews: [] },
    ]);
  });

  it('counts only the decisions taken by the date, in the zone: a dismissal at 00:30 Shanghai on 1 April is later', () => {
    const dismissed = flag({ status: 'DISMISSED' });
    const comment = entry('COMMENT', '2026-03-31T15:00:00Z');
    const history = new Map([['f1', [comment, entry('DISMISS', '2026-03-31T16:30:00Z')]]]);
    const [asOf] = flagsAsOf([dismissed], history, [finding()], SALE_FLAG_TYPES, byMarchEnd);
    expect(asOf).toMatchObject({ id: 'f1', status: 'OPEN', reviews: [comment] });
    const [dayAfter] = flagsAsOf([dismissed], history, [finding()], SALE_FLAG_TYPES, (at) => dateIn(at, 'Asia/Shanghai') <= '2026-04-01');
    expect(dayAfter).toMatchObject({ status: 'DISMISSED' });
  });

  it('keeps a HIGH flag open, pending, after one dismissal by the date; dismissed after two by different auditors', () => {
    const high = flag({ severity: 'HIGH', status: 'DISMISSED' });
    const first = entry('DISMISS', '2026-03-10T02:00:00Z', 'wang', 'HIGH');
    const second = entry('DISMISS', '2026-04-10T02:00:00Z', 'li', 'HIGH');
    const history = new Map([['f1', [first, second]]]);
    expect(flagsAsOf([high], history, [finding('HIGH')], SALE_FLAG_TYPES, byMarchEnd)[0]).toMatchObject({ status: 'OPEN', pendingDismissal: true });
    expect(flagsAsOf([high], history, [finding('HIGH')], SALE_FLAG_TYPES, () => true)[0]).toMatchObject({ status: 'DISMISSED', pendingDismissal: false });
  });

  it('reopens a flag dismissed at MEDIUM whose condition was HIGH as of the date', () => {
    const history = new Map([['f1', [entry('DISMISS', '2026-03-10T02:00:00Z')]]]);
    expect(flagsAsOf([flag({ status: 'DISMISSED' })], history, [finding('HIGH')], SALE_FLAG_TYPES, byMarchEnd)[0]).toMatchObject({
      id: 'f1', status: 'OPEN', severity: 'HIGH',
    });
  });

  it('clears an open flag whose condition no longer held on the date, and keeps a confirmed one confirmed', () => {
    expect(flagsAsOf([flag()], new Map(), [], SALE_FLAG_TYPES, byMarchEnd)[0]).toMatchObject({ status: 'CLEARED' });
    const history = new Map([['f1', [entry('CONFIRM', '2026-03-10T02:00:00Z')]]]);
    expect(flagsAsOf([flag({ status: 'CONFIRMED' })], history, [], SALE_FLAG_TYPES, byMarchEnd)[0]).toMatchObject({ status: 'CONFIRMED' });
  });

  it('leaves out a flag raised after the date whose condition did not hold then, and carries one whose condition did', () => {
    const later = flag({ raisedAt: new Date('2026-04-05T02:00:00Z'), status: 'CONFIRMED' });
    const history = new Map([['f1', [entry('CONFIRM', '2026-04-06T02:00:00Z')]]]);
    expect(flagsAsOf([later], history, [], SALE_FLAG_TYPES, byMarchEnd)).toEqual([]);
    expect(flagsAsOf([later], history, [finding()], SALE_FLAG_TYPES, byMarchEnd)).toEqual([
      { id: 'f1', type: 'BELOW_MARKET', unitType: null, severity: 'MEDIUM', status: 'OPEN', pendingDismissal: false, evidence, reviews: [] },
    ]);
  });

  it('raises, without a register id, a flag whose condition held on the date though the register never had it', () => {
    const missing: Finding = { type: 'MISSING_DEPOSIT', severity: 'MEDIUM', evidence: { paid: '0.00' } };
    expect(flagsAsOf([flag()], new Map(), [finding(), missing], SALE_FLAG_TYPES, byMarchEnd).map((f) => [f.type, f.id, f.status])).toEqual([
      ['BELOW_MARKET', 'f1', 'OPEN'],
      ['MISSING_DEPOSIT', null, 'OPEN'],
    ]);
  });
});
