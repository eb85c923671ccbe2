import type { Browser, Page } from 'playwright-core';

/** Opens the workbench on a folder and waits until it is interactive. */
export async function openWorkbench(browser: Browser, url: string, folder: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
  await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: 60_000 });
  return page;
}

/** Quick Open (Ctrl+P), type the file name, Enter; waits until its editor tab is active and focused. */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  // Click the file's row: Enter would take the first row, which can still be a recently opened file.
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().click();
  await page.locator(`.tab.active[aria-label^="${name}"]`).waitFor();
  // Click into the text (the editor takes input through EditContext, not a textarea, in recent versions).
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
}

/** Types like a person, a key at a time (each key is one onDidChangeTextDocument in the extension). */
export async function typeText(page: Page, text: string, delayMs = 40): Promise<void> {
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text, { delay: delayMs });
}

export async function save(page: Page): Promise<void> {
  await page.keyboard.press('Control+S');
  await page.locator('.tab.active.dirty').waitFor({ state: 'detached' });
}

/** The DevTime status bar item's accessible label ("DevTime: 3 hrs 12 mins"), or null when absent. */
export async function devtimeStatus(page: Page): Promise<string | null> {
  const item = page.locator('[aria-label^="DevTime: "]').first();
  if ((await item.count()) === 0) return null;
  return item.getAttribute('aria-label');
}

/** Polls the status bar until `accept` passes; returns the label. */
export async function waitForStatus(
  page: Page,
  accept: (label: string) => boolean,
  timeoutMs: number,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last: string | null = null;
  while (Date.now() < deadline) {
    last = await devtimeStatus(page);
    if (last !== null && accept(last)) return last;
    await page.waitForTimeout(250);
  }
  throw new Error(`status bar never matched; last: ${last}`);
}
