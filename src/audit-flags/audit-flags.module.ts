import { Module } from '@nestjs/common';
import { FlagRegister } from './flag-register';
import { FlagWriter } from './flag-writer';
import { FlagsController } from './flags.controller';
import { FlagsRepository } from './flags.repository';
import { FlagsService } from './flags.service';

/** The flag register (flags raised, refreshed, reopened and cleared by the evaluation engine) and their review by auditors. */
@Module({
  controllers: [FlagsController],
  providers: [FlagsRepository, FlagWriter, FlagRegister, FlagsService],
  exports: [FlagsRepository, FlagRegister],
})
export class AuditFlagsModule {}
