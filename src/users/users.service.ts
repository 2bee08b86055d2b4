import { Injectable } from '@nestjs/common';
import { Actor, Role } from '../common/auth/role';
import { TokenAuthenticator } from '../common/auth/auth.guard';
import { generateToken, hashToken } from '../common/auth/token';
import { Clock } from '../common/time/clock';
import { Page } from '../common/validation/pagination.dto';
import { auditEntry, WriteRunner, written } from '../database/write-runner';
import { CreateUserDto, CreatedUserView, UserView } from './dto/create-user.dto';
import { UserEntity } from './user.entity';
import { UsersRepository } from './users.repository';

function toView(user: UserEntity): UserView {
  return { id: user.id, name: user.name, role: user.role, createdAt: user.createdAt.toISOString() };
}

/** How long a token, once looked up, is taken without asking the database again. */
const TOKEN_CACHE_MS = 60_000;
const TOKEN_CACHE_SIZE = 10_000;

@Injectable()
export class UsersService extends TokenAuthenticator {
  /**
   * Known tokens, by hash. A user's name and role never change and no token is
   * revoked, so a cached answer is never stale; a revocation route would have to
   * drop its entry here.
   */
  private readonly known = new Map<string, { actor: Actor; until: number }>();

  constructor(
    private readonly users: UsersRepository,
    private readonly writes: WriteRunner,
    private readonly clock: Clock,
  ) {
    super();
  }

  async authenticate(token: string): Promise<Actor | null> {
    const tokenHash = hashToken(token);
    const now = this.clock.now().getTime();
    const cached = this.known.get(tokenHash);
    if (cached && cached.until > now) return cached.actor;
    const user = await this.users.findByTokenHash(tokenHash);
    if (!user) return null;
    const actor = { id: user.id, name: user.name, role: user.role };
    if (this.known.size >= TOKEN_CACHE_SIZE) this.known.clear();
    this.known.set(tokenHash, { actor, until: now + TOKEN_CACHE_MS });
    return actor;
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
      return written(user, auditEntry('user.created', 'user', user.id, { name, role }));
    });
  }
}
