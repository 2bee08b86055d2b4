import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * The command line runs under `ts-node --transpile-only`, which transpiles
 * every TypeScript file the service is made of (some 250) again at each run:
 * about ten seconds before anything is done. This hook, installed in place of
 * ts-node's for the files required after it, transpiles a file the way ts-node
 * does (the project's tsconfig, one file at a time) and keeps the output on
 * disk keyed by the SHA-256 of the source and the compiler options: a file is
 * transpiled again only once it changed. `LEDGER_CLI_CACHE=off` turns it off;
 * `LEDGER_CLI_CACHE=<dir>` puts it elsewhere (default: the system's temporary
 * directory).
 */
export function installTranspileCache(): void {
  const setting = process.env.LEDGER_CLI_CACHE;
  if (setting === 'off' || setting === '0') return;
  // Without ts-node (compiled JavaScript run by node) there is nothing to transpile.
  if (!require.extensions['.ts']) return;
  const ts: typeof import('typescript') = require('typescript');
  const root = resolve(__dirname, '..', '..');
  const configPath = join(root, 'tsconfig.json');
  const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, root);
  const compilerOptions: import('typescript').CompilerOptions = {
    ...parsed.options,
    sourceMap: false,
    inlineSourceMap: true,
    inlineSources: false,
    declaration: false,
    noEmit: false,
  };
  const optionsKey = createHash('sha256').update(`${ts.version}\n${JSON.stringify(compilerOptions)}`).digest('hex').slice(0, 16);
  const cacheDir = setting && setting !== 'on' ? resolve(setting) : join(tmpdir(), `ledger-cli-cache-${safeUser()}`, optionsKey);
  if (!ownDirectory(cacheDir)) return;

  const previous = require.extensions['.ts'];
  require.extensions['.ts'] = function cachedTranspile(module: NodeJS.Module, filename: string): void {
    if (filename.includes(`${join('node_modules', '')}`)) return previous(module, filename);
    const source = readFileSync(filename, 'utf8');
    const key = createHash('sha256').update(filename).update('\0').update(source).digest('hex');
    const cached = join(cacheDir, `${key}.js`);
    let output: string;
    try {
      output = readFileSync(cached, 'utf8');
    } catch {
      output = ts.transpileModule(source, { compilerOptions, fileName: filename, reportDiagnostics: false }).outputText;
      const partial = `${cached}.${process.pid}.tmp`;
      try {
        writeFileSync(partial, output);
        renameSync(partial, cached);
      } catch {
        // A cache that cannot be written only costs time.
      }
    }
    (module as NodeJS.Module & { _compile(code: string, filename: string): void })._compile(output, filename);
  };
}

/**
 * The cache holds code this process runs: it is used only in a directory of
 * this user's that nobody else may write to (in a shared /tmp, another user
 * could have made it first), or not at all.
 */
function ownDirectory(directory: string): boolean {
  try {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    for (let at = directory; ; at = dirname(at)) {
      const stat = statSync(at);
      const mine = process.getuid === undefined || stat.uid === process.getuid() || stat.uid === 0;
      const othersWrite = (stat.mode & 0o022) !== 0 && (stat.mode & 0o1000) === 0;
      if (!stat.isDirectory() || !mine || othersWrite) return false;
      if (at === tmpdir() || dirname(at) === at) return true;
    }
  } catch {
    return false;
  }
}

function safeUser(): string {
  try {
    return userInfo().username.replace(/[^A-Za-z0-9_-]/g, '_');
  } catch {
    return String(process.getuid?.() ?? 'user');
  }
}
