import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { OVERVIEW_READY_MARK } from '../../../apps/dashboard/src/pages/overview-ready-mark.ts';

/** A context logged in through the dashboard's own login endpoint (cookie), like a person would be. */
export async function loggedInContext(context: BrowserContext, url: string, key: string): Promise<void> {
  const response = await context.request.post(`${url}/api/auth/login`, { data: { api_key: key } });
  if (!response.ok()) throw new Error(`login failed: ${response.status()} ${await response.text()}`);
}

export interface OverviewLoad {
  /** Navigation start → the overview's numbers rendered (the performance mark). */
  interactiveMs: number;
  /** Every script the page loaded, with raw and gzip sizes (gzip level 6, what servers use). */
  scripts: Array<{ url: string; bytes: number; gzipBytes: number }>;
}

/** Opens the overview on a fresh page and measures it. */
export async function loadOverview(page: Page, url: string, range: string): Promise<OverviewLoad> {
  const scripts: OverviewLoad['scripts'] = [];
  const pending: Promise<void>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    pending.push(
      response.body().then((body) => {
        scripts.push({
          url: response.url(),
          bytes: body.length,
          gzipBytes: gzipSync(body, { level: 6 }).length,
        });
      }),
    );
  });
  await page.goto(`${url}/?range=${range}`);
  await page.waitForSelector(`[data-page="overview"][data-shown-range="range=${range}"]`, {
    timeout: 30_000,
  });
  const interactiveMs = await page.evaluate<number, string>(
    (mark) => performance.getEntriesByName(mark)[0]?.startTime ?? Number.NaN,
    OVERVIEW_READY_MARK,
  );
  await Promise.all(pending);
  return { interactiveMs, scripts };
}

/**
 * Clicks a range button inside the page and waits until the overview shows that range's numbers and the
 * browser has painted a frame: the latency a person sees, without the test driver's round trips.
 */
export interface RangeSwitch {
  /**
   * Click → numbers shown, effects run (the chart is rebuilt in one: Preact runs effects after a frame and
   * a task) and the next frame painted: what a person sees settle.
   */
  totalMs: number;
  /** Click → the overview's DOM holds the new numbers (before the frame is painted). */
  shownMs: number;
  /** The slowest API request the switch made (resource timing): the server and network share. */
  slowestRequestMs: number;
  slowestRequest: string;
}

export function switchRange(page: Page, range: string): Promise<RangeSwitch> {
  // Source text, not a function: it runs in the page, and this package is typed without DOM globals.
  return page.evaluate<RangeSwitch>(`new Promise((resolve, reject) => {
    const target = ${JSON.stringify(range)};
    const overview = document.querySelector('[data-page="overview"]');
    const button = document.querySelector('button[data-range="' + target + '"]');
    if (!overview || !button) return reject(new Error('no overview or no button for ' + target));
    const started = performance.now();
    const observer = new MutationObserver(() => {
      if (overview.getAttribute('data-shown-range') !== 'range=' + target) return;
      observer.disconnect();
      const shownMs = performance.now() - started;
      requestAnimationFrame(() => setTimeout(() => requestAnimationFrame(() => {
        const totalMs = performance.now() - started;
        const requests = performance
          .getEntriesByType('resource')
          .filter((entry) => entry.startTime >= started && entry.name.includes('/api/'))
          .sort((a, b) => b.duration - a.duration);
        resolve({
          totalMs,
          shownMs,
          slowestRequestMs: requests[0] ? requests[0].duration : 0,
          slowestRequest: requests[0] ? new URL(requests[0].name).pathname + new URL(requests[0].name).search : '',
        });
      })));
    });
    observer.observe(overview, { attributes: true, attributeFilter: ['data-shown-range'] });
    button.click();
    setTimeout(() => reject(new Error('range ' + target + ' never shown')), 30000);
  })`);
}
