import { dec } from '../../common/money';
import { SaleFacts } from './rule-facts';
import { DEFAULT_RULE_SETTINGS, payment, saleFacts } from '../../../test/factories/rule-facts';
import { unpaidPossessionRule } from './unpaid-possession.rule';

const handedOverOccupied = [{ handedOverOn: '2026-03-15', occupied: true }];

function judge(overrides: Partial<SaleFacts>) {
  return unpaidPossessionRule(
    saleFacts({ netPrice: dec('3000000.00'), handovers: handedOverOccupied, asOf: '2026-03-31', ...overrides }),
    DEFAULT_RULE_SETTINGS,
  );
}

describe('UNPAID_POSSESSION', () => {
  it('flags a unit handed over with a balance outstanding as HIGH', () => {
    const payments = [payment('300000.00', '2026-03-05'), payment('200000.00', '2026-03-20')];
    expect(judge({ payments })).toEqual({
      type: 'UNPAID_POSSESSION',
      severity: 'HIGH',
      evidence: {
        handedOverOn: '2026-03-15',
        occupied: true,
        netPrice: '3000000.00',
        paidAtHandover: '300000.00',
        paid: '500000.00',
        outstanding: '2500000.00',
        asOf: '2026-03-31',
      },
    });
  });

  it('no longer fires once the balance is paid in full', () => {
    const payments = [payment('300000.00', '2026-03-05'), payment('2700000.00', '2026-03-25')];
    expect(judge({ payments })).toBeNull();
  });

  it('still fires with one cent outstanding', () => {
    const finding = judge({ payments: [payment('2999999.99', '2026-03-05')] });
    expect(finding?.severity).toBe('HIGH');
    expect(finding?.evidence.outstanding).toBe('0.01');
  });

  it('ignores a handover dated after the judging date', () => {
    expect(judge({ asOf: '2026-03-14' })).toBeNull();
  });

  it('does not count payments received after the judging date', () => {
    const finding = judge({ payments: [payment('3000000.00', '2026-04-05')] });
    expect(finding?.evidence).toMatchObject({ paid: '0.00', outstanding: '3000000.00' });
  });

  it('re-opens the balance when a payment is reversed', () => {
    const payments = [payment('3000000.00', '2026-03-10'), payment('-3000000.00', '2026-03-28')];
    expect(judge({ payments, asOf: '2026-03-27' })).toBeNull();
    const finding = judge({ payments, asOf: '2026-03-28' });
    expect(finding?.severity).toBe('HIGH');
    expect(finding?.evidence).toMatchObject({ paidAtHandover: '3000000.00', paid: '0.00', outstanding: '3000000.00' });
  });

  it('dates possession from the earliest handover and reports whether the last one has the buyer living there', () => {
    const handovers = [
      { handedOverOn: '2026-03-15', occupied: false },
      { handedOverOn: '2026-03-20', occupied: true },
    ];
    expect(judge({ handovers })?.evidence).toMatchObject({ handedOverOn: '2026-03-15', occupied: true });
  });

  it('does not fire before any handover', () => {
    expect(judge({ handovers: [] })).toBeNull();
  });

  it('never flags a cancelled sale', () => {
    expect(judge({ status: 'CANCELLED' })).toBeNull();
  });
});
