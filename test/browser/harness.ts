import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';
import { DEFAULT_NOW, TestApp, createTestApp } from '../utils/test-app';

/** Debian's Chromium (apt-get install chromium); the CI installs it when missing. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Without the background-networking flags Chromium keeps calling out, and the network here is closed. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const VIEWPORT = { width: 1280, height: 800 };

/** The key under which the console keeps the signed-in user's token, in sessionStorage. */
export const TOKEN_KEY = 'ledger.token';

/** Where screenshots go (ignored by git). */
export const RESULTS_DIR = resolve(__dirname, '../../test-results/browser');

export interface ConsoleApp {
  testApp: TestApp;
  /** http://127.0.0.1:<port>, without a trailing slash. */
  baseUrl: string;
  close(): Promise<void>;
}

/** The real application (fixed clock, a database of its own) listening on a free TCP port of 127.0.0.1. */
export async function startConsoleApp(options: { now?: string; env?: Record<string, string> } = {}): Promise<ConsoleApp> {
  const testApp = await createTestApp({ now: options.now ?? DEFAULT_NOW, env: options.env });
  try {
    await testApp.app.listen(0, '127.0.0.1');
  } catch (error) {
    await testApp.close();
    throw error;
  }
  const { port } = testApp.app.getHttpServer().address() as AddressInfo;
  return { testApp, baseUrl: `http://127.0.0.1:${port}`, close: () => testApp.close() };
}

export interface ConsoleBrowser {
  browser: Browser;
  /** A page in a fresh context (no storage shared with other pages), 1280×800, in `lang` (default en-US). */
  newPage(lang?: string): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<ConsoleBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const contexts: BrowserContext[] = [];
  return {
    browser,
    async newPage(lang = 'en-US') {
      const context = await browser.newContext({ bypassCSP: true, viewport: VIEWPORT, locale: lang, extraHTTPHeaders: { 'Accept-Language': lang } });
      contexts.push(context);
      return context.newPage();
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
    },
  };
}

/** Signs in through the console's form and waits for its navigation. */
export async function signIn(page: Page, baseUrl: string, token: string): Promise<void> {
  await page.goto(`${baseUrl}/console/`);
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation').first().waitFor({ state: 'visible' });
}

/** A full-page PNG at test-results/browser/<name>.png; its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(RESULTS_DIR, `${name}.png`);
  mkdirSync(dirname(path), { recursive: true });
  await page.screenshot({ path, fullPage: true });
  return path;
}

export interface A11yViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: Array<{ target: unknown[] }>;
}

/**
 * Runs axe-core on the page as it is; throws when any violation is serious or
 * critical (naming rule, impact, help and the first three targets of each).
 * Returns every violation, whatever its impact, for logging.
 */
export async function expectNoSeriousA11yViolations(page: Page, label: string): Promise<A11yViolation[]> {
  const path = join(dirname(require.resolve('axe-core')), 'axe.min.js');
  await page.addScriptTag({ path });
  const violations = await page.evaluate(async () => {
    // The page's globals (this project compiles without the DOM library).
    const page = globalThis as unknown as { document: unknown; axe: { run(context: unknown, options: unknown): Promise<{ violations: A11yViolation[] }> } };
    const results = await page.axe.run(page.document, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, helpUrl: v.helpUrl, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (serious.length > 0) {
    const lines = serious.map(
      (v) => `- ${v.id} (${v.impact}): ${v.help}; ${v.nodes.length} node(s): ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(', ')}`,
    );
    throw new Error(`${label}: ${serious.length} serious or critical accessibility violation(s):\n${lines.join('\n')}`);
  }
  return violations;
}

/** Runs `click` while waiting for the download it starts; the file's suggested name and bytes. */
export async function downloadOf(page: Page, click: () => Promise<void>): Promise<{ suggestedFilename: string; buffer: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const failure = await download.failure();
  if (failure) throw new Error(`download of ${download.suggestedFilename()} failed: ${failure}`);
  const path = await download.path();
  return { suggestedFilename: download.suggestedFilename(), buffer: await readFile(path) };
}
