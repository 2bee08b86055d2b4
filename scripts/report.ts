// First: every TypeScript file required after it is transpiled once, then taken from the cache.
import './cli/register';
import { runCli } from './cli/common';
import { runReportCommand } from './cli/report-command';

runCli('report', () => runReportCommand(process.argv.slice(2)));
