import { PublishedDiscount } from './discount-combination';
import { netListPrice, priceListAverages } from './price-list-averages';

/** Non-stackable discounts open to all, by percent. */
const offers = (...percents: string[]): PublishedDiscount[] =>
  percents.map((percent, i) => ({ code: `D${i}`, percent, stackable: false, eligibility: 'ALL' }));

describe('price-list averages', () => {
  it('weights the average by area, not by unit count', () => {
    // 50 m² at 1,000,000 (20,000/m²) and 150 m² at 4,500,000 (30,000/m²):
    // 5,500,000 / 200 = 27,500/m², not the 25,000 a per-unit mean would give.
    const averages = priceListAverages(
      [
        { unitType: '1BR', saleableArea: '50.00', listPrice: '1000000.00' },
        { unitType: '1BR', saleableArea: '150.00', listPrice: '4500000.00' },
      ],
      [],
    );
    expect(averages).toMatchObject({ unitCount: 2, totalSaleableArea: '200.00', averageListPricePerSqm: '27500.00' });
  });

  it('applies the largest published discount to the net average', () => {
    // 3,000,000 / 100 m² = 30,000/m²; the deepest scheme is 5%: 28,500/m².
    const averages = priceListAverages(
      [{ unitType: '2BR', saleableArea: '100.00', listPrice: '3000000.00' }],
      offers('2.00', '5.00', '3.50'),
    );
    expect(averages.largestDiscountPct).toBe('5.00');
    expect(averages.averageListPricePerSqm).toBe('30000.00');
    expect(averages.averageNetPricePerSqm).toBe('28500.00');
  });

  it('takes the net average equal to the list average when nothing is discounted', () => {
    const averages = priceListAverages([{ unitType: '2BR', saleableArea: '88.00', listPrice: '2640000.00' }], []);
    expect(averages.largestDiscountPct).toBe('0.00');
    expect(averages.averageNetPricePerSqm).toBe(averages.averageListPricePerSqm);
  });

  it('rounds only the final figure, never the per-unit net prices', () => {
    // Two units of 0.50 m² at 1.00 with 3.5% off: exact net total 1.93 over 1 m² = 1.93/m².
    // Rounding each net price first (0.965 → 0.97) would give 1.94.
    const averages = priceListAverages(
      [
        { unitType: 'P', saleableArea: '0.50', listPrice: '1.00' },
        { unitType: 'P', saleableArea: '0.50', listPrice: '1.00' },
      ],
      offers('3.50'),
    );
    expect(averages.averageNetPricePerSqm).toBe('1.93');
  });

  it('rounds only the final figure, never the list average it starts from', () => {
    // 100 / 3 m² = 33.333…/m²; net 96.5 / 3 = 32.1666… → 32.17.
    // Discounting the rounded list average (33.33 × 0.965 = 32.16…) would give 32.16.
    const averages = priceListAverages([{ unitType: 'P', saleableArea: '3.00', listPrice: '100.00' }], offers('3.50'));
    expect(averages.averageListPricePerSqm).toBe('33.33');
    expect(averages.averageNetPricePerSqm).toBe('32.17');
  });

  it('rounds an exact half cent up, not to even', () => {
    // 1.00 × 0.965 = 0.965 per m²: half-up gives 0.97 where banker's rounding would give 0.96.
    const averages = priceListAverages([{ unitType: 'P', saleableArea: '1.00', listPrice: '1.00' }], offers('3.50'));
    expect(averages.averageNetPricePerSqm).toBe('0.97');
  });

  it('breaks the figures down per unit type, ordered by type, each weighted by its own areas', () => {
    const averages = priceListAverages(
      [
        { unitType: '3BR', saleableArea: '120.00', listPrice: '4800000.00' },
        { unitType: '2BR', saleableArea: '80.00', listPrice: '2400000.00' },
        { unitType: '3BR', saleableArea: '130.00', listPrice: '5850000.00' },
      ],
      offers('10.00'),
    );
    expect(averages.byUnitType).toEqual([
      // 2,400,000 / 80 = 30,000; × 0.9 = 27,000
      {
        unitType: '2BR',
        unitCount: 1,
        totalSaleableArea: '80.00',
        averageListPricePerSqm: '30000.00',
        averageNetPricePerSqm: '27000.00',
      },
      // 10,650,000 / 250 = 42,600; × 0.9 = 38,340
      {
        unitType: '3BR',
        unitCount: 2,
        totalSaleableArea: '250.00',
        averageListPricePerSqm: '42600.00',
        averageNetPricePerSqm: '38340.00',
      },
    ]);
    // The whole list: 13,050,000 / 330 = 39,545.4545… → 39,545.45; net 35,590.9090… → 35,590.91.
    expect(averages).toMatchObject({
      unitCount: 3,
      totalSaleableArea: '330.00',
      averageListPricePerSqm: '39545.45',
      averageNetPricePerSqm: '35590.91',
    });
  });

  it('refuses a list that prices no unit', () => {
    expect(() => priceListAverages([], [])).toThrow(RangeError);
  });

  it('gives a unit’s net price after a discount, half-up to the cent', () => {
    expect(netListPrice('4800001.00', '3.50').toFixed(2)).toBe('4632000.97');
    expect(netListPrice('4350000.00', '0').toFixed(2)).toBe('4350000.00');
  });

  it('takes the deepest discount open to every buyer: stackable ones combined with the largest non-stackable one, never a staff one', () => {
    const unit = [{ unitType: 'P', saleableArea: '100.00', listPrice: '1000000.00' }];
    expect(priceListAverages(unit, offers('9.99', '10.00', '2')).largestDiscountPct).toBe('10.00');
    const stacked: PublishedDiscount[] = [
      { code: 'EARLY', percent: '2.00', stackable: true, eligibility: 'ALL' },
      { code: 'FULL', percent: '3.00', stackable: true, eligibility: 'ALL' },
      { code: 'VIP', percent: '5.00', stackable: false, eligibility: 'ALL' },
      { code: 'STAFF', percent: '20.00', stackable: false, eligibility: 'STAFF' },
    ];
    // 1 − 0.98 × 0.97 × 0.95 = 9.693%: net 903,070.00 over 100 m².
    const averages = priceListAverages(unit, stacked);
    expect(averages.largestDiscountPct).toBe('9.69');
    expect(averages.averageNetPricePerSqm).toBe('9030.70');
  });
});
