import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailability, launchChromium } from '../../../test-support/chromium.ts';
import { formatDuration } from '../../dashboard/src/format/format-duration.ts';
import { formatCount } from '../../dashboard/src/format/format-number.ts';
import { buildDashboard } from './dashboard/build-dashboard.ts';
import { agentSessions, editorHeartbeats, MACHINE, PROJECTS } from './dashboard/seed-activity.ts';
import { type RunningServer, startServer } from './run-cli.ts';

const SCREENSHOTS = fileURLToPath(new URL('../../../test-artifacts/dashboard/', import.meta.url));
const availability = browserAvailability();
if (!availability.run) console.warn(`dashboard browser tests skipped: ${availability.reason}`);

interface Stats {
  total_seconds: number;
  parallel_seconds: number;
  by_tool: Record<string, number>;
  by_project: Record<string, number>;
  by_language: Record<string, number>;
  agents: { totals: { total_tokens: number } };
}

// Black-box: the real `devtime serve` with the built SPA, data sent through the public API, a real Chromium.
describe.skipIf(!availability.run)('dashboard in Chromium', () => {
  let home: string;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let login: { username: string; password: string; key: string };
  /** Heartbeats the server accepted, for checking the raw export's count. */
  let acceptedHeartbeats = 0;

  const api = async <T>(path: string, init: RequestInit = {}, key = login.key): Promise<T> => {
    const response = await fetch(`${server.url}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'application/json',
        'x-machine-id': MACHINE.id,
        'x-machine-name': MACHINE.name,
        ...init.headers,
      },
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const shownRange = (range: string) =>
    page.waitForSelector(`[data-page="overview"][data-shown-range="${range}"]`);

  /** Every headline figure and breakdown row equals the API's value, and its text is that value formatted. */
  async function expectOverviewMatches(stats: Stats) {
    const total = page.getByTestId('total');
    expect(Number(await total.getAttribute('data-value'))).toBe(stats.total_seconds);
    await expect
      .poll(() => total.locator('.stat-value').textContent())
      .toBe(formatDuration(stats.total_seconds));
    const parallel = page.getByTestId('parallel');
    expect(Number(await parallel.getAttribute('data-value'))).toBe(stats.parallel_seconds);
    expect(await parallel.locator('.stat-value').textContent()).toBe(formatDuration(stats.parallel_seconds));
    expect(Number(await page.getByTestId('tokens').getAttribute('data-value'))).toBe(
      stats.agents.totals.total_tokens,
    );
    const toolRows = await page
      .locator('.tool-split li')
      .evaluateAll((items) =>
        items.map((li) => [
          li.getAttribute('data-tool'),
          Number(li.getAttribute('data-seconds')),
          li.textContent,
        ]),
      );
    expect(toolRows).toEqual(
      Object.entries(stats.by_tool).map(([tool, seconds]) => [
        tool,
        seconds,
        `${tool} ${formatDuration(seconds)}`,
      ]),
    );
    for (const [id, record] of [
      ['project', stats.by_project],
      ['language', stats.by_language],
    ] as const) {
      const rows = await page
        .locator(`[data-breakdown="${id}"] li`)
        .evaluateAll((items) =>
          items.map((li) => [li.getAttribute('data-key'), Number(li.getAttribute('data-seconds'))]),
        );
      expect(rows).toEqual(Object.entries(record).slice(0, 8));
    }
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    buildDashboard();
    home = mkdtempSync(join(tmpdir(), 'devtime-dashboard-'));
    // A zone with DST and an offset, while the browser runs in another: the dashboard must use the user's.
    server = await startServer([], { HOME: home, TZ: 'Europe/Berlin' });
    const out = server.stdout();
    login = {
      username: /username\s+(\S+)/.exec(out)?.[1] ?? '',
      password: /password\s+(\S+)/.exec(out)?.[1] ?? '',
      key: /API key\s+(waka_\S+)/.exec(out)?.[1] ?? '',
    };
    browser = await launchChromium();
    context = await browser.newContext({
      timezoneId: 'America/New_York',
      viewport: { width: 1280, height: 900 },
    });
    page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('serves the SPA with cache headers, falls back for client routes, leaves /api alone', async () => {
    const index = await fetch(`${server.url}/projects/devtime.io`);
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${server.url}${script}`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${server.url}/assets/missing-0000.js`)).status).toBe(404);
    const unknownApi = await fetch(`${server.url}/api/nothing-here`);
    expect(unknownApi.status).toBe(404);
    expect(await unknownApi.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('logs in with the first-run password and tells a new user how to connect', async () => {
    await page.goto(server.url);
    await page.keyboard.press('Tab');
    await shot('login');
    await page.getByLabel('Username').fill(login.username);
    await page.getByLabel('Password').fill(`${login.password}-wrong`);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('wrong username or password');
    await page.getByLabel('Password').fill(login.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForSelector('#connect-heading');
    expect(await page.locator('.empty-state').textContent()).toContain('devtime install');
    expect(await page.locator('.empty-state').textContent()).toContain(`${server.url}/api/heartbeat`);
    // Keyboard: the first Tab reaches the skip link, which moves focus to the content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Skip to content');
    await shot('empty-state');
  });

  it('shows seeded data: every overview figure equals GET /api/stats, across ranges', async () => {
    const now = Date.now();
    const heartbeats = editorHeartbeats(now);
    for (let i = 0; i < heartbeats.length; i += 1000) {
      const batch = await api<{ accepted: number }>('/api/heartbeat/batch', {
        method: 'POST',
        body: JSON.stringify({ heartbeats: heartbeats.slice(i, i + 1000) }),
      });
      acceptedHeartbeats += batch.accepted;
    }
    expect(acceptedHeartbeats).toBe(heartbeats.length);
    const upload = await api<{ results: Array<{ status: string }> }>('/api/agent/sessions', {
      method: 'POST',
      body: JSON.stringify({ sessions: agentSessions(now) }),
    });
    expect(upload.results.every((r) => r.status === 'created')).toBe(true);

    await page.reload();
    await shownRange('range=last_7_days');
    const week = await api<Stats>('/api/stats?range=last_7_days');
    expect(week.total_seconds).toBeGreaterThan(0);
    expect(week.parallel_seconds).toBeGreaterThan(0);
    await expectOverviewMatches(week);
    expect(await page.locator('.calendar .cell[data-date]').count()).toBeGreaterThanOrEqual(365);
    expect(await page.locator('.hour-grid td.level-4').count()).toBeGreaterThan(0);
    await shot('overview');

    for (const range of ['last_30_days', 'today', 'year'] as const) {
      await page.locator(`button[data-range="${range}"]`).click();
      await shownRange(`range=${range}`);
      await expectOverviewMatches(await api<Stats>(`/api/stats?range=${range}`));
    }
    const start = new Date(now - 5 * 86_400_000).toISOString().slice(0, 10);
    const end = new Date(now - 2 * 86_400_000).toISOString().slice(0, 10);
    await page.getByText('Custom').click();
    await page.getByLabel('From', { exact: true }).fill(start);
    await page.getByLabel('To', { exact: true }).fill(end);
    await page.getByRole('button', { name: 'Apply' }).click();
    await shownRange(`start=${start}&end=${end}`);
    await expectOverviewMatches(await api<Stats>(`/api/stats?start=${start}&end=${end}`));
  });

  it('refreshes today live when the tab becomes visible again', async () => {
    await page.locator('button[data-range="today"]').click();
    await shownRange('range=today');
    await api('/api/heartbeat', {
      method: 'POST',
      body: JSON.stringify({
        tool: 'zed',
        timestamp: Date.now() - 60_000,
        project: 'live',
        language: 'Rust',
      }),
    });
    await api('/api/heartbeat', {
      method: 'POST',
      body: JSON.stringify({ tool: 'zed', timestamp: Date.now() - 1_000, project: 'live', language: 'Rust' }),
    });
    acceptedHeartbeats += 2;
    const today = await api<Stats>('/api/stats?range=today');
    expect(today.by_tool.zed).toBeGreaterThan(0);
    await page.evaluate("document.dispatchEvent(new Event('visibilitychange'))");
    await page.waitForSelector('.tool-split li[data-tool="zed"]');
    await expectOverviewMatches(today);
  });

  it('renders in dark mode and on a phone', async () => {
    await page.locator('button[data-range="last_7_days"]').click();
    await shownRange('range=last_7_days');
    await page.getByRole('button', { name: /Change theme/ }).click(); // auto → light
    await page.getByRole('button', { name: /Change theme/ }).click(); // light → dark
    expect(await page.evaluate('document.documentElement.dataset.theme')).toBe('dark');
    await shot('overview-dark');
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${server.url}/?range=last_7_days`);
    await phone.waitForSelector('[data-page="overview"][data-shown-range]');
    await phone.screenshot({ path: join(SCREENSHOTS, 'overview-phone.png'), fullPage: true });
    // The page must not scroll sideways on a phone (wide tables scroll inside their own box); a failure
    // names what sticks out.
    const overflow = await phone.evaluate<{ pageWidth: number; offenders: string[] }>(`({
      pageWidth: document.documentElement.scrollWidth - window.innerWidth,
      offenders: [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.closest('.table-scroll'))
        .map((el) => el.tagName.toLowerCase() + '.' + [...el.classList].join('.')),
    })`);
    expect(overflow).toEqual({ pageWidth: 0, offenders: [] });
    await phone.close();
  });

  it('opens the timeline and a session in it', async () => {
    await page.getByRole('link', { name: 'Timeline', exact: true }).click();
    await page.waitForSelector('[data-page="timeline"] .lane');
    const lanes = await page
      .locator('.lane')
      .evaluateAll((items) => items.map((l) => l.getAttribute('data-lane')));
    expect(lanes).toEqual(expect.arrayContaining(['vscode', 'claude', 'codex', 'neovim']));
    const agentItem = page.locator('.lane[data-lane="claude"] .lane-item a').first();
    await agentItem.hover();
    expect(await agentItem.locator('.tooltip').isVisible()).toBe(true);
    await shot('timeline');
    await agentItem.click();
    await page.waitForSelector('[data-page="agent-session"] [data-testid="turn-count"]');
    expect(await page.getByTestId('turn-count').textContent()).toBe('3');
    await shot('agent-session');

    await page.goBack();
    const editorItem = page.locator('.lane[data-lane="vscode"] .lane-item a').first();
    await editorItem.click();
    await page.waitForSelector('[data-testid="session-total"]');
    const query = new URL(page.url()).searchParams;
    const span = await api<Stats>(
      `/api/stats?${new URLSearchParams({ start: query.get('start')!, end: query.get('end')!, tool: 'vscode', project: query.get('project')! })}`,
    );
    expect(Number(await page.getByTestId('session-total').getAttribute('data-value'))).toBe(
      span.total_seconds,
    );
  });

  it('opens a project page whose figures match the project stats', async () => {
    await page.goto(`${server.url}/projects?range=last_30_days`);
    await page.getByRole('link', { name: 'devtime.io' }).click();
    await page.waitForSelector('[data-page="project"] [data-testid="project-total"]');
    const stats = await api<Stats>(
      `/api/stats?range=last_30_days&project=${encodeURIComponent('devtime.io')}`,
    );
    expect(Number(await page.getByTestId('project-total').getAttribute('data-value'))).toBe(
      stats.total_seconds,
    );
    await shot('project');
    await page.goto(`${server.url}/projects/${encodeURIComponent(PROJECTS[0])}?range=last_30_days`);
    await page.waitForSelector('[data-page="project"] table.data-table');
    expect(Number(await page.getByTestId('project-agents').getAttribute('data-value'))).toBeGreaterThan(0);
    expect(await page.locator('[data-page="project"]').textContent()).toContain('src/checkout/cart_test.go');

    // Files editors worked on: the table is exactly what the API lists for the project and range.
    const files = await api<{
      files: Array<{ path: string; heartbeats: number; writes: number; last_seen_ms: number }>;
    }>(`/api/projects/${encodeURIComponent(PROJECTS[0])}/files?range=last_30_days`);
    expect(files.files.length).toBeGreaterThan(0);
    expect(files.files.some((file) => file.path.endsWith('.go') && file.writes > 0)).toBe(true);
    await page.waitForSelector('[data-files="editors"] tbody tr');
    const shown = await page
      .locator('[data-files="editors"] tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => [
          row.getAttribute('data-path'),
          Number(row.getAttribute('data-heartbeats')),
          Number(row.getAttribute('data-writes')),
          Number(row.getAttribute('data-last-seen')),
          row.querySelector('th')?.textContent,
          row.querySelectorAll('td')[1]?.textContent,
        ]),
      );
    expect(shown).toEqual(
      files.files.map((file) => [
        file.path,
        file.heartbeats,
        file.writes,
        file.last_seen_ms,
        file.path,
        formatCount(file.heartbeats),
      ]),
    );
    await page.locator('[data-section="files"]').screenshot({ path: join(SCREENSHOTS, 'project-files.png') });
  });

  it('shows agents: tokens by model and agent, sessions', async () => {
    await page.goto(`${server.url}/agents?range=last_30_days`);
    await page.waitForSelector('[data-testid="agent-tokens"]');
    const stats = await api<Stats & { agents: { by_model: Record<string, { total_tokens: number }> } }>(
      '/api/stats?range=last_30_days',
    );
    expect(Number(await page.getByTestId('agent-tokens').getAttribute('data-value'))).toBe(
      stats.agents.totals.total_tokens,
    );
    const byModel = await page
      .locator('[data-usage="by-model"] tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) => [r.getAttribute('data-key'), Number(r.getAttribute('data-tokens'))]),
      );
    expect(Object.fromEntries(byModel)).toEqual(
      Object.fromEntries(Object.entries(stats.agents.by_model).map(([model, t]) => [model, t.total_tokens])),
    );
    await page.waitForSelector('text=Tool usage');
    await shot('agents');
  });

  it('creates an API key that is shown once and works, then revokes it', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.waitForSelector('[data-section="api-keys"] table');
    expect(await page.getByLabel(/Time zone/).inputValue()).toBe('Europe/Berlin');
    await page.getByLabel('Name').first().fill('browser-test');
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = (await page.locator('[data-testid="new-key"] code.key').textContent()) ?? '';
    expect(key).toMatch(/^waka_[0-9a-f-]{36}$/);
    expect((await api<{ user: { username: string } }>('/api/me', {}, key)).user.username).toBe(
      login.username,
    );
    await shot('settings');
    // Both exports are offered; the raw one, fetched with the page's session cookie, holds every heartbeat.
    const rawLink = page.locator('[data-export="heartbeats-json"]');
    const rawExport = await page.request.get(new URL((await rawLink.getAttribute('href'))!, server.url).href);
    expect(rawExport.headers()['content-type']).toBe('application/x-ndjson');
    expect((await rawExport.text()).trimEnd().split('\n')).toHaveLength(acceptedHeartbeats);
    expect(await page.locator('[data-export="durations-csv"]').count()).toBe(1);
    expect(await page.locator('[data-export="heartbeats-csv"]').count()).toBe(1);
    await page.locator('tr[data-key-name="browser-test"] button', { hasText: 'Revoke' }).click();
    await page.waitForSelector('tr[data-key-name="browser-test"]', { state: 'detached' });
    expect(await page.locator('[data-testid="new-key"]').count()).toBe(0);
    await expect(api('/api/me', {}, key)).rejects.toThrow(/401/);
  });

  it('saves the time zone and renames a machine', async () => {
    await page.getByLabel(/Time zone/).selectOption('Asia/Tokyo');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    expect((await api<{ user: { timezone: string } }>('/api/me')).user.timezone).toBe('Asia/Tokyo');
    const machineName = page.locator('.machine-list input[name="name"]').first();
    await machineName.fill('work laptop');
    await page.getByRole('button', { name: 'Rename' }).first().click();
    await expect
      .poll(
        async () =>
          (await api<{ machines: Array<{ name: string | null }> }>('/api/machines')).machines[0]?.name,
      )
      .toBe('work laptop');
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.waitForSelector('[data-breakdown="machine"] li');
    expect(await page.locator('[data-breakdown="machine"] li').first().textContent()).toContain(
      'work laptop',
    );
    expect(await page.locator('.range-dates').textContent()).toContain('Asia/Tokyo');
  });

  it('logs out, and logs back in by pasting an API key', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('button', { name: 'API key' }).click();
    await page.getByLabel('API key').fill(login.key);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForSelector('[data-page="overview"][data-shown-range]');
    expect(await page.locator('.app-header').textContent()).toContain(login.username);
  });
});
