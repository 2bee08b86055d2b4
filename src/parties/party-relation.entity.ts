import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { PartyEntity } from './party.entity';
import { Relationship } from './party-vocabulary';

/** "Party <partyId> is <relationship> of <relatedPartyId>", e.g. the driver is PERSONAL_STAFF of the CEO. */
@Entity('party_relations')
@Unique('party_relations_pair_key', ['partyId', 'relatedPartyId', 'relationship'])
@Index('party_relations_related_idx', ['relatedPartyId'])
@Check('party_relations_relationship_check', "((relationship)::text = ANY ((ARRAY['SPOUSE'::character varying, 'FAMILY'::character varying, 'PERSONAL_STAFF'::character varying, 'EMPLOYEE'::character varying, 'BUSINESS_ASSOCIATE'::character varying, 'CONTROLS'::character varying, 'NOMINEE'::character varying, 'OTHER'::character varying])::text[]))")
@Check('party_relations_check', '(party_id <> related_party_id)')
export class PartyRelationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'party_id', type: 'uuid' })
  partyId: string;

  /** The foreign key to the party; code uses `partyId`. */
  @ManyToOne(() => PartyEntity, { createForeignKeyConstraints: true })
  @JoinColumn({ name: 'party_id', foreignKeyConstraintName: 'party_relations_party_id_fkey' })
  party?: PartyEntity;

  @Column({ name: 'related_party_id', type: 'uuid' })
  relatedPartyId: string;

  /** The foreign key to the related party; code uses `relatedPartyId`. */
  @ManyToOne(() => PartyEntity, { createForeignKeyConstraints: true })
  @JoinColumn({ name: 'related_party_id', foreignKeyConstraintName: 'party_relations_related_party_id_fkey' })
  relatedParty?: PartyEntity;

  @Column({ type: 'varchar', length: 32 })
  relationship: Relationship;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
