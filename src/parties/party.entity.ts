import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { PartyKind } from './party-vocabulary';

/** A buyer, referrer or insider. The `*Norm` columns hold the forms the related-party search matches on. */
@Entity('parties')
@Index('parties_id_number_idx', ['idNumberNorm'], { where: '(id_number_norm IS NOT NULL)' })
@Index('parties_phone_idx', ['phoneNorm'], { where: '(phone_norm IS NOT NULL)' })
@Index('parties_bank_account_idx', ['bankAccountNorm'], { where: '(bank_account_norm IS NOT NULL)' })
@Index('parties_insider_idx', ['id'], { where: '(insider_role IS NOT NULL)' })
@Check('parties_kind_check', "((kind)::text = ANY ((ARRAY['PERSON'::character varying, 'COMPANY'::character varying])::text[]))")
@Check('parties_name_check', "(btrim((name)::text) <> ''::text)")
export class PartyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16 })
  kind: PartyKind;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'id_number', type: 'varchar', length: 64, nullable: true })
  idNumber: string | null;

  @Column({ name: 'id_number_norm', type: 'varchar', length: 64, nullable: true })
  idNumberNorm: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  phone: string | null;

  @Column({ name: 'phone_norm', type: 'varchar', length: 40, nullable: true })
  phoneNorm: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  address: string | null;

  @Column({ name: 'bank_account', type: 'varchar', length: 64, nullable: true })
  bankAccount: string | null;

  @Column({ name: 'bank_account_norm', type: 'varchar', length: 64, nullable: true })
  bankAccountNorm: string | null;

  /** Set for an insider of the developer (CEO, DIRECTOR, EMPLOYEE, ...). */
  @Column({ name: 'insider_role', type: 'varchar', length: 40, nullable: true })
  insiderRole: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
