// Debian's Chromium (`/usr/bin/chromium`, or $CHROMIUM), launched by playwright-core the same
// way by every script here: never a downloaded browser, no sandbox (containers), no GPU, and
// none of the browser's own background traffic (updates, sync, first-run pages), which would
// otherwise share the line and the cores with what a benchmark measures.
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

/** Launches Chromium with ARGS (and `options`, e.g. `headless: false`). */
export function launch(options = {}) {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, ...options });
}
