import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server/serve.ts';
import type { Store } from '../../src/store/store.ts';
import { tempDb } from '../helpers.ts';

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

/** What `servedDashboard` gives a test file once its `before` has run. */
export interface ServedDashboard {
  readonly store: Store;
  readonly server: RunningServer;
  readonly browser: BrowserContext;
  /** `openPage` on this server. */
  open: (url: string, viewport?: { width: number; height: number }) => ReturnType<typeof openPage>;
}

/**
 * The dashboard of one test file: a new database that `fill` writes (given its path, returning it
 * open), served on a free port, and Chromium; set up before the file's tests and closed after them.
 */
export function servedDashboard(fill: (db: string) => Promise<Store>): ServedDashboard {
  let store: Store | undefined;
  let server: RunningServer | undefined;
  let chrome: Awaited<ReturnType<typeof launchChromium>> | undefined;
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the dashboard is used before its before() hook ran');
    return value;
  };
  before(async () => {
    store = await fill(tempDb());
    server = await startServer({ store, port: 0 });
    chrome = await launchChromium();
  });
  after(async () => {
    await chrome?.close();
    await server?.close();
    store?.close();
  });
  return {
    get store() { return ready(store); },
    get server() { return ready(server); },
    get browser() { return ready(chrome).browser; },
    open: (url, viewport) => openPage(ready(chrome).browser, ready(server).url, url, viewport),
  };
}
