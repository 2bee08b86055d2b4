import { missingDepositRule } from './missing-deposit.rule';
import { DEFAULT_RULE_SETTINGS, payment, saleFacts } from '../../../test/factories/rule-facts';
import { SaleFacts } from './rule-facts';

// Contract 2026-03-01 at 4,000,000.00, deposit due 7 days later (2026-03-08): at least 5%, 200,000.00.
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
        netPrice: '4000000.00',
        minDepositPct: '5.00',
        requiredDeposit: '200000.00',
        paidByDueDate: '0.00',
        paymentsByDueDate: [],
        asOf: '2026-03-09',
      },
    });
  });

  it('does not flag a deposit of exactly minDepositPct paid on the due date', () => {
    expect(judge('2026-03-09', { payments: [payment('200000.00', '2026-03-08')] })).toBeNull();
  });

  it('flags a deposit one cent under minDepositPct', () => {
    const finding = judge('2026-03-09', { payments: [payment('199999.99', '2026-03-08', { id: 'p1' })] });
    expect(finding?.evidence).toMatchObject({
      requiredDeposit: '200000.00',
      paidByDueDate: '199999.99',
      paymentsByDueDate: [{ paymentId: 'p1', receivedOn: '2026-03-08', kind: 'DEPOSIT', amount: '199999.99', reversedOn: null }],
    });
  });

  it('does not take a token 1.00 "deposit" for a deposit', () => {
    expect(judge('2026-03-09', { payments: [payment('1.00', '2026-03-02')] })?.evidence).toMatchObject({ paidByDueDate: '1.00' });
  });

  it('still flags a deposit paid the day after the due date: a late payment does not undo the fact', () => {
    const finding = judge('2026-03-10', { payments: [payment('400000.00', '2026-03-09')] });
    expect(finding?.severity).toBe('MEDIUM');
    expect(finding?.evidence).toMatchObject({ paidByDueDate: '0.00', paymentsByDueDate: [] });
  });

  it('counts a deposit reversed within the window as nothing paid', () => {
    const payments = [payment('400000.00', '2026-03-03', { id: 'p1' }), payment('-400000.00', '2026-03-05', { reversalOf: 'p1' })];
    const finding = judge('2026-03-09', { payments });
    expect(finding?.evidence).toMatchObject({ paidByDueDate: '0.00', paymentsByDueDate: [{ paymentId: 'p1', reversedOn: '2026-03-05' }] });
  });

  it('flags a deposit paid in time and reversed after the due date: a reversed deposit was never a deposit', () => {
    const paid = payment('400000.00', '2026-03-03', { id: 'p1' });
    expect(judge('2026-03-11', { payments: [paid] })).toBeNull();
    const reversed = [paid, payment('-400000.00', '2026-03-12', { reversalOf: 'p1' })];
    expect(judge('2026-03-20', { payments: reversed })?.evidence).toMatchObject({ paidByDueDate: '0.00' });
  });

  it('keeps what was paid by the due date when only a later payment is reversed', () => {
    const payments = [
      payment('200000.00', '2026-03-03', { id: 'p1' }),
      payment('100000.00', '2026-03-20', { id: 'p2', kind: 'INSTALLMENT' }),
      payment('-100000.00', '2026-03-25', { reversalOf: 'p2' }),
    ];
    expect(judge('2026-04-01', { payments })).toBeNull();
  });

  it('never flags a cancelled sale', () => {
    expect(judge('2027-01-01', { status: 'CANCELLED' })).toBeNull();
  });

  it("follows a project's own deposit window and minimum share", () => {
    const settings = { ...DEFAULT_RULE_SETTINGS, depositDueDays: 14, minDepositPct: '10.00' };
    expect(judge('2026-03-15', {}, settings)).toBeNull();
    expect(judge('2026-03-16', { payments: [payment('399999.99', '2026-03-02')] }, settings)?.evidence).toMatchObject({
      depositDueDays: 14,
      dueDate: '2026-03-15',
      requiredDeposit: '400000.00',
    });
  });

  it('counts the window across a month end', () => {
    expect(judge('2026-03-04', { contractDate: '2026-02-25' })).toBeNull();
    expect(judge('2026-03-05', { contractDate: '2026-02-25' })?.evidence.dueDate).toBe('2026-03-04');
  });
});
