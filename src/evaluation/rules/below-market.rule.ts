import { dec, formatMoney } from '../../common/money';
import { Finding } from '../../audit-flags/flag-types';
import { RuleSettings, SaleFacts } from './rule-facts';

/**
 * The net price is more than `belowMarketPct` under the market price of the
 * contract date; HIGH once the shortfall reaches `belowMarketHighPct`.
 * Thresholds are compared on exact values, never on rounded percentages.
 */
export function belowMarketRule(facts: SaleFacts, settings: RuleSettings): Finding<'BELOW_MARKET'> | null {
  const { market } = facts;
  if (!market) return null;
  const marketPrice = dec(market.price);
  if (marketPrice.lte(0)) return null;
  const netPrice = dec(facts.netPrice);
  const threshold = marketPrice.times(dec(100).minus(settings.belowMarketPct)).div(100);
  if (!netPrice.lt(threshold)) return null;

  const shortfall = marketPrice.minus(netPrice);
  const shortfallPct = shortfall.div(marketPrice).times(100);
  const high = shortfall.times(100).gte(marketPrice.times(settings.belowMarketHighPct));
  return {
    type: 'BELOW_MARKET',
    severity: high ? 'HIGH' : 'MEDIUM',
    evidence: {
      netPrice: formatMoney(netPrice),
      marketPrice: formatMoney(marketPrice),
      marketPricePerSqm: formatMoney(market.pricePerSqm),
      method: market.method,
      basis: market.basis,
      belowMarketPct: formatMoney(settings.belowMarketPct),
      threshold: formatMoney(threshold),
      shortfall: formatMoney(shortfall),
      shortfallPct: formatMoney(shortfallPct),
      asOf: facts.asOf,
    },
  };
}
