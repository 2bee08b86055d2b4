import { Check, Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '../common/auth/role';

@Entity('users')
@Check('users_name_check', "(btrim((name)::text) <> ''::text)")
@Check('users_role_check', "((role)::text = ANY ((ARRAY['admin'::character varying, 'clerk'::character varying, 'finance'::character varying, 'auditor'::character varying])::text[]))")
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @Column({ name: 'token_hash', type: 'char', length: 64, unique: true })
  tokenHash: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
