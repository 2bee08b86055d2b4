import { Page } from 'playwright-core';
import { ConsoleWorld, seedConsoleWorld } from './fixtures';
import { ConsoleApp, ConsoleBrowser, downloadOf, expectNoSeriousA11yViolations, launchBrowser, screenshot, signIn, startConsoleApp } from './harness';

/**
 * The review console in Chromium, on the real service and PostgreSQL: the CEO's driver's case from the queue to
 * two signatures, the clerk who may only read, the time-reversed batch on its project page, the Chinese PDF.
 * Every page is photographed into test-results/browser/ and checked with axe-core.
 */
describe('the review console (browser)', () => {
  let app: ConsoleApp;
  let world: ConsoleWorld;
  let browser: ConsoleBrowser;
  let auditorA: Page;
  let auditorB: Page;
  let clerk: Page;
  let dismissedFlagId: string;

  beforeAll(async () => {
    app = await startConsoleApp();
    world = await seedConsoleWorld(app.testApp);
    browser = await launchBrowser();
    auditorA = await browser.newPage();
    auditorB = await browser.newPage();
    clerk = await browser.newPage();
    await signIn(auditorA, app.baseUrl, world.users.auditorA.token);
    await signIn(auditorB, app.baseUrl, world.users.auditorB.token);
    await signIn(clerk, app.baseUrl, world.users.clerk.token);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const open = (page: Page, path: string) => page.goto(`${app.baseUrl}/console${path}`);
  const driverRows = (page: Page) => page.locator('tbody tr', { hasText: world.driver.unitNo });
  const checked = async (page: Page, name: string) => {
    await page.locator('.loading').waitFor({ state: 'detached' });
    await expectNoSeriousA11yViolations(page, name);
    await screenshot(page, name);
  };

  it('auditor A finds the driver’s sale’s HIGH flags in the queue of its project', async () => {
    await open(auditorA, '/queue');
    await auditorA.getByLabel('Project').selectOption({ label: `${world.driver.projectCode} · Bayview Garden` });
    await auditorA.getByLabel('Severity', { exact: true }).selectOption('HIGH');
    await driverRows(auditorA).first().waitFor();
    const types = await driverRows(auditorA).locator('td:nth-child(3)').allInnerTexts();
    // The reports' words: a flag reads the same in the console and in the report.
    expect(types.sort()).toEqual(['At or below cost', 'Below market', 'Discount beyond the published ones', 'Handed over unpaid', 'No deposit within the due period']);
    expect(await auditorA.getByTestId('count-HIGH').innerText()).toContain('5');
    expect(await auditorA.getByTestId('count-MEDIUM').innerText()).toContain('1');
    await checked(auditorA, '01-queue-auditor-a');
  });

  it('the queue answers to the keyboard: j moves down, Enter opens the flag', async () => {
    await auditorA.locator('body').press('j');
    const second = await auditorA.locator('tbody tr.cursor').getAttribute('data-flag-id');
    expect(second).toBe(await auditorA.locator('tbody tr').nth(1).getAttribute('data-flag-id'));
    await auditorA.locator('body').press('Enter');
    await auditorA.waitForURL(`**/console/flags/${second}`);
  });

  it('the flag page shows the sale, the path driver — PERSONAL_STAFF — CEO, the payments and the evidence; A dismisses', async () => {
    const flag = world.driver.flags.find((f) => f.type === 'MISSING_DEPOSIT')!;
    dismissedFlagId = flag.id;
    await open(auditorA, `/flags/${flag.id}`);
    const path = auditorA.getByTestId('related-paths');
    await path.waitFor();
    expect(await path.innerText()).toBe('Zhang San — Personal staff — Li Wei (CEO)');
    const sale = auditorA.locator('section', { has: auditorA.getByRole('heading', { name: 'The sale' }) });
    expect(await sale.innerText()).toEqual(expect.stringContaining('CN¥3,000,000.00'));
    expect(await sale.innerText()).toEqual(expect.stringContaining('2026-03-20 · Occupied: Yes'));
    expect(await auditorA.getByText('No payment has been received.').count()).toBe(1);
    expect(await auditorA.getByTestId('four-eyes').innerText()).toBe('A HIGH flag is dismissed only by two different auditors');
    await checked(auditorA, '02-flag-page');

    await auditorA.getByRole('button', { name: 'Dismiss' }).click();
    expect(await auditorA.getByRole('alert').innerText()).toBe('A note is required.');
    await auditorA.getByLabel('Note').fill('Deposit waived in writing by the board, minute 2026-14.');
    await auditorA.getByRole('button', { name: 'Dismiss' }).click();
    await auditorA.getByText('Decision recorded.').waitFor();
    await auditorA.getByTestId('four-eyes').getByText('Dismissed once; awaiting a second auditor').waitFor();
    expect(await auditorA.getByTestId('four-eyes').innerText()).toContain('First dismissal by Auditor A');
    expect(await auditorA.getByTestId('review-history').innerText()).toContain('Deposit waived in writing');
  });

  it('A cannot be the second signer', async () => {
    await auditorA.getByLabel('Note').fill('Signing again.');
    await auditorA.getByRole('button', { name: 'Dismiss' }).click();
    const problem = auditorA.getByRole('alert');
    await problem.waitFor();
    expect(await problem.innerText()).toMatch(/second|another|different|same auditor/i);
    const flag = (await app.testApp.admin.get(`/api/audit-flags/${dismissedFlagId}`).expect(200)).body;
    expect(flag).toMatchObject({ status: 'OPEN', pendingDismissal: true });
    await open(auditorA, '/queue?status=OPEN&sort=-severity&awaiting=mine');
    await auditorA.locator('table[aria-busy="false"]').waitFor();
    expect(await auditorA.locator(`tr[data-flag-id="${dismissedFlagId}"]`).count()).toBe(0);
  });

  it('auditor B sees it under "awaiting my second signature", dismisses it, and it is DISMISSED', async () => {
    await open(auditorB, '/queue');
    await auditorB.getByLabel('Awaiting my second signature').check();
    const row = auditorB.locator(`tr[data-flag-id="${dismissedFlagId}"]`);
    // The queue holds that flag alone once the filtered page has come.
    await auditorB.waitForFunction((id) => {
      const rows = document.querySelectorAll('tbody tr');
      return rows.length === 1 && rows[0].getAttribute('data-flag-id') === id;
    }, dismissedFlagId);
    expect(await row.innerText()).toContain('Awaiting 2nd signature');
    await checked(auditorB, '03-awaiting-second-signature');
    await row.getByRole('link').click();
    await auditorB.getByLabel('Note').fill('Board minute 2026-14 seen; second signature.');
    await auditorB.getByRole('button', { name: 'Dismiss' }).click();
    await auditorB.getByText('Decision recorded.').waitFor();
    await auditorB.locator('h1', { hasText: 'Dismissed' }).waitFor();
    const history = await auditorB.getByTestId('review-history').innerText();
    expect(history).toContain('Auditor A');
    expect(history).toContain('Auditor B');
    const flag = (await app.testApp.admin.get(`/api/audit-flags/${dismissedFlagId}`).expect(200)).body;
    expect(flag.status).toBe('DISMISSED');
    await checked(auditorB, '04-flag-dismissed');
  });

  it('a clerk sees the flags but no decision buttons and no audit log', async () => {
    await open(clerk, `/flags/${world.driver.flags.find((f) => f.type === 'UNPAID_POSSESSION')!.id}`);
    await clerk.getByTestId('related-paths').waitFor();
    expect(await clerk.getByText('Only auditors decide on flags.').count()).toBe(1);
    for (const name of ['Confirm', 'Dismiss', 'Comment']) expect(await clerk.getByRole('button', { name }).count()).toBe(0);
    await open(clerk, `/queue?projectId=${world.driver.projectId}`);
    await driverRows(clerk).first().waitFor();
    expect(await clerk.locator('input[type="checkbox"]').count()).toBe(0);
    expect(await clerk.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
    await clerk.locator('body').press('d');
    expect(await clerk.locator('form.bulk').count()).toBe(0);
    await checked(clerk, '05-queue-clerk');
  });

  it('the time-reversal project page shows the later batch below the earlier one', async () => {
    const { earlier, later, projectId } = world.timeReversal;
    await open(auditorA, `/projects/${projectId}`);
    const table = auditorA.getByTestId('batch-averages');
    await table.waitFor();
    const net = async (batchNo: string) => (await table.locator(`tr[data-batch="${batchNo}"][data-unit-type="3BR"] [data-testid="avg-net"]`).innerText());
    expect(await net(earlier.batchNo)).toBe('CN¥38,000.00');
    expect(await net(later.batchNo)).toBe('CN¥36,500.00');
    const laterRow = await table.locator(`tr[data-batch="${later.batchNo}"][data-unit-type="3BR"]`).innerText();
    expect(laterRow).toContain(`below ${earlier.batchNo}`);
    expect(laterRow).toContain('Priced below an earlier batch');
    await auditorA.getByTestId('price-time-chart').locator('canvas').first().waitFor();
    await checked(auditorA, '06-project-time-reversal');
  });

  it('the reports page, in Chinese, generates a report and downloads its Chinese PDF', async () => {
    await open(auditorA, `/projects/${world.driver.projectId}/reports`);
    await auditorA.getByRole('button', { name: '中文' }).click();
    await auditorA.getByLabel('截至日期').fill('2026-06-30');
    await auditorA.getByRole('button', { name: '生成报告' }).click();
    await auditorA.getByText('报告已生成并冻结。').waitFor();
    const pdf = await downloadOf(auditorA, () => auditorA.getByRole('button', { name: '下载 PDF 中文 2026-06-30' }).click());
    expect(pdf.suggestedFilename).toBe('liquidation-report-BAY-1-2026-06-30-zh.pdf');
    expect(pdf.buffer.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.buffer.length).toBeGreaterThan(10_000);
    await checked(auditorA, '07-reports-zh');
  });

  it('the party page draws the driver’s relations; the audit log checks the chain (in Chinese)', async () => {
    await open(auditorA, `/parties/${world.driver.parties.driverId}`);
    await auditorA.getByTestId('related-paths').waitFor();
    expect(await auditorA.getByTestId('related-paths').innerText()).toBe('Zhang San — 私人雇员 — Li Wei (CEO)');
    await auditorA.locator('canvas').first().waitFor();
    await checked(auditorA, '08-party-zh');
    await open(auditorA, '/audit-log');
    await auditorA.getByRole('button', { name: '校验哈希链' }).click();
    const result = auditorA.getByTestId('chain-check');
    await result.waitFor();
    expect(await result.innerText()).toMatch(/^哈希链完整：已校验 \d+ 条记录。/);
    await checked(auditorA, '09-audit-log-zh');
    await auditorA.getByRole('button', { name: 'English' }).click();
  });

  it('decides on several flags at once from the keyboard (x selects, c confirms, Ctrl+Enter sends), each its own decision', async () => {
    const ids = world.timeReversal.flagIds;
    expect(ids).toHaveLength(2);
    await open(auditorB, `/queue?projectId=${world.timeReversal.projectId}&status=OPEN`);
    await auditorB.waitForFunction((count) => document.querySelectorAll('tbody tr').length === count, ids.length);
    for (const key of ['x', 'j', 'x', 'c']) await auditorB.locator('body').press(key);
    const note = auditorB.getByPlaceholder('Note');
    await note.waitFor();
    expect(await auditorB.locator('form.bulk strong').innerText()).toBe('2 selected');
    await note.fill('Second release repriced on the board’s instruction; refer to the liquidator.');
    await note.press('Control+Enter');
    await auditorB.getByText(`${ids.length} decided, 0 refused`).waitFor();
    for (const id of ids) {
      const flag = (await app.testApp.admin.get(`/api/audit-flags/${id}`).expect(200)).body;
      expect(flag.status).toBe('CONFIRMED');
      expect(flag.reviews.filter((r: { decision: string }) => r.decision === 'CONFIRM')).toHaveLength(1);
    }
  });
});
