// No requests beyond the host's origin, on every page we serve: the demo pages, the guide and
// every host test page (the list is read from www/, so a new page is checked without a new test).
import { readdirSync } from 'node:fs';
import { test, expect } from './fixtures.mjs';

const www = new URL('../../www/', import.meta.url);
const PAGES = [
  ...readdirSync(www).filter((f) => f.endsWith('.html')).map((f) => `/${f}`),
  '/test/',
  ...readdirSync(new URL('test/', www)).filter((f) => f.endsWith('.html')).map((f) => `/test/${f}`),
];

test('the page list covers the demo, the guide and the host test pages', () => {
  for (const p of ['/index.html', '/en.html', '/embed.html', '/test/strict-csp.html', '/test/panic.html']) {
    expect(PAGES).toContain(p);
  }
});

for (const path of PAGES) {
  test(`no request beyond the origin: ${path}`, async ({ page, requests, baseURL }) => {
    page.on('pageerror', () => {}); // panic.html's trap is expected; its own test checks it
    const response = await page.goto(path);
    expect(response.status()).toBe(200);
    // Every widget settles (ready, error, crashed or fallback), so its requests are all made.
    const widgets = page.locator('plan-widget');
    const n = await widgets.count();
    for (let i = 0; i < n; i++) {
      await expect(widgets.nth(i)).toHaveAttribute('data-state', /^(ready|error|crashed|fallback)$/);
    }
    await page.waitForLoadState('networkidle');
    const origin = new URL(baseURL).origin;
    const foreign = requests.filter((u) => !u.startsWith('data:') && new URL(u).origin !== origin);
    expect(foreign).toEqual([]);
    expect(requests.length).toBeGreaterThan(0);
  });
}
