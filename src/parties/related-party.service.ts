import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PartiesRepository } from './parties.repository';
import { RelatedPartyFinding, relatedPartyFinder } from './related-party-graph';

/**
 * Related parties (docs/api-guide.md, Parties and relations) for the rest of the service: whether parties are related to the
 * developer, and the paths that say why. Pass the write transaction when the
 * parties were written in it and are not committed yet.
 */
@Injectable()
export class RelatedPartyService {
  constructor(private readonly parties: PartiesRepository) {}

  async findingFor(partyId: string, maxHops: number, tx?: { manager: EntityManager }): Promise<RelatedPartyFinding> {
    return (await this.findingsFor([partyId], maxHops, tx)).get(partyId)!;
  }

  /** One neighbourhood query for all the parties (a sale's buyers and referrer); a party id that names no party is not related. */
  async findingsFor(
    partyIds: readonly string[],
    maxHops: number,
    tx?: { manager: EntityManager },
  ): Promise<Map<string, RelatedPartyFinding>> {
    const ids = [...new Set(partyIds)];
    const parties = tx ? this.parties.within(tx) : this.parties;
    const graph = await parties.loadNeighbourhood(ids, maxHops);
    const findingOf = relatedPartyFinder(graph);
    return new Map(ids.map((id) => [id, findingOf(id, maxHops)]));
  }
}
