/** How often figures that include today refresh while the tab is visible. */
export const LIVE_POLL_MS = 60_000;
