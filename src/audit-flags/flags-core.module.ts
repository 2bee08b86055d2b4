import { Module } from '@nestjs/common';
import { FlagWriter } from './flag-writer';
import { FlagsRepository } from './flags.repository';

/** Flag storage and the writer that raises and clears flags; used wherever rules run. */
@Module({
  providers: [FlagsRepository, FlagWriter],
  exports: [FlagsRepository, FlagWriter],
})
export class FlagsCoreModule {}
