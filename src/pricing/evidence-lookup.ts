import { groupBy } from '../common/group-by';
import { MarketPriceEntity } from './market-price.entity';

/**
 * The in-memory form of "the latest evidence for the unit type, else for the
 * whole project, dated on or before a date" (docs/api-guide.md, The rules: market price), over evidence
 * loaded once for a whole project. Ties on a date go to the piece recorded last.
 */
export function latestTypeOrProjectEvidence(evidence: MarketPriceEntity[]) {
  const latestFirst = [...evidence].sort(
    (a, b) => b.asOf.localeCompare(a.asOf) || b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id),
  );
  const scoped = latestFirst.filter((piece) => !piece.unitId);
  const forType = groupBy(scoped.filter((piece) => piece.unitType !== null), (piece) => piece.unitType!);
  const forProject = scoped.filter((piece) => piece.unitType === null);
  const latestOn = (pieces: MarketPriceEntity[], onOrBefore: string) => pieces.find((piece) => piece.asOf <= onOrBefore) ?? null;
  return (unitType: string, onOrBefore: string): MarketPriceEntity | null =>
    latestOn(forType.get(unitType) ?? [], onOrBefore) ?? latestOn(forProject, onOrBefore);
}
