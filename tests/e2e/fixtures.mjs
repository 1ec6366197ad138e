// Shared helpers for the end-to-end tests. Import `test` and `expect` from here, not from
// @playwright/test: every page then records its requests and is checked to stay on its origin.
import { test as base, expect } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ARTEFACTS = join(dirname(fileURLToPath(import.meta.url)), 'test-results', 'screenshots');
mkdirSync(ARTEFACTS, { recursive: true });

export const test = base.extend({
  /** Every request URL the page made. */
  requests: async ({ page }, use) => {
    const urls = [];
    page.on('request', (r) => urls.push(r.url()));
    await use(urls);
  },
  /** Fails the test if any request left the page's origin (data: URLs excepted). */
  page: async ({ page, baseURL }, use) => {
    const foreign = [];
    const origin = new URL(baseURL).origin;
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith('data:') && new URL(u).origin !== origin) foreign.push(u);
    });
    await use(page);
    expect(foreign, 'requests beyond the origin').toEqual([]);
  },
});
export { expect };

/** The widget element (a locator) by CSS selector, default the first <plan-widget>. */
export function widget(page, selector = 'plan-widget') {
  return page.locator(selector);
}

/** Waits until the widget's state (`data-state` on the host) is `state` and returns it. */
export async function waitState(page, selector, state) {
  await expect(page.locator(selector)).toHaveAttribute('data-state', state);
  return page.locator(selector);
}

/** Waits until the widget has mounted the UI. */
export function ready(page, selector = 'plan-widget') {
  return waitState(page, selector, 'ready');
}

/** The text inside the widget's shadow root (Playwright locators pierce open shadow roots). */
export async function shadowText(page, selector = 'plan-widget') {
  return page.locator(selector).evaluate((el) => el.shadowRoot.textContent);
}

/** CSP violations and uncaught errors recorded by www/test/record.js. */
export async function recorded(page) {
  return page.evaluate(() => ({ violations: window.__violations || [], errors: window.__errors || [] }));
}

/** Saves a screenshot of the page (or of `selector`) as a test artefact; returns the path. */
export async function snap(page, name, selector) {
  const path = join(ARTEFACTS, `${name}.png`);
  if (selector) await page.locator(selector).screenshot({ path });
  else await page.screenshot({ path, fullPage: false });
  return path;
}

/**
 * Starts recording the `type` events of `selector`; the listener is in place when this resolves,
 * so nothing fired afterwards is missed (a listener added by an evaluate left pending can come
 * after the action meant to fire it). `cancel` calls preventDefault on each. Returns
 * `{ all(), count() }`: the `{ detail, cancelable }` of every event so far, and their number,
 * to wait on with `expect.poll`.
 */
export async function recordEvents(page, selector, type, { cancel = false } = {}) {
  const key = `${selector} ${type}`;
  await page.locator(selector).evaluate((el, { key, type, cancel }) => {
    window.__recordedEvents = window.__recordedEvents || {};
    const log = (window.__recordedEvents[key] = []);
    el.addEventListener(type, (e) => {
      log.push({ detail: e.detail, cancelable: e.cancelable });
      if (cancel) e.preventDefault();
    });
  }, { key, type, cancel });
  const all = () => page.evaluate((k) => window.__recordedEvents[k], key);
  return { all, count: async () => (await all()).length };
}
