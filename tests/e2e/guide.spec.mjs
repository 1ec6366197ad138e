// The embed guide on a phone and the iframe page for CMS editors (www/embed.html, "CMS";
// www/frame.html + frame.js).
import { test, expect, ready, snap, recorded } from './fixtures.mjs';

test('the embed guide does not scroll sideways on a 375 px phone', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto('/embed.html');
  await ready(page);
  const widths = await page.evaluate(() => ({
    page: document.scrollingElement.scrollWidth,
    // Each wide table scrolls inside its own box, which the keyboard can reach.
    boxes: [...document.querySelectorAll('.table-scroll')].map((b) => ({
      right: b.getBoundingClientRect().right,
      focusable: b.tabIndex === 0,
      named: Boolean(b.getAttribute('aria-labelledby')),
    })),
  }));
  expect(widths.page).toBeLessThanOrEqual(375);
  expect(widths.boxes.length).toBeGreaterThanOrEqual(3);
  for (const box of widths.boxes) {
    expect(box.right).toBeLessThanOrEqual(375);
    expect(box.focusable && box.named).toBe(true);
  }
  await page.locator('#api').scrollIntoViewIfNeeded();
  await snap(page, 'embed-guide-api-375');
});

test('the iframe page shows one widget and honours plan, lang and scenario', async ({ page, browser }) => {
  const response = await page.goto('/frame.html?plan=handan-edu-2022');
  expect(response.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
  const w = await ready(page);
  await expect(w).toHaveAttribute('plan', 'handan-edu-2022');
  await expect(w).toHaveAttribute('lang', 'zh-CN');
  await expect(page).toHaveTitle('互动计划');
  await expect(w.getByRole('tab', { name: '目标' })).toBeVisible();
  // Full width: the widget spans the frame.
  const box = await w.boundingBox();
  expect(box.x).toBe(0);
  expect(box.width).toBe(page.viewportSize().width);
  const slider = w.getByRole('slider').first();
  await slider.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  const value = await slider.inputValue();
  const code = await w.evaluate((el) => el.scenario);

  // The same scenario in English, through the query parameters, in a fresh context.
  const other = await browser.newContext({ viewport: { width: 375, height: 740 } });
  const fresh = await other.newPage();
  const errors = [];
  fresh.on('pageerror', (e) => errors.push(String(e)));
  fresh.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await fresh.goto(`/frame.html?plan=handan-edu-2022&lang=en&scenario=${encodeURIComponent(code)}`);
  const fw = await ready(fresh);
  await expect(fw).toHaveAttribute('lang', 'en');
  await expect(fresh.locator('html')).toHaveAttribute('lang', 'en');
  await expect(fresh).toHaveTitle('Interactive plan');
  await expect(fw.getByRole('tab', { name: 'Targets' })).toBeVisible();
  await expect(fw.getByRole('slider').first()).toHaveValue(value);
  await expect.poll(() => fw.evaluate((el) => el.scenario)).toBe(code);
  expect(await fresh.evaluate(() => document.scrollingElement.scrollWidth)).toBeLessThanOrEqual(375);
  await snap(fresh, 'frame-en-375');
  expect(errors).toEqual([]);
  await other.close();
});

test('the iframe page ignores a plan id that is not one and a language it does not know', async ({ page }) => {
  await page.goto('/frame.html?plan=..%2F..%2Fevil&lang=fr');
  const w = await ready(page);
  expect(await w.getAttribute('plan')).toBeNull();
  await expect(w).toHaveAttribute('lang', 'zh-CN');
  await expect(w.getByRole('tab', { name: '目标' })).toBeVisible();
});

test('in a CMS article, the iframe page renders under a strict CSP and grows to its content', async ({ page }) => {
  const response = await page.goto('/test/iframe.html');
  expect(response.headers()['content-security-policy']).toContain("frame-src 'self'");
  const frame = page.frameLocator('iframe');
  await expect(frame.locator('plan-widget')).toHaveAttribute('data-state', 'ready');
  await expect(frame.getByRole('tab', { name: '目标' })).toBeVisible();
  // The template's script (the guide's snippet) sizes the iframe to the frame page's height.
  const iframe = page.locator('iframe');
  await expect.poll(async () => Number(await iframe.getAttribute('height'))).toBeGreaterThan(800);
  const inner = await frame.locator('html').evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
  await expect.poll(async () => Number(await iframe.getAttribute('height'))).toBe(inner);
  expect(await recorded(page)).toEqual({ violations: [], errors: [] });
});
