// Playwright for the <plan-widget> end-to-end tests. Debian's Chromium, never a downloaded
// browser. The web server is scripts/serve.mjs (www/, pkg/, pkg-test/ must be built first:
// scripts/test-web.sh does it).
import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';

// A port of this checkout's own (several checkouts may run their tests at once on one machine),
// the same in every Playwright process; E2E_PORT overrides it.
const checkout = fileURLToPath(new URL('../..', import.meta.url));
const hash = [...checkout].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
const PORT = Number(process.env.E2E_PORT || 20000 + (hash % 20000));

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.mjs$/,
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    viewport: { width: 1280, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
  webServer: {
    command: `node ../../scripts/serve.mjs`,
    env: { PORT: String(PORT) },
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 20_000,
  },
});
