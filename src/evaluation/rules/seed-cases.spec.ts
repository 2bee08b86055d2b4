import { dec } from '../../common/money';
import { SaleFacts } from './rule-facts';
import { priceBelowEarlierBatchRule } from './price-below-earlier-batch.rule';
import {
  DEFAULT_RULE_SETTINGS, MarketEvidenceFixture, batchFacts, comparableSalesMarket, marketLookup, payment, relatedBuyers, saleDiscounts, saleFacts,
} from '../../../test/factories/rule-facts';
import { evaluateSaleRules } from './sale-rules';

/** The two real cases in the README. */

describe("the driver's flat", () => {
  const driverId = 'party-driver';
  const ceoId = 'party-ceo';
  const market = comparableSalesMarket('4000000.00', '47058.82');
  const batchB1 = saleDiscounts('B1', [{ code: 'FULL', percent: '5.00' }]);
  const driver = relatedBuyers([driverId, 'PERSONAL_STAFF', ceoId]);

  // Bought at cost, a million under comparable sales, nothing paid, handed over and moved into.
  const driversSale = saleFacts({
    saleId: 'sale-driver',
    contractDate: '2026-03-01',
    netPrice: dec('3000000.00'),
    listPrice: dec('3500000.00'),
    discounts: batchB1,
    costPrice: dec('3000000.00'),
    market,
    buyers: driver,
    payments: [],
    handovers: [{ handedOverOn: '2026-03-10', occupied: true }],
    asOf: '2026-03-31',
  });
  const escalated = { escalatedBy: 'RELATED_PARTY_SALE' };

  it("flags the CEO's driver's sale, judged 30 days after the contract, on every count, all HIGH but the related-party flag itself", () => {
    expect(evaluateSaleRules(driversSale, DEFAULT_RULE_SETTINGS)).toEqual([
      {
        type: 'RELATED_PARTY_SALE',
        severity: 'MEDIUM',
        evidence: { paths: [[driverId, 'PERSONAL_STAFF', ceoId]], parties: driver.parties, asOf: '2026-03-31' },
      },
      {
        type: 'BELOW_MARKET',
        severity: 'HIGH',
        evidence: {
          netPrice: '3000000.00',
          marketPrice: '4000000.00',
          marketPricePerSqm: '47058.82',
          method: 'COMPARABLE_SALES',
          basis: market.basis,
          belowMarketPct: '10.00',
          threshold: '3600000.00',
          shortfall: '1000000.00',
          shortfallPct: '25.00',
          asOf: '2026-03-31',
          baseSeverity: 'MEDIUM',
          ...escalated,
        },
      },
      {
        type: 'AT_OR_BELOW_COST',
        severity: 'HIGH',
        evidence: { netPrice: '3000000.00', costPrice: '3000000.00', margin: '0.00', asOf: '2026-03-31', baseSeverity: 'MEDIUM', ...escalated },
      },
      {
        type: 'EXCESS_DISCOUNT',
        severity: 'HIGH',
        evidence: {
          listPrice: '3500000.00',
          batchNo: 'B1',
          priceListId: 'pl-B1',
          buyerIsStaff: false,
          discounts: batchB1.discounts,
          largestDiscountPct: '5.00',
          lowestPublishedPrice: '3325000.00',
          netPrice: '3000000.00',
          excessDiscount: '325000.00',
          discountPct: '14.29',
          asOf: '2026-03-31',
          baseSeverity: 'MEDIUM',
          ...escalated,
        },
      },
      {
        type: 'MISSING_DEPOSIT',
        severity: 'HIGH',
        evidence: {
          contractDate: '2026-03-01',
          depositDueDays: 7,
          dueDate: '2026-03-08',
          netPrice: '3000000.00',
          minDepositPct: '5.00',
          requiredDeposit: '150000.00',
          paidByDueDate: '0.00',
          paymentsByDueDate: [],
          asOf: '2026-03-31',
          baseSeverity: 'MEDIUM',
          ...escalated,
        },
      },
      {
        type: 'UNPAID_POSSESSION',
        severity: 'HIGH',
        evidence: {
          handedOverOn: '2026-03-10',
          occupied: true,
          netPrice: '3000000.00',
          paidAtHandover: '0.00',
          paid: '0.00',
          outstanding: '3000000.00',
          asOf: '2026-03-31',
          baseSeverity: 'HIGH',
          ...escalated,
        },
      },
    ]);
  });

  it('flags the pricing of the sale the day it is recorded, before any deadline has passed', () => {
    const onContractDay = { ...driversSale, handovers: [], asOf: '2026-03-01' };
    expect(evaluateSaleRules(onContractDay, DEFAULT_RULE_SETTINGS).map((finding) => [finding.type, finding.severity])).toEqual([
      ['RELATED_PARTY_SALE', 'MEDIUM'],
      ['BELOW_MARKET', 'HIGH'],
      ['AT_OR_BELOW_COST', 'HIGH'],
      ['EXCESS_DISCOUNT', 'HIGH'],
    ]);
  });

  it('has no excess-discount flag when no price list priced the unit', () => {
    const unlisted: SaleFacts = { ...driversSale, listPrice: null, discounts: null };
    expect(evaluateSaleRules(unlisted, DEFAULT_RULE_SETTINGS).map((finding) => finding.type)).toEqual([
      'RELATED_PARTY_SALE',
      'BELOW_MARKET',
      'AT_OR_BELOW_COST',
      'MISSING_DEPOSIT',
      'UNPAID_POSSESSION',
    ]);
  });

  it("finds nothing on an arm's-length sale in the same project: at market, deposit on time, paid in full before handover", () => {
    const armsLength = saleFacts({
      saleId: 'sale-neighbour',
      contractDate: '2026-03-01',
      netPrice: dec('4000000.00'),
      listPrice: dec('4100000.00'),
      discounts: batchB1,
      costPrice: dec('3000000.00'),
      market,
      payments: [payment('400000.00', '2026-03-03'), payment('3600000.00', '2026-03-20')],
      handovers: [{ handedOverOn: '2026-03-25', occupied: true }],
      asOf: '2026-03-31',
    });
    expect(evaluateSaleRules(armsLength, DEFAULT_RULE_SETTINGS)).toEqual([]);
  });
});

describe('the time-reversal price', () => {
  const b1 = batchFacts('B1', '2025-06-01', { '3BR': '50000.00' });
  const b2 = batchFacts('B2', '2026-02-01', { '3BR': '48000.00' });
  const marketRoseTo = (pricePerSqm: string) =>
    marketLookup([
      { id: 'ev-2025-05', asOf: '2025-05-15', pricePerSqm: '40000.00' },
      { id: 'ev-2026-01', asOf: '2026-01-20', pricePerSqm },
    ] satisfies MarketEvidenceFixture[]);

  it('flags a batch released eight months later below the earlier one, in a market up 12%, as HIGH naming the earlier batch', () => {
    expect(priceBelowEarlierBatchRule(b2, [b1, b2], marketRoseTo('44800.00'), DEFAULT_RULE_SETTINGS)).toEqual([
      {
        type: 'PRICE_BELOW_EARLIER_BATCH',
        severity: 'HIGH',
        unitType: '3BR',
        evidence: {
          unitType: '3BR',
          priceListId: 'pl-B2',
          batchNo: 'B2',
          issuedOn: '2026-02-01',
          averageNetPricePerSqm: '48000.00',
          earlierBatch: { priceListId: 'pl-B1', batchNo: 'B1', issuedOn: '2025-06-01', averageNetPricePerSqm: '50000.00' },
          gapPerSqm: '2000.00',
          gapPct: '4.00',
          marketChange: {
            fromEvidenceId: 'ev-2025-05',
            fromAsOf: '2025-05-15',
            fromPricePerSqm: '40000.00',
            toEvidenceId: 'ev-2026-01',
            toAsOf: '2026-01-20',
            toPricePerSqm: '44800.00',
            changePct: '12.00',
          },
          otherEarlierBatchesAbove: [],
          asOf: '2026-02-01',
        },
      },
    ]);
  });

  it('is MEDIUM when the market rose 9.99%', () => {
    const findings = priceBelowEarlierBatchRule(b2, [b1, b2], marketRoseTo('43996.00'), DEFAULT_RULE_SETTINGS);
    expect(findings).toHaveLength(1);
    expect(findings[0].severity).toBe('MEDIUM');
    expect(findings[0].evidence).toMatchObject({ earlierBatch: { batchNo: 'B1' }, marketChange: { changePct: '9.99' } });
  });

  it('does not flag a later batch priced above the earlier one', () => {
    const b2Above = batchFacts('B2', '2026-02-01', { '3BR': '53000.00' });
    expect(priceBelowEarlierBatchRule(b2Above, [b1, b2Above], marketRoseTo('44800.00'), DEFAULT_RULE_SETTINGS)).toEqual([]);
  });

  it("does not flag the project's first batch", () => {
    expect(priceBelowEarlierBatchRule(b1, [b1, b2], marketRoseTo('44800.00'), DEFAULT_RULE_SETTINGS)).toEqual([]);
  });
});
