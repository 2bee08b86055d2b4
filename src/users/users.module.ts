import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TokenAuthenticator } from '../common/auth/auth.guard';
import { AdminBootstrap } from './admin-bootstrap';
import { UserEntity } from './user.entity';
import { MeController } from './me.controller';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity])],
  controllers: [UsersController, MeController],
  providers: [UsersRepository, UsersService, AdminBootstrap, { provide: TokenAuthenticator, useExisting: UsersService }],
  exports: [TokenAuthenticator],
})
export class UsersModule {}
