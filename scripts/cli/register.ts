import { installTranspileCache } from './transpile-cache';

// Imported first by the command-line entry points: every TypeScript file required after it goes through the cache.
installTranspileCache();
