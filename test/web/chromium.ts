import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core, as the dashboard tests use it: a fresh profile
 * each run (passed to Chromium as --user-data-dir), removed by `close`, and the flags this
 * machine's closed network needs.
 */
export async function launchChromium(): Promise<{ browser: BrowserContext; close: () => Promise<void> }> {
  if (!existsSync('/usr/bin/chromium')) throw new Error('these tests drive Debian\'s Chromium: apt-get install -y chromium');
  const profile = mkdtempSync(path.join(tmpdir(), 'charterwatch-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    browser,
    close: async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens a dashboard page of `serverUrl` and waits until it has drawn; `problems` collects every
 * console error and warning, page error, failed request and request off this server.
 */
export async function openPage(browser: BrowserContext, serverUrl: string, url: string, viewport = { width: 1280, height: 900 }): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  await page.setViewportSize(viewport);
  const problems: string[] = [];
  const origin = new URL(serverUrl).origin;
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
  page.on('request', (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) problems.push(`off-site request: ${r.url()}`); });
  await page.goto(new URL(url, serverUrl).href);
  await page.waitForSelector('main[aria-busy="false"]');
  return { page, problems };
}
