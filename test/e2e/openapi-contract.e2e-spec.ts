import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { TestApp, createTestApp } from '../utils/test-app';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../..');
const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);

interface SpectralResult { code: string; severity: number; message: string; path: string[] }
type Operation = { responses: Record<string, { content?: Record<string, unknown> }>; description?: string; summary?: string; tags?: string[] };

/**
 * The served OpenAPI document is the contract clients are generated from: Spectral's OpenAPI rules find no error
 * and at most 10 warnings, and openapi-typescript generates a typed success answer for every operation.
 */
describe('the OpenAPI contract (e2e)', () => {
  let t: TestApp;
  let dir: string;
  let file: string;
  let document: { paths: Record<string, Record<string, Operation>>; tags: Array<{ name: string; description: string }> };

  beforeAll(async () => {
    t = await createTestApp();
    document = (await t.http().get('/api/docs-json').expect(200)).body;
    dir = mkdtempSync(join(tmpdir(), 'openapi-'));
    file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(document, null, 2));
  });
  afterAll(() => t.close());

  it('passes Spectral (spectral:oas) with no error and at most 10 warnings', async () => {
    // Spectral exits 1 when it finds errors; its JSON is on stdout either way.
    const { stdout } = await run(bin('spectral'), ['lint', '-r', join(ROOT, '.spectral.yaml'), '-f', 'json', '--quiet', file], { maxBuffer: 64 * 1024 * 1024 })
      .catch((error: { stdout: string }) => ({ stdout: error.stdout }));
    const results: SpectralResult[] = JSON.parse(stdout || '[]');
    const describe = (r: SpectralResult) => `${r.code} at ${r.path.join('.')}: ${r.message}`;
    const errors = results.filter((r) => r.severity === 0);
    const warnings = results.filter((r) => r.severity === 1);
    console.log(`Spectral: ${errors.length} errors, ${warnings.length} warnings${warnings.length ? `\n  ${warnings.map(describe).join('\n  ')}` : ''}`);
    expect(errors.map(describe)).toEqual([]);
    expect(warnings.length).toBeLessThanOrEqual(10);
  });

  it('describes every operation, tags them in a user’s order, and gives each its success and error answers', () => {
    expect(document.tags.map((tag) => tag.name).slice(0, 7)).toEqual(['projects', 'units', 'pricing', 'parties', 'sales', 'payments', 'audit-flags']);
    for (const tag of document.tags) expect(tag.description.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const name = `${method.toUpperCase()} ${path}`;
        if (!operation.summary || !operation.description) problems.push(`${name}: no summary or description`);
        const success = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
        if (!success.some(([, answer]) => answer.content)) problems.push(`${name}: no success schema`);
        const errors = Object.entries(operation.responses).filter(([status]) => /^[45]/.test(status));
        if (errors.length === 0) problems.push(`${name}: no error answers`);
        for (const [status, answer] of errors) {
          const schema = (answer.content?.['application/json'] as { schema?: { $ref?: string } } | undefined)?.schema;
          if (schema?.$ref !== '#/components/schemas/ErrorResponseView') problems.push(`${name} ${status}: not the error schema`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('generates TypeScript types with openapi-typescript: no Record<string, never>, a typed success answer for every operation', async () => {
    const out = join(dir, 'api.d.ts');
    await run(bin('openapi-typescript'), [file, '-o', out], { maxBuffer: 64 * 1024 * 1024 });
    const types = readFileSync(out, 'utf8');
    // The file-level aliases for sections the document does not use (webhooks, $defs) are the generator's own.
    const empty = types.split('\n').filter((line) => line.includes('Record<string, never>') && !/^export type (webhooks|\$defs) = /.test(line));
    expect(empty).toEqual([]);
    // Each operation's 2xx answer has content in the generated paths: count them against the document.
    const operations = Object.values(document.paths).flatMap((item) => Object.values(item));
    const typedAnswers = (types.match(/\n\s+(200|201|202): \{\n\s+headers: \{\n[^]*?\n\s+content: \{/g) ?? []).length;
    expect(typedAnswers).toBeGreaterThanOrEqual(operations.length);
    expect(types).toContain('idNumber?: string | null;');
  });
});
