import { dec } from '../common/money';
import { latestTypeOrProjectEvidence } from './evidence-lookup';
import { MarketPriceEntity } from './market-price.entity';

function piece(id: string, asOf: string, unitType: string | null, recorded = '2026-01-01T00:00:00Z'): MarketPriceEntity {
  return {
    id, projectId: 'p', asOf, pricePerSqm: dec('1'), source: 'INDEX', unitId: null, unitType, reference: null, createdAt: new Date(recorded),
  };
}

describe('latest unit-type or project evidence', () => {
  const lookup = latestTypeOrProjectEvidence([
    piece('project-jan', '2026-01-01', null),
    piece('project-jun', '2026-06-01', null),
    piece('3br-mar', '2026-03-01', '3BR'),
    piece('3br-mar-later', '2026-03-01', '3BR', '2026-03-02T00:00:00Z'),
  ]);

  it('prefers the unit type’s own evidence, even when project evidence is newer', () => {
    expect(lookup('3BR', '2026-07-01')?.id).toBe('3br-mar-later');
  });

  it('falls back to the project before the type has any evidence', () => {
    expect(lookup('3BR', '2026-02-28')?.id).toBe('project-jan');
    expect(lookup('2BR', '2026-06-01')?.id).toBe('project-jun');
  });

  it('ignores evidence dated after the date, and finds none before the first', () => {
    expect(lookup('2BR', '2026-05-31')?.id).toBe('project-jan');
    expect(lookup('2BR', '2025-12-31')).toBeNull();
  });
});
