import { Injectable } from '@nestjs/common';
import { Actor } from '../common/auth/role';
import { DomainError } from '../common/errors/domain-error';
import { Page } from '../common/validation/pagination.dto';
import { auditEntry, WriteRunner, WriteTransaction, written, Written } from '../database/write-runner';
import { DEFAULT_SETTINGS } from '../projects/project-settings';
import { ProjectsRepository } from '../projects/projects.repository';
import { CreatePartyRelationDto, PartyRelationView } from './dto/party-relation.dto';
import { CreatePartyDto, PartiesQuery, PartyView } from './dto/party.dto';
import { normaliseIdentifier, normalisePhone } from './normalise';
import { PartiesRepository } from './parties.repository';
import { PartyRelationEntity } from './party-relation.entity';
import { PartyEntity } from './party.entity';
import { RelatedPartyFinding } from './related-party-graph';
import { RelatedPartyService } from './related-party.service';
import { ReadReplica, ReadScope } from '../database/read-replica';

/** What was recorded about a party; the view adds the related-party finding, which changes as the register grows. */
function toPartyRecord(party: PartyEntity): Omit<PartyView, 'relatedParty'> {
  return {
    id: party.id,
    kind: party.kind,
    name: party.name,
    idNumber: party.idNumber,
    phone: party.phone,
    address: party.address,
    bankAccount: party.bankAccount,
    insiderRole: party.insiderRole,
    createdAt: party.createdAt.toISOString(),
  };
}

export function toPartyView(party: PartyEntity, relatedParty: RelatedPartyFinding): PartyView {
  return { ...toPartyRecord(party), relatedParty };
}

export function toPartyRelationView(relation: PartyRelationEntity): PartyRelationView {
  return {
    id: relation.id,
    partyId: relation.partyId,
    relatedPartyId: relation.relatedPartyId,
    relationship: relation.relationship,
    note: relation.note,
    createdAt: relation.createdAt.toISOString(),
  };
}

@Injectable()
export class PartiesService {
  constructor(
    private readonly parties: PartiesRepository,
    private readonly projects: ProjectsRepository,
    private readonly relatedParties: RelatedPartyService,
    private readonly writes: WriteRunner,
    private readonly replica: ReadReplica,
  ) {}

  create(actor: Actor, dto: CreatePartyDto): Promise<PartyView> {
    return this.writes.run(actor, async (tx) => {
      const party = await this.parties.within(tx).insert({
        kind: dto.kind,
        name: dto.name,
        idNumber: dto.idNumber ?? null,
        idNumberNorm: normaliseIdentifier(dto.idNumber),
        phone: dto.phone ?? null,
        phoneNorm: normalisePhone(dto.phone),
        address: dto.address ?? null,
        bankAccount: dto.bankAccount ?? null,
        bankAccountNorm: normaliseIdentifier(dto.bankAccount),
        insiderRole: dto.insiderRole ?? null,
        createdAt: tx.clock.now(),
      });
      const created = auditEntry('party.created', 'party', party.id, toPartyRecord(party));
      const finding = await this.relatedParties.findingFor(party.id, DEFAULT_SETTINGS.relatedPartyMaxHops, tx);
      return written(toPartyView(party, finding), created);
    });
  }

  /** From the read replica when there is one, the related-party findings too: a party or relation made a moment ago may not show yet. */
  async list(query: PartiesQuery): Promise<Page<PartyView>> {
    return this.replica.run(async (scope) => {
      const page = await this.parties.within(scope).list(
        {
          name: query.name,
          insider: query.insider,
          idNumberNorm: query.idNumber === undefined ? undefined : normaliseIdentifier(query.idNumber),
          phoneNorm: query.phone === undefined ? undefined : normalisePhone(query.phone),
        },
        query.limit,
        query.offset,
      );
      const maxHops = await this.maxHopsFor(query.projectId, scope);
      const findings = await this.relatedParties.findingsFor(page.items.map((party) => party.id), maxHops, scope);
      return { items: page.items.map((party) => toPartyView(party, findings.get(party.id)!)), total: page.total };
    });
  }

  async get(id: string, projectId?: string): Promise<PartyView> {
    const party = await this.parties.getById(id);
    const finding = await this.relatedParties.findingFor(id, await this.maxHopsFor(projectId));
    return { ...toPartyView(party, finding), flags: await this.parties.flagsOfSalesOf(id) };
  }

  /** Records a relation within a write; the sales it makes related are re-evaluated by the caller, in the same write. */
  async relateWithin(tx: WriteTransaction, partyId: string, dto: CreatePartyRelationDto): Promise<Written<PartyRelationView>> {
    if (dto.relatedPartyId === partyId) throw DomainError.invalid('relatedPartyId', 'must be another party than the one related');
    const parties = this.parties.within(tx);
    await parties.getById(partyId);
    if (!(await parties.findById(dto.relatedPartyId))) throw DomainError.unknownReference('relatedPartyId', dto.relatedPartyId, 'party');
    const relation = await parties.insertRelation({
      partyId,
      relatedPartyId: dto.relatedPartyId,
      relationship: dto.relationship,
      note: dto.note ?? null,
      createdAt: tx.clock.now(),
    });
    const view = toPartyRelationView(relation);
    return written(view, auditEntry('party.related', 'party', partyId, view));
  }

  async listRelations(partyId: string, limit: number, offset: number): Promise<Page<PartyRelationView>> {
    await this.parties.getById(partyId);
    const page = await this.parties.listRelations(partyId, limit, offset);
    return { items: page.items.map(toPartyRelationView), total: page.total };
  }

  /** A project's `relatedPartyMaxHops` decides how far the search goes; without one, the default. Read in `scope` when given. */
  private async maxHopsFor(projectId: string | undefined, scope?: ReadScope): Promise<number> {
    if (projectId === undefined) return DEFAULT_SETTINGS.relatedPartyMaxHops;
    return (await (scope ? this.projects.within(scope) : this.projects).settingsOf(projectId)).relatedPartyMaxHops;
  }
}
