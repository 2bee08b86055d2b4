import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SYSTEM_ACTOR } from '../common/auth/role';
import { AppConfig } from '../config/app-config';
import { UsersService } from './users.service';

/** Makes sure an admin can log in: ADMIN_TOKEN, or a token made and printed once. */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('AdminBootstrap');

  constructor(
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const generated = await this.users.ensureAdmin(SYSTEM_ACTOR, this.config.ADMIN_TOKEN);
    if (generated) {
      this.logger.warn('no ADMIN_TOKEN set: generated the first admin token (shown once, only its hash is stored)');
      process.stdout.write(`\n  Admin token (shown once): ${generated}\n\n`);
    }
  }
}
