import { runCli } from './cli/common';
import { runReportCommand } from './cli/report-command';

runCli('report', () => runReportCommand(process.argv.slice(2)));
