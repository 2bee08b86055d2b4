import { BatchFacts } from './rule-facts';
import { priceBelowEarlierBatchRule } from './price-below-earlier-batch.rule';
import { DEFAULT_RULE_SETTINGS, MarketEvidenceFixture, batchFacts, marketLookup } from '../../../test/factories/rule-facts';

const noEvidence = marketLookup([]);

function judge(batch: BatchFacts, others: BatchFacts[], evidence: MarketEvidenceFixture[] = []) {
  return priceBelowEarlierBatchRule(batch, [...others, batch], evidence.length ? marketLookup(evidence) : noEvidence, DEFAULT_RULE_SETTINGS);
}

describe('PRICE_BELOW_EARLIER_BATCH', () => {
  const b1 = batchFacts('B1', '2025-06-01', { '3BR': '50000.00' });

  it('never flags the first batch of a project', () => {
    expect(judge(b1, [])).toEqual([]);
  });

  it('does not flag a batch priced exactly as the earlier one', () => {
    expect(judge(batchFacts('B2', '2026-02-01', { '3BR': '50000.00' }), [b1])).toEqual([]);
  });

  it('does not flag a batch priced one cent per m² above the earlier one', () => {
    expect(judge(batchFacts('B2', '2026-02-01', { '3BR': '50000.01' }), [b1])).toEqual([]);
  });

  it('flags a batch one cent per m² below the earlier one as MEDIUM when there is no market evidence', () => {
    expect(judge(batchFacts('B2', '2026-02-01', { '3BR': '49999.99' }), [b1])).toEqual([
      {
        type: 'PRICE_BELOW_EARLIER_BATCH',
        severity: 'MEDIUM',
        unitType: '3BR',
        evidence: {
          unitType: '3BR',
          priceListId: 'pl-B2',
          batchNo: 'B2',
          issuedOn: '2026-02-01',
          averageNetPricePerSqm: '49999.99',
          earlierBatch: { priceListId: 'pl-B1', batchNo: 'B1', issuedOn: '2025-06-01', averageNetPricePerSqm: '50000.00' },
          gapPerSqm: '0.01',
          gapPct: '0.00',
          marketChange: null,
          otherEarlierBatchesAbove: [],
          asOf: '2026-02-01',
        },
      },
    ]);
  });

  describe('against a market that rose between the batches', () => {
    const b2 = batchFacts('B2', '2026-02-01', { '3BR': '48000.00' });
    const rose = (to: string): MarketEvidenceFixture[] => [
      { id: 'ev-from', asOf: '2025-05-15', pricePerSqm: '40000.00' },
      { id: 'ev-to', asOf: '2026-01-20', pricePerSqm: to },
    ];

    it('is HIGH when the market rose exactly 10%', () => {
      const [finding] = judge(b2, [b1], rose('44000.00'));
      expect(finding.severity).toBe('HIGH');
      expect(finding.evidence.marketChange).toEqual({
        fromEvidenceId: 'ev-from',
        fromAsOf: '2025-05-15',
        fromPricePerSqm: '40000.00',
        toEvidenceId: 'ev-to',
        toAsOf: '2026-01-20',
        toPricePerSqm: '44000.00',
        changePct: '10.00',
      });
    });

    it('stays MEDIUM when the market rose one cent short of 10%, although the rise rounds to 10.00%', () => {
      const [finding] = judge(b2, [b1], rose('43999.99'));
      expect(finding.severity).toBe('MEDIUM');
      expect(finding.evidence.marketChange).toMatchObject({ changePct: '10.00' });
    });

    it('is HIGH when the market rose one cent past 10%', () => {
      expect(judge(b2, [b1], rose('44000.01'))[0].severity).toBe('HIGH');
    });

    it('is MEDIUM when the market fell', () => {
      const [finding] = judge(b2, [b1], rose('38000.00'));
      expect(finding.severity).toBe('MEDIUM');
      expect(finding.evidence.marketChange).toMatchObject({ changePct: '-5.00' });
    });

    it('is MEDIUM with no market change when evidence is missing at the earlier batch', () => {
      const [finding] = judge(b2, [b1], [{ id: 'ev-to', asOf: '2026-01-20', pricePerSqm: '60000.00' }]);
      expect(finding.severity).toBe('MEDIUM');
      expect(finding.evidence.marketChange).toBeNull();
    });

    it("follows a project's own market-rise threshold", () => {
      const lenient = { ...DEFAULT_RULE_SETTINGS, batchMarketRiseHighPct: '15.00' };
      const [finding] = priceBelowEarlierBatchRule(b2, [b1, b2], marketLookup(rose('45000.00')), lenient);
      expect(finding.severity).toBe('MEDIUM');
      expect(finding.evidence.marketChange).toMatchObject({ changePct: '12.50' });
    });

    it('prefers unit-type evidence over whole-project evidence', () => {
      const evidence: MarketEvidenceFixture[] = [
        ...rose('40000.00'),
        { id: 'ev-3br-from', asOf: '2025-05-01', pricePerSqm: '41000.00', unitType: '3BR' },
        { id: 'ev-3br-to', asOf: '2026-01-01', pricePerSqm: '46000.00', unitType: '3BR' },
      ];
      const [finding] = judge(b2, [b1], evidence);
      expect(finding.severity).toBe('HIGH');
      expect(finding.evidence.marketChange).toMatchObject({ fromEvidenceId: 'ev-3br-from', toEvidenceId: 'ev-3br-to', changePct: '12.20' });
    });
  });

  describe('which batches are earlier', () => {
    it('counts a batch issued the same day but posted earlier', () => {
      const morning = batchFacts('B1', '2026-02-01', { '3BR': '50000.00' }, '2026-02-01T08:00:00.000Z');
      const afternoon = batchFacts('B2', '2026-02-01', { '3BR': '48000.00' }, '2026-02-01T15:00:00.000Z');
      expect(judge(afternoon, [morning]).map((finding) => finding.evidence.earlierBatch)).toEqual([
        { priceListId: 'pl-B1', batchNo: 'B1', issuedOn: '2026-02-01', averageNetPricePerSqm: '50000.00' },
      ]);
      expect(judge(morning, [afternoon])).toEqual([]);
    });

    it('ignores batches issued later, however they are priced', () => {
      expect(judge(batchFacts('B1', '2025-06-01', { '3BR': '40000.00' }), [batchFacts('B2', '2026-02-01', { '3BR': '60000.00' })])).toEqual([]);
    });

    it('does not flag a later batch priced above the earlier one', () => {
      expect(judge(batchFacts('B2', '2026-02-01', { '3BR': '52000.00' }), [b1])).toEqual([]);
    });
  });

  describe('naming the earlier batch', () => {
    const evidence: MarketEvidenceFixture[] = [
      { id: 'ev-2024', asOf: '2024-05-01', pricePerSqm: '35000.00' },
      { id: 'ev-2025', asOf: '2025-05-15', pricePerSqm: '40000.00' },
      { id: 'ev-2026', asOf: '2026-01-20', pricePerSqm: '42000.00' },
    ];
    const b0 = batchFacts('B0', '2024-06-01', { '3BR': '49000.00' });
    const b3 = batchFacts('B3', '2026-02-01', { '3BR': '48000.00' });

    it('names the batch against which the market rose 10% or more, over a more recent one', () => {
      const [finding] = judge(b3, [b1, b0], evidence);
      expect(finding.severity).toBe('HIGH');
      expect(finding.evidence).toMatchObject({
        earlierBatch: { batchNo: 'B0', averageNetPricePerSqm: '49000.00' },
        gapPerSqm: '1000.00',
        gapPct: '2.04',
        marketChange: { fromEvidenceId: 'ev-2024', toEvidenceId: 'ev-2026', changePct: '20.00' },
        otherEarlierBatchesAbove: ['B1'],
      });
    });

    it('names the most recent earlier batch above when none gives HIGH, listing the others in release order', () => {
      const b2 = batchFacts('B2', '2025-09-01', { '3BR': '48500.00' });
      const [finding] = judge(b3, [b2, b1, b0]);
      expect(finding.severity).toBe('MEDIUM');
      expect(finding.evidence).toMatchObject({ earlierBatch: { batchNo: 'B2' }, gapPerSqm: '500.00', otherEarlierBatchesAbove: ['B0', 'B1'] });
    });

    it('names the most recently posted of two HIGH batches issued the same day', () => {
      const early = batchFacts('B1a', '2025-06-01', { '3BR': '50000.00' }, '2025-06-01T08:00:00.000Z');
      const late = batchFacts('B1b', '2025-06-01', { '3BR': '49000.00' }, '2025-06-01T16:00:00.000Z');
      const rising: MarketEvidenceFixture[] = [
        { id: 'ev-from', asOf: '2025-05-15', pricePerSqm: '40000.00' },
        { id: 'ev-to', asOf: '2026-01-20', pricePerSqm: '44800.00' },
      ];
      const [finding] = judge(b3, [late, early], rising);
      expect(finding.severity).toBe('HIGH');
      expect(finding.evidence).toMatchObject({ earlierBatch: { batchNo: 'B1b' }, otherEarlierBatchesAbove: ['B1a'] });
    });

    it('leaves out earlier batches that were priced at or below this one', () => {
      const cheaper = batchFacts('B2', '2025-09-01', { '3BR': '48000.00' });
      const [finding] = judge(b3, [b1, cheaper]);
      expect(finding.evidence).toMatchObject({ earlierBatch: { batchNo: 'B1' }, otherEarlierBatchesAbove: [] });
    });
  });

  it('judges each unit type on its own and returns the findings sorted by unit type', () => {
    const earlier = batchFacts('B1', '2025-06-01', { '3BR': '50000.00', '2BR': '52000.00', '1BR': '40000.00' });
    const later = batchFacts('B2', '2026-02-01', { '3BR': '48000.00', '2BR': '51000.00', '1BR': '41000.00', '4BR': '30000.00' });
    const findings = judge(later, [earlier]);
    expect(findings.map((finding) => [finding.unitType, finding.evidence.unitType, finding.evidence.gapPerSqm])).toEqual([
      ['2BR', '2BR', '1000.00'],
      ['3BR', '3BR', '2000.00'],
    ]);
  });
});
