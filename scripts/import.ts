import { runCli } from './cli/common';
import { runImportCommand } from './cli/import-command';

runCli('import', () => runImportCommand(process.argv.slice(2)));
