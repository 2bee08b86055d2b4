import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { Page } from '../common/validation/pagination.dto';
import { InWrite, ManagedRepository, PG_UNIQUE_VIOLATION, pgErrorCode } from '../database/managed-repository';
import { PartyRelationEntity } from './party-relation.entity';
import { PartyEntity } from './party.entity';
import { query, known, Read } from '../database/read';
import { PartyGraph } from './related-party-graph';

/** A party as a finding names it. */
export interface PartyName {
  id: string;
  name: string;
  insiderRole: string | null;
}

/** Filters on the party list; the identifiers are already normalised (null matches nothing). */
export interface PartyFilter {
  name?: string;
  insider?: boolean;
  idNumberNorm?: string | null;
  phoneNorm?: string | null;
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/**
 * The neighbourhood the related-party search needs, and nothing more: the
 * start parties, the parties sharing one of their normalised identifiers, and
 * every party within `maxHops` relations (either direction) of those, not
 * walking on past an insider. Returned as one JSON document so that parties and
 * relations come from one snapshot.
 */
const NEIGHBOURHOOD_SQL = `
  WITH RECURSIVE
    start AS (
      SELECT id, id_number_norm, phone_norm, bank_account_norm FROM parties WHERE id = ANY($1::uuid[])
    ),
    seed AS (
      SELECT id FROM start
      UNION SELECT p.id FROM start s JOIN parties p ON p.id_number_norm = s.id_number_norm AND p.id_number_norm IS NOT NULL
      UNION SELECT p.id FROM start s JOIN parties p ON p.phone_norm = s.phone_norm AND p.phone_norm IS NOT NULL
      UNION SELECT p.id FROM start s JOIN parties p ON p.bank_account_norm = s.bank_account_norm AND p.bank_account_norm IS NOT NULL
    ),
    reach (id, hops, insider) AS (
      SELECT p.id, 0, p.insider_role IS NOT NULL FROM seed JOIN parties p ON p.id = seed.id
      UNION
      SELECT p.id, reach.hops + 1, p.insider_role IS NOT NULL
      FROM reach
      CROSS JOIN LATERAL (
        SELECT related_party_id AS id FROM party_relations WHERE party_id = reach.id
        UNION ALL
        SELECT party_id AS id FROM party_relations WHERE related_party_id = reach.id
      ) neighbour
      JOIN parties p ON p.id = neighbour.id
      WHERE reach.hops < $2 AND NOT reach.insider
    ),
    involved AS (SELECT DISTINCT id FROM reach)
  SELECT
    (SELECT coalesce(json_agg(json_build_object(
        'id', p.id,
        'name', p.name,
        'insiderRole', p.insider_role,
        'idNumberNorm', p.id_number_norm,
        'phoneNorm', p.phone_norm,
        'bankAccountNorm', p.bank_account_norm)), '[]'::json)
     FROM involved i JOIN parties p ON p.id = i.id) AS parties,
    (SELECT coalesce(json_agg(json_build_object(
        'partyId', r.party_id,
        'relatedPartyId', r.related_party_id,
        'relationship', r.relationship)), '[]'::json)
     FROM involved i JOIN party_relations r ON r.party_id = i.id
     WHERE r.related_party_id IN (SELECT id FROM involved)) AS relations`;

export interface PartySaleFlag {
  id: string;
  saleId: string;
  type: string;
  severity: string;
  status: string;
}

@Injectable()
export class PartiesRepository extends ManagedRepository {
  constructor(@InjectEntityManager() manager: EntityManager) {
    super(manager);
  }

  findById(id: string): Promise<PartyEntity | null> {
    return this.manager.findOneBy(PartyEntity, { id });
  }

  async getById(id: string): Promise<PartyEntity> {
    const party = await this.findById(id);
    if (!party) throw DomainError.notFound('party', id);
    return party;
  }

  /** The flags of every sale in which the party is a buyer or the referrer. */
  async flagsOfSalesOf(partyId: string): Promise<PartySaleFlag[]> {
    const rows: Array<{ id: string; sale_id: string; type: string; severity: string; status: string }> = await this.manager.query(
      `SELECT f.id, f.sale_id, f.type, f.severity, f.status FROM audit_flags f
       WHERE f.sale_id IN (SELECT sale_id FROM sale_buyers WHERE party_id = $1 UNION SELECT id FROM sales WHERE referrer_party_id = $1)
       ORDER BY f.raised_at, f.sale_id, f.type`,
      [partyId],
    );
    return rows.map((row) => ({ id: row.id, saleId: row.sale_id, type: row.type, severity: row.severity, status: row.status }));
  }

  /** Names and insider roles, by id; ids that name no party are absent. */
  namesOf(ids: readonly string[]): Promise<Map<string, PartyName>> {
    return this.run(this.namesRead(ids));
  }

  namesRead(ids: readonly string[]): Read<Map<string, PartyName>> {
    if (ids.length === 0) return known(new Map());
    return query('SELECT id, name, insider_role FROM parties WHERE id = ANY($1::uuid[])', [ids], (rows: Array<{ id: string; name: string; insider_role: string | null }>) =>
      new Map(rows.map((row) => [row.id, { id: row.id, name: row.name, insiderRole: row.insider_role }])));
  }

  /** The relations recorded between any two of these parties. */
  async relationsAmong(ids: readonly string[]): Promise<Array<{ partyId: string; relatedPartyId: string; relationship: string }>> {
    if (ids.length === 0) return [];
    const rows: Array<{ party_id: string; related_party_id: string; relationship: string }> = await this.manager.query(
      `SELECT party_id, related_party_id, relationship FROM party_relations
       WHERE party_id = ANY($1::uuid[]) AND related_party_id = ANY($1::uuid[]) ORDER BY party_id, related_party_id, relationship`,
      [ids],
    );
    return rows.map((row) => ({ partyId: row.party_id, relatedPartyId: row.related_party_id, relationship: row.relationship }));
  }

  insert(this: InWrite<PartiesRepository>, party: Omit<PartyEntity, 'id'>): Promise<PartyEntity> {
    return this.manager.save(PartyEntity, this.manager.create(PartyEntity, party));
  }

  async list(filter: PartyFilter, limit: number, offset: number): Promise<Page<PartyEntity>> {
    const query = this.manager.createQueryBuilder(PartyEntity, 'party');
    if (filter.name !== undefined) query.andWhere('party.name ILIKE :name', { name: likePattern(filter.name) });
    if (filter.insider !== undefined) query.andWhere(`party.insider_role IS ${filter.insider ? 'NOT NULL' : 'NULL'}`);
    if (filter.idNumberNorm !== undefined) query.andWhere('party.id_number_norm = :idNumberNorm', { idNumberNorm: filter.idNumberNorm });
    if (filter.phoneNorm !== undefined) query.andWhere('party.phone_norm = :phoneNorm', { phoneNorm: filter.phoneNorm });
    const [items, total] = await query.orderBy('party.name', 'ASC').addOrderBy('party.id', 'ASC').limit(limit).offset(offset).getManyAndCount();
    return { items, total };
  }

  async insertRelation(this: InWrite<PartiesRepository>, relation: Omit<PartyRelationEntity, 'id'>): Promise<PartyRelationEntity> {
    try {
      return await this.manager.save(PartyRelationEntity, this.manager.create(PartyRelationEntity, relation));
    } catch (error) {
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) {
        throw new DomainError(
          ErrorCode.ALREADY_EXISTS,
          `party ${relation.partyId} is already recorded as ${relation.relationship} of ${relation.relatedPartyId}`,
          [{ field: 'relationship', problem: 'already recorded between these parties' }],
        );
      }
      throw error;
    }
  }

  /** The relations of a party in either direction, oldest first. */
  async listRelations(partyId: string, limit: number, offset: number): Promise<Page<PartyRelationEntity>> {
    const [items, total] = await this.manager.findAndCount(PartyRelationEntity, {
      where: [{ partyId }, { relatedPartyId: partyId }],
      order: { createdAt: 'ASC', id: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { items, total };
  }

  /** What `findRelatedPartyPaths` needs to judge each of the given parties with `maxHops`. */
  neighbourhoodRead(partyIds: readonly string[], maxHops: number): Read<PartyGraph> {
    if (partyIds.length === 0) return known({ parties: [], relations: [] });
    return query(NEIGHBOURHOOD_SQL, [partyIds, maxHops], ([row]: PartyGraph[]) => row);
  }

  /**
   * Every party within `steps` links of these parties, a link being a
   * relation (either direction) or a shared normalised identifier: the
   * parties whose related-party finding a new relation between them can change.
   */
  async reachedFrom(partyIds: readonly string[], steps: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.manager.query(
      `WITH RECURSIVE reach (id, steps) AS (
         SELECT id, 0 FROM parties WHERE id = ANY($1::uuid[])
         UNION
         SELECT neighbour.id, reach.steps + 1
         FROM reach JOIN parties p ON p.id = reach.id
         CROSS JOIN LATERAL (
           SELECT related_party_id AS id FROM party_relations WHERE party_id = p.id
           UNION ALL SELECT party_id FROM party_relations WHERE related_party_id = p.id
           UNION ALL SELECT o.id FROM parties o WHERE p.id_number_norm IS NOT NULL AND o.id_number_norm = p.id_number_norm
           UNION ALL SELECT o.id FROM parties o WHERE p.phone_norm IS NOT NULL AND o.phone_norm = p.phone_norm
           UNION ALL SELECT o.id FROM parties o WHERE p.bank_account_norm IS NOT NULL AND o.bank_account_norm = p.bank_account_norm
         ) neighbour
         WHERE reach.steps < $2
       )
       SELECT DISTINCT id FROM reach`,
      [partyIds, steps],
    );
    return rows.map((row) => row.id);
  }

  /** Many parties in one statement (imports); returns their ids in order. */
  async insertMany(this: InWrite<PartiesRepository>, parties: Array<Omit<PartyEntity, 'id'>>): Promise<string[]> {
    if (parties.length === 0) return [];
    const column = <K extends keyof Omit<PartyEntity, 'id'>>(key: K) => parties.map((party) => party[key]);
    const rows: Array<{ id: string }> = await this.manager.query(
      `INSERT INTO parties (kind, name, id_number, id_number_norm, phone, phone_norm, address, bank_account, bank_account_norm, insider_role, created_at)
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[], $7::varchar[],
                            $8::varchar[], $9::varchar[], $10::varchar[], $11::timestamptz[])
       RETURNING id`,
      [
        column('kind'), column('name'), column('idNumber'), column('idNumberNorm'), column('phone'), column('phoneNorm'),
        column('address'), column('bankAccount'), column('bankAccountNorm'), column('insiderRole'), column('createdAt'),
      ],
    );
    return rows.map((row) => row.id);
  }

  /** The party holding each normalised id number (the earliest registered, where several do). */
  async byIdNumbers(norms: readonly string[]): Promise<Map<string, string>> {
    if (norms.length === 0) return new Map();
    const rows: Array<{ id_number_norm: string; id: string }> = await this.manager.query(
      `SELECT DISTINCT ON (id_number_norm) id_number_norm, id FROM parties
       WHERE id_number_norm = ANY($1::varchar[]) ORDER BY id_number_norm, created_at, id`,
      [norms],
    );
    return new Map(rows.map((row) => [row.id_number_norm, row.id]));
  }
}
