/**
 * Related parties (docs/api-guide.md, Parties and relations) as a pure function of plain data: is a party related to the
 * developer, and why. A party is related when it is an insider, is joined to
 * an insider by at most `maxHops` relations (either direction), or shares a
 * normalised id number, phone or bank account with an insider or with a party
 * so joined.
 */

export interface GraphParty {
  id: string;
  /** As the database's neighbourhood gives it, to name the parties on a path. */
  name?: string;
  insiderRole: string | null;
  idNumberNorm: string | null;
  phoneNorm: string | null;
  bankAccountNorm: string | null;
}

/** "partyId is <relationship> of relatedPartyId"; traversed in both directions. */
export interface GraphRelation {
  partyId: string;
  relatedPartyId: string;
  relationship: string;
}

export interface PartyGraph {
  parties: GraphParty[];
  relations: GraphRelation[];
}

/**
 * Party ids alternating with link labels, from the party to an insider:
 * `[driverId, "PERSONAL_STAFF", ceoId]`, `[buyerId, "SAME_PHONE", x, "FAMILY", ceoId]`,
 * or `[insiderId]` for an insider.
 */
export type RelatedPartyPath = string[];

export interface RelatedPartyFinding {
  isRelated: boolean;
  paths: RelatedPartyPath[];
}

/** Enough to explain a finding; a party linked to an insider a hundred ways needs no hundred paths. */
export const MAX_RELATED_PARTY_PATHS = 20;

type AttributeKey = 'idNumberNorm' | 'phoneNorm' | 'bankAccountNorm';

export const ATTRIBUTE_LINKS: ReadonlyArray<{ attribute: AttributeKey; label: string }> = [
  { attribute: 'idNumberNorm', label: 'SAME_ID_NUMBER' },
  { attribute: 'phoneNorm', label: 'SAME_PHONE' },
  { attribute: 'bankAccountNorm', label: 'SAME_BANK_ACCOUNT' },
];

interface Link {
  to: string;
  label: string;
}

/**
 * A path either uses relations only, or starts with one shared-attribute link
 * and then uses relations; the second kind has one more link to spend, so the
 * search keeps the two apart.
 */
type Route = 'RELATIONS' | 'ATTRIBUTE_FIRST';

interface Visit {
  partyId: string;
  route: Route;
  distance: number;
  /** Every way of arriving here by a shortest path: the visit it came from and the link it took. */
  arrivals: Array<{ from: string; label: string }>;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byTargetThenLabel(a: Link, b: Link): number {
  return compareStrings(a.to, b.to) || compareStrings(a.label, b.label);
}

function relationLinks(relations: GraphRelation[]): Map<string, Link[]> {
  const links = new Map<string, Link[]>();
  const add = (from: string, link: Link) => {
    const list = links.get(from);
    if (list) list.push(link);
    else links.set(from, [link]);
  };
  for (const relation of relations) {
    add(relation.partyId, { to: relation.relatedPartyId, label: relation.relationship });
    add(relation.relatedPartyId, { to: relation.partyId, label: relation.relationship });
  }
  for (const list of links.values()) list.sort(byTargetThenLabel);
  return links;
}

/** The parties that share each normalised identifier, found in one pass over the graph. */
function attributeIndex(parties: Iterable<GraphParty>): Map<string, GraphParty[]> {
  const index = new Map<string, GraphParty[]>();
  for (const party of parties) {
    for (const { attribute } of ATTRIBUTE_LINKS) {
      const value = party[attribute];
      if (value === null) continue;
      const key = `${attribute}:${value}`;
      const list = index.get(key);
      if (list) list.push(party);
      else index.set(key, [party]);
    }
  }
  return index;
}

function attributeLinks(start: GraphParty, index: Map<string, GraphParty[]>): Link[] {
  const links: Link[] = [];
  for (const { attribute, label } of ATTRIBUTE_LINKS) {
    const value = start[attribute];
    if (value === null) continue;
    for (const party of index.get(`${attribute}:${value}`) ?? []) {
      if (party.id !== start.id) links.push({ to: party.id, label });
    }
  }
  return links.sort(byTargetThenLabel);
}

/** The graph prepared once for many searches: parties by id, links by party, identifiers by value. */
interface IndexedGraph {
  parties: Map<string, GraphParty>;
  linksFrom: Map<string, Link[]>;
  byAttribute: Map<string, GraphParty[]>;
}

function isInsider(parties: Map<string, GraphParty>, partyId: string): boolean {
  return (parties.get(partyId)?.insiderRole ?? null) !== null;
}

function stateKey(route: Route, partyId: string): string {
  return `${route}:${partyId}`;
}

function byDistanceThenParty(a: Visit, b: Visit): number {
  return a.distance - b.distance || compareStrings(a.partyId, b.partyId) || compareStrings(a.route, b.route);
}

function comparePaths(a: RelatedPartyPath, b: RelatedPartyPath): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i += 1) {
    if (a[i] !== b[i]) return compareStrings(a[i], b[i]);
  }
  return 0;
}

/**
 * Every shortest way from the start party to every party within reach, kept
 * per route. Never walks on past an insider, nor back to the start.
 */
function searchFrom(start: GraphParty, graph: IndexedGraph, maxHops: number): Map<string, Visit> {
  const { parties, linksFrom } = graph;
  const startKey = stateKey('RELATIONS', start.id);
  const visits = new Map<string, Visit>([[startKey, { partyId: start.id, route: 'RELATIONS', distance: 0, arrivals: [] }]]);

  let frontier = [startKey];
  for (let distance = 1; distance <= maxHops + 1 && frontier.length > 0; distance += 1) {
    const reached: string[] = [];
    const arrive = (from: string, route: Route, link: Link) => {
      const relationHops = route === 'RELATIONS' ? distance : distance - 1;
      if (relationHops > maxHops || link.to === start.id) return;
      const key = stateKey(route, link.to);
      const visit = visits.get(key);
      if (!visit) {
        visits.set(key, { partyId: link.to, route, distance, arrivals: [{ from, label: link.label }] });
        reached.push(key);
      } else if (visit.distance === distance) {
        visit.arrivals.push({ from, label: link.label });
      }
    };
    for (const key of frontier) {
      const visit = visits.get(key)!;
      if (key === startKey) {
        for (const link of attributeLinks(start, graph.byAttribute)) arrive(key, 'ATTRIBUTE_FIRST', link);
      }
      for (const link of linksFrom.get(visit.partyId) ?? []) arrive(key, visit.route, link);
    }
    frontier = reached.filter((key) => !isInsider(parties, visits.get(key)!.partyId));
  }
  return visits;
}

/** The visits that reach an insider by the fewest links, nearest insiders first. */
function nearestInsiderVisits(visits: Map<string, Visit>, parties: Map<string, GraphParty>): Visit[] {
  const nearest = new Map<string, Visit[]>();
  for (const visit of visits.values()) {
    if (!isInsider(parties, visit.partyId)) continue;
    const known = nearest.get(visit.partyId);
    if (!known || known[0].distance > visit.distance) nearest.set(visit.partyId, [visit]);
    else if (known[0].distance === visit.distance) known.push(visit);
  }
  return [...nearest.values()].flat().sort(byDistanceThenParty);
}

/**
 * Prepares the graph once and answers for any party in it: breadth-first from
 * the party, so every path found is a shortest one to its insider; a path ends
 * at the first insider it meets, never visits a party twice, and the answer
 * does not depend on the order of the input.
 */
export function relatedPartyFinder(graph: PartyGraph): (startId: string, maxHops: number, maxPaths?: number) => RelatedPartyFinding {
  const indexed: IndexedGraph = {
    parties: new Map(graph.parties.map((party) => [party.id, party])),
    linksFrom: relationLinks(graph.relations),
    byAttribute: attributeIndex(graph.parties),
  };
  return (startId, maxHops, maxPaths = MAX_RELATED_PARTY_PATHS) => {
    if (!Number.isInteger(maxHops) || maxHops < 0) throw new RangeError(`maxHops must be a whole number ≥ 0, got ${maxHops}`);
    const { parties } = indexed;
    const start = parties.get(startId);
    if (!start) return { isRelated: false, paths: [] };
    if (start.insiderRole !== null) return { isRelated: true, paths: [[startId]] };

    const visits = searchFrom(start, indexed, maxHops);
    function* pathsTo(visit: Visit): Generator<RelatedPartyPath> {
      if (visit.distance === 0) {
        yield [startId];
        return;
      }
      for (const arrival of visit.arrivals) {
        for (const prefix of pathsTo(visits.get(arrival.from)!)) yield [...prefix, arrival.label, visit.partyId];
      }
    }

    const ends = nearestInsiderVisits(visits, parties);
    const paths: RelatedPartyPath[] = [];
    collect: for (const end of ends) {
      for (const path of pathsTo(end)) {
        if (paths.length === maxPaths) break collect;
        paths.push(path);
      }
    }
    return { isRelated: ends.length > 0, paths: paths.sort(comparePaths) };
  };
}

/** One party's finding (see relatedPartyFinder). */
export function findRelatedPartyPaths(
  startId: string,
  graph: PartyGraph,
  maxHops: number,
  maxPaths: number = MAX_RELATED_PARTY_PATHS,
): RelatedPartyFinding {
  return relatedPartyFinder(graph)(startId, maxHops, maxPaths);
}
