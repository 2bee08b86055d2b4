import { missingDepositRule } from './missing-deposit.rule';
import { DEFAULT_RULE_SETTINGS, payment, saleFacts } from '../../../test/factories/rule-facts';
import { SaleFacts } from './flag-types';

// Contract 2026-03-01, deposit due 7 days later: 2026-03-08.
function judge(asOf: string, overrides: Partial<SaleFacts> = {}, settings = DEFAULT_RULE_SETTINGS) {
  return missingDepositRule(saleFacts({ contractDate: '2026-03-01', asOf, ...overrides }), settings);
}

describe('MISSING_DEPOSIT', () => {
  it('is not judged the day before the due date', () => {
    expect(judge('2026-03-07')).toBeNull();
  });

  it('is not judged on the due date itself', () => {
    expect(judge('2026-03-08')).toBeNull();
  });

  it('flags a sale with nothing paid the day after the due date, as MEDIUM', () => {
    expect(judge('2026-03-09')).toEqual({
      type: 'MISSING_DEPOSIT',
      severity: 'MEDIUM',
      evidence: {
        contractDate: '2026-03-01',
        depositDueDays: 7,
        dueDate: '2026-03-08',
        paidByDueDate: '0.00',
        paidToDate: '0.00',
        asOf: '2026-03-09',
      },
    });
  });

  it('does not flag a deposit paid on the due date', () => {
    expect(judge('2026-03-09', { payments: [payment('400000.00', '2026-03-08')] })).toBeNull();
  });

  it('still flags a deposit paid the day after the due date: a late payment does not undo the fact', () => {
    const finding = judge('2026-03-10', { payments: [payment('400000.00', '2026-03-09')] });
    expect(finding?.severity).toBe('MEDIUM');
    expect(finding?.evidence).toMatchObject({ paidByDueDate: '0.00', paidToDate: '400000.00' });
  });

  it('counts a deposit reversed within the window as nothing paid', () => {
    const payments = [payment('400000.00', '2026-03-03'), payment('-400000.00', '2026-03-05')];
    const finding = judge('2026-03-09', { payments });
    expect(finding?.severity).toBe('MEDIUM');
    expect(finding?.evidence).toMatchObject({ paidByDueDate: '0.00', paidToDate: '0.00' });
  });

  it('does not flag a deposit paid in time and reversed only after the due date', () => {
    const payments = [payment('400000.00', '2026-03-03'), payment('-400000.00', '2026-03-12')];
    expect(judge('2026-03-20', { payments })).toBeNull();
  });

  it('never flags a cancelled sale', () => {
    expect(judge('2027-01-01', { status: 'CANCELLED' })).toBeNull();
  });

  it("follows a project's own deposit window", () => {
    const settings = { ...DEFAULT_RULE_SETTINGS, depositDueDays: 14 };
    expect(judge('2026-03-15', {}, settings)).toBeNull();
    expect(judge('2026-03-16', {}, settings)?.evidence).toMatchObject({ depositDueDays: 14, dueDate: '2026-03-15' });
  });

  it('counts the window across a month end', () => {
    expect(judge('2026-03-04', { contractDate: '2026-02-25' })).toBeNull();
    expect(judge('2026-03-05', { contractDate: '2026-02-25' })?.evidence.dueDate).toBe('2026-03-04');
  });
});
