import { Injectable } from '@nestjs/common';
import { Actor } from '../common/auth/role';
import { WriteRunner } from '../database/write-runner';
import { EvaluationEngine } from '../evaluation/evaluation-engine';
import { CreatePartyRelationDto, PartyRelationView } from '../parties/dto/party-relation.dto';
import { PartiesRepository } from '../parties/parties.repository';
import { PartiesService } from '../parties/parties.service';
import { ProjectsRepository } from '../projects/projects.repository';
import { SalesRepository } from '../sales/sales.repository';

/**
 * Recording a relation (docs/api-guide.md, Parties and relations): in the same write, every sale whose
 * buyers or referrer the relation can bring within reach of an insider is
 * judged again, so the sale view and the flags never disagree about whether
 * a sale is related.
 */
@Injectable()
export class PartyRelationsService {
  constructor(
    private readonly writes: WriteRunner,
    private readonly partiesService: PartiesService,
    private readonly parties: PartiesRepository,
    private readonly projects: ProjectsRepository,
    private readonly sales: SalesRepository,
    private readonly engine: EvaluationEngine,
  ) {}

  relate(actor: Actor, partyId: string, dto: CreatePartyRelationDto): Promise<PartyRelationView> {
    return this.writes.run(actor, async (tx) => {
      const view = await this.partiesService.relateWithin(tx, partyId, dto);
      // A path from a buyer may start with one shared identifier before its relations: one step more than the reach.
      const steps = (await this.projects.within(tx).longestRelatedPartyReach()) + 1;
      const touched = await this.parties.within(tx).reachedFrom([partyId, dto.relatedPartyId], steps);
      await this.engine.judgeLive(tx, await this.sales.within(tx).idsOfSalesOf(touched));
      return view;
    });
  }
}
