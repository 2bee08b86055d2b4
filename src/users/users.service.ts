import { Injectable } from '@nestjs/common';
import { Actor, Role } from '../common/auth/role';
import { TokenAuthenticator } from '../common/auth/auth.guard';
import { generateToken, hashToken } from '../common/auth/token';
import { Clock } from '../common/time/clock';
import { Page } from '../common/validation/pagination.dto';
import { WriteRunner } from '../database/write-runner';
import { CreateUserDto, CreatedUserView, UserView } from './dto/create-user.dto';
import { UserEntity } from './user.entity';
import { UsersRepository } from './users.repository';

function toView(user: UserEntity): UserView {
  return { id: user.id, name: user.name, role: user.role, createdAt: user.createdAt.toISOString() };
}

@Injectable()
export class UsersService extends TokenAuthenticator {
  constructor(
    private readonly users: UsersRepository,
    private readonly writes: WriteRunner,
    private readonly clock: Clock,
  ) {
    super();
  }

  async authenticate(token: string): Promise<Actor | null> {
    const user = await this.users.findByTokenHash(hashToken(token));
    return user ? { id: user.id, name: user.name, role: user.role } : null;
  }

  async create(actor: Actor, dto: CreateUserDto): Promise<CreatedUserView> {
    const token = generateToken();
    const user = await this.createWithToken(actor, dto.name, dto.role, token);
    return { ...toView(user), token };
  }

  async list(limit: number, offset: number): Promise<Page<UserView>> {
    const page = await this.users.list(limit, offset);
    return { items: page.items.map(toView), total: page.total };
  }

  /** The configured admin token is honoured; without one, the first start makes one. */
  async ensureAdmin(actor: Actor, configuredToken: string | undefined): Promise<string | null> {
    if (configuredToken) {
      if (!(await this.users.findByTokenHash(hashToken(configuredToken)))) {
        await this.createWithToken(actor, 'admin', 'admin', configuredToken);
      }
      return null;
    }
    if (await this.users.hasAdmin()) return null;
    const token = generateToken();
    await this.createWithToken(actor, 'admin', 'admin', token);
    return token;
  }

  private createWithToken(actor: Actor, name: string, role: Role, token: string): Promise<UserEntity> {
    return this.writes.run(actor, async (tx) => {
      const user = await this.users.within(tx).insert({ name, role, tokenHash: hashToken(token), createdAt: this.clock.now() });
      tx.record('user.created', 'user', user.id, { name, role });
      return user;
    });
  }
}
