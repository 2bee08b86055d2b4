import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { mapRead, Read, runRead } from '../database/read';
import { PartiesRepository, PartyName } from './parties.repository';
import { RelatedPartyFinding, relatedPartyFinder } from './related-party-graph';

/** Each party's finding, and the parties its neighbourhood holds by name (every party on a path is among them). */
export interface RelatedPartyFindings {
  findings: Map<string, RelatedPartyFinding>;
  named: Map<string, PartyName>;
}

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
    const read = this.findingsRead(partyIds, maxHops);
    return (tx ? await runRead(tx, read) : await this.parties.run(read)).findings;
  }

  /** `findingsFor` as a read, to be sent with others (`together`), with the parties of the neighbourhood named. */
  findingsRead(partyIds: readonly string[], maxHops: number): Read<RelatedPartyFindings> {
    const ids = [...new Set(partyIds)];
    return mapRead(this.parties.neighbourhoodRead(ids, maxHops), (graph) => {
      const findingOf = relatedPartyFinder(graph);
      return {
        findings: new Map(ids.map((id) => [id, findingOf(id, maxHops)])),
        named: new Map(graph.parties.map((party) => [party.id, { id: party.id, name: party.name ?? party.id, insiderRole: party.insiderRole }])),
      };
    });
  }
}
