/** The service in a child process: shared with the benchmark, which loads it from outside. */
export { startService } from '../../scripts/child-process';
export type { ServiceProcess } from '../../scripts/child-process';
