import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProjectsModule } from '../projects/projects.module';
import { PartiesController } from './parties.controller';
import { PartiesRepository } from './parties.repository';
import { PartiesService } from './parties.service';
import { PartyRelationEntity } from './party-relation.entity';
import { PartyEntity } from './party.entity';
import { RelatedPartyService } from './related-party.service';

@Module({
  imports: [TypeOrmModule.forFeature([PartyEntity, PartyRelationEntity]), ProjectsModule],
  controllers: [PartiesController],
  providers: [PartiesRepository, PartiesService, RelatedPartyService],
  exports: [PartiesRepository, PartiesService, RelatedPartyService],
})
export class PartiesModule {}
