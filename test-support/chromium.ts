import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`); Playwright's own browser download cannot work here. */
export const CHROMIUM_PATH = process.env.DEVTIME_CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Without the networking flags Chromium keeps dialling out (see ../shared/docs/real-clients.md). */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Whether browser tests run: they need Chromium. In CI (`DEVTIME_REQUIRE_BROWSER=1`) a missing browser is
 * a failure, not a skip, so the suite cannot go green without running them.
 */
export function browserAvailability(): { run: boolean; reason: string } {
  if (existsSync(CHROMIUM_PATH)) return { run: true, reason: '' };
  const reason = `${CHROMIUM_PATH} not found: install it with \`apt-get install -y chromium\``;
  if (process.env.DEVTIME_REQUIRE_BROWSER === '1') throw new Error(`DEVTIME_REQUIRE_BROWSER=1 but ${reason}`);
  return { run: false, reason };
}

/** For the dashboard tests, the VS Code end-to-end test and the dashboard bench; fails saying how to install a missing browser. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} not found: apt-get install -y chromium (never \`playwright install\`)`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS });
}
