import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdfText } from '../utils/pdf-text';
import { readmeBashBlock } from '../utils/readme-blocks';
import { ADMIN_TOKEN, TestApp, createTestApp } from '../utils/test-app';

/**
 * The README's walk through with curl, run as written against the real
 * application on a fresh database: it must run to its end, make everything it
 * uses, and stop loudly at the first step that fails.
 */

const WALKTHROUGH_HEADING = 'A walk through with curl';

interface BashRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runBash(script: string, env: Record<string, string>, cwd: string): Promise<BashRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-euo', 'pipefail', '-c', script], {
      cwd,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, LANG: 'C.UTF-8', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the README walk through with curl', () => {
  const script = readmeBashBlock(readFileSync(join(__dirname, '../../README.md'), 'utf8'), WALKTHROUGH_HEADING);
  let t: TestApp;
  let api: string;
  let cwd: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    api = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });

  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'readme-walkthrough-'));
  });

  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  afterAll(async () => {
    await t?.close();
  });

  it('starts by stopping at the first failure, and takes only API and ADMIN', () => {
    expect(script.split('\n')[0]).toBe('set -euo pipefail');
    expect(script).not.toMatch(/node -pe/);
    const commands = script.split('\n').filter((line) => !/^\s*#/.test(line)).join('\n');
    const calls = [...commands.matchAll(/(?:^|[{;(|&])\s*(curl\s[^\n]*)/gm)].map((match) => match[1]);
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect(call).toMatch(/^curl -fsS /);
  });

  it('stops at the first failing step with curl\'s error, not with "undefined"', async () => {
    const run = await runBash(script, { API: api, ADMIN: 'not-the-admin-token-0123456789' }, cwd);

    expect(run.code).not.toBe(0);
    if (process.env.SHOW_WALKTHROUGH) process.stdout.write(run.stderr);
    expect(run.stderr).toMatch(/curl: \(22\) The requested URL returned error: 401/);
    expect(run.stderr.match(/curl: \(22\)/g)).toHaveLength(1);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/undefined/);
    const users = await t.admin.get('/api/users').expect(200);
    expect(users.body.items.map((user: { name: string }) => user.name)).not.toContain('Wang Fang');
  });

  it('runs to its end on a fresh database, making everything it uses', async () => {
    const run = await runBash(script, { API: api, ADMIN: ADMIN_TOKEN }, cwd);

    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout).not.toMatch(/undefined/);
    if (process.env.SHOW_WALKTHROUGH) process.stdout.write(run.stdout);

    const projects = await t.admin.get('/api/projects').expect(200);
    const project = projects.body.items.find((candidate: { code: string }) => candidate.code === 'BAY-1');
    expect(project).toMatchObject({ name: 'Bayview Garden', currency: 'CNY', timeZone: 'Asia/Shanghai' });

    const drivers = await t.admin.get('/api/parties?name=Zhang%20San').expect(200);
    expect(drivers.body.total).toBe(1);
    const driver = await t.admin.get(`/api/parties/${drivers.body.items[0].id}`).expect(200);
    expect(driver.body.relatedParty.isRelated).toBe(true);
    expect(driver.body.relatedParty.paths[0][1]).toBe('PERSONAL_STAFF');

    const sales = await t.admin.get(`/api/sales?buyerPartyId=${driver.body.id}`).expect(200);
    expect(sales.body.total).toBe(1);
    const sale = sales.body.items[0];
    expect(sale).toMatchObject({ netPrice: '3000000.00', contractDate: '2026-03-02', paid: '0.00', outstanding: '3000000.00' });

    const flags = await t.admin.get(`/api/audit-flags?saleId=${sale.id}&limit=100`).expect(200);
    const byType = Object.fromEntries(flags.body.items.map((flag: { type: string }) => [flag.type, flag]));
    expect(Object.keys(byType).sort()).toEqual(
      ['AT_OR_BELOW_COST', 'BELOW_MARKET', 'EXCESS_DISCOUNT', 'MISSING_DEPOSIT', 'RELATED_PARTY_SALE', 'UNPAID_POSSESSION'],
    );
    for (const type of ['AT_OR_BELOW_COST', 'BELOW_MARKET', 'EXCESS_DISCOUNT', 'MISSING_DEPOSIT', 'UNPAID_POSSESSION']) {
      expect(byType[type].severity).toBe('HIGH');
    }
    expect(byType.MISSING_DEPOSIT.status).toBe('CONFIRMED');

    const neighbours = await t.admin.get(`/api/sales?projectId=${project.id}&flagged=false`).expect(200);
    expect(neighbours.body.items.map((other: { paid: string }) => other.paid)).toEqual(['412250.00']);

    const reports = await t.admin.get(`/api/projects/${project.id}/liquidation-reports`).expect(200);
    expect(reports.body.total).toBe(1);
    expect(reports.body.items[0].asOf).toBe('2026-06-30');

    const pdf = readFileSync(join(cwd, 'report-zh.pdf'));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await pdfText(pdf)).text).toContain('Zhang San');

    const verification = await t.admin.get('/api/audit-log/verify').expect(200);
    expect(verification.body.ok).toBe(true);
  });
});
