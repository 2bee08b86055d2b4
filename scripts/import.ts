// First: every TypeScript file required after it is transpiled once, then taken from the cache.
import './cli/register';
import { runCli } from './cli/common';
import { runImportCommand } from './cli/import-command';

runCli('import', () => runImportCommand(process.argv.slice(2)));
