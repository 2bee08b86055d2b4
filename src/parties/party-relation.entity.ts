import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Relationship } from './party-vocabulary';

/** "Party <partyId> is <relationship> of <relatedPartyId>", e.g. the driver is PERSONAL_STAFF of the CEO. */
@Entity('party_relations')
export class PartyRelationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'party_id', type: 'uuid' })
  partyId: string;

  @Column({ name: 'related_party_id', type: 'uuid' })
  relatedPartyId: string;

  @Column({ type: 'varchar', length: 32 })
  relationship: Relationship;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
