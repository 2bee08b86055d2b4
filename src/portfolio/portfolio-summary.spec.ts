import { dec } from '../common/money';
import { ProjectLedgerFigures, summarisePortfolio } from './portfolio-summary';

function project(code: string, overrides: Partial<ProjectLedgerFigures> = {}): ProjectLedgerFigures {
  return {
    projectId: `id-${code}`,
    code,
    name: `Project ${code}`,
    currency: 'CNY',
    unitsTotal: 10,
    unitsSold: 4,
    contractValue: dec('4000000.10'),
    cashReceived: dec('1000000.05'),
    relatedPartyReceivables: dec('0'),
    marketShortfall: dec('0'),
    openFlags: [],
    ...overrides,
  };
}

const generatedAt = new Date('2026-06-30T09:00:00.000Z');

describe('portfolio summary', () => {
  it('gives each project its receivables as contract value less cash received, to the cent', () => {
    const summary = summarisePortfolio('2026-06-30', generatedAt, [project('BAY', { contractValue: dec('0.30'), cashReceived: dec('0.10') })]);
    expect(summary.projects[0]).toMatchObject({ unitsUnsold: 6, contractValue: '0.30', cashReceived: '0.10', receivables: '0.20' });
  });

  it('sums the projects exactly, where binary floating point would not', () => {
    const projects = Array.from({ length: 10 }, (_, i) =>
      project(`P${i}`, { contractValue: dec('0.10'), cashReceived: dec('0.01'), relatedPartyReceivables: dec('0.07'), marketShortfall: dec('0.20') }),
    );
    expect(summarisePortfolio('2026-06-30', generatedAt, projects).totals).toMatchObject([{
      currency: 'CNY', unitsTotal: 100, unitsSold: 40, unitsUnsold: 60,
      contractValue: '1.00', cashReceived: '0.10', receivables: '0.90', relatedPartyReceivables: '0.70', marketShortfall: '2.00',
    }]);
  });

  it('never adds amounts of different currencies: one row of totals per currency, by code', () => {
    const summary = summarisePortfolio('2026-06-30', generatedAt, [
      project('SZ-1', { contractValue: dec('4000000.00'), cashReceived: dec('1000000.00') }),
      project('HK-1', { currency: 'HKD', contractValue: dec('9000000.00'), cashReceived: dec('0.00') }),
      project('SZ-2', { contractValue: dec('1000000.00'), cashReceived: dec('1000000.00') }),
    ]);
    expect(summary.projects.map((p) => [p.code, p.currency])).toEqual([['SZ-1', 'CNY'], ['HK-1', 'HKD'], ['SZ-2', 'CNY']]);
    expect(summary.totals.map((t) => [t.currency, t.contractValue, t.receivables, t.unitsTotal])).toEqual([
      ['CNY', '5000000.00', '3000000.00', 20],
      ['HKD', '9000000.00', '9000000.00', 10],
    ]);
  });

  it('counts open flags by type and by severity, in each project and over all of them', () => {
    const summary = summarisePortfolio('2026-06-30', generatedAt, [
      project('BAY', { openFlags: [{ type: 'RELATED_PARTY_SALE', severity: 'MEDIUM', count: 2 }, { type: 'BELOW_MARKET', severity: 'HIGH', count: 1 }] }),
      project('HILL', { openFlags: [{ type: 'BELOW_MARKET', severity: 'MEDIUM', count: 3 }] }),
    ]);
    expect(summary.projects[0].openFlags).toEqual({ total: 3, byType: { BELOW_MARKET: 1, RELATED_PARTY_SALE: 2 }, bySeverity: { HIGH: 1, MEDIUM: 2 } });
    expect(summary.totals[0].openFlags).toEqual({ total: 6, byType: { BELOW_MARKET: 4, RELATED_PARTY_SALE: 2 }, bySeverity: { HIGH: 1, MEDIUM: 5 } });
    expect(Object.keys(summary.totals[0].openFlags.byType)).toEqual(['BELOW_MARKET', 'RELATED_PARTY_SALE']);
  });

  it('answers no totals for a ledger without projects', () => {
    expect(summarisePortfolio('2026-06-30', generatedAt, [])).toEqual({
      asOf: '2026-06-30',
      generatedAt: '2026-06-30T09:00:00.000Z',
      projects: [],
      totals: [],
    });
  });
});
