import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { InWrite, ManagedRepository } from '../database/managed-repository';
import { Role } from '../common/auth/role';
import { UserEntity } from './user.entity';

@Injectable()
export class UsersRepository extends ManagedRepository {
  constructor(@InjectEntityManager() manager: EntityManager) {
    super(manager);
  }

  findByTokenHash(tokenHash: string): Promise<UserEntity | null> {
    return this.manager.findOneBy(UserEntity, { tokenHash });
  }

  async hasAdmin(): Promise<boolean> {
    return (await this.manager.countBy(UserEntity, { role: 'admin' })) > 0;
  }

  insert(this: InWrite<UsersRepository>, user: { name: string; role: Role; tokenHash: string; createdAt: Date }): Promise<UserEntity> {
    return this.manager.save(UserEntity, this.manager.create(UserEntity, user));
  }

  async list(limit: number, offset: number): Promise<{ items: UserEntity[]; total: number }> {
    const [items, total] = await this.manager.findAndCount(UserEntity, { order: { createdAt: 'ASC', id: 'ASC' }, take: limit, skip: offset });
    return { items, total };
  }
}
