// A shared scenario is marked as such (src/web/ui/shared.rs): a reopened share code shows the
// banner, opens the lever group that holds the changed lever and marks it in words, brings the
// widget into view, and "see the plan as written" goes back; the QR code is a PNG <img> that a
// QR reader decodes to the link; the system share sheet where the browser has one.
import AxeBuilder from '@axe-core/playwright';
import { createRequire } from 'node:module';
import { test, expect, ready, snap, recorded } from './fixtures.mjs';

const jsQR = createRequire(import.meta.url)('jsqr');

/** On `page` (index.html, ready): opens the second policy group, moves its first lever two steps. */
async function changeSecondGroup(page) {
  const w = page.locator('plan-widget');
  const group = w.locator('.pw-levers > details.pw-group').nth(1);
  await expect(group).toHaveJSProperty('open', false);
  const title = (await group.locator('summary').textContent()).replace(/\s*\(\d+\).*$/, '').trim();
  await group.locator('summary').click();
  const slider = group.getByRole('slider').first();
  const before = await slider.inputValue();
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const after = await slider.inputValue();
  expect(after).not.toBe(before);
  // The label's own words, without the marks beside it (origin, changed).
  const label = (await group.locator('.pw-lever-label').first().evaluate((el) => el.firstChild.textContent)).trim();
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('#pw=');
  const code = await w.evaluate((el) => el.scenario);
  await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#pw=${code}`);
  return { title, label, before, after, code };
}

test('a reopened share code shows the banner, opens the changed group and brings the widget into view', async ({ page, browser }) => {
  await page.goto('/');
  const w = await ready(page);
  const change = await changeSecondGroup(page);
  // The visitor's own changes are not someone else's (the page writes its address: sync-url).
  await expect(w.locator('.pw-shared')).toHaveCount(0);
  await expect(w.locator('.pw-lever', { hasText: change.label }).locator('.pw-changed-mark')).toHaveText('已改动');

  for (const [path, lang] of [['/', 'zh'], ['/en.html', 'en']]) {
    const ctx = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const fresh = await ctx.newPage();
    await fresh.goto(`${path}#pw=${change.code}`);
    const fw = await ready(fresh);
    const banner = fw.locator('.pw-shared');
    await expect(banner).toBeVisible();
    await expect(banner).toHaveAttribute('role', 'status');
    if (lang === 'zh') {
      await expect(banner).toContainText('这是他人调整的方案，与计划原文不同：改动了 1 项。');
      await expect(banner).toContainText(`${change.label}：计划`);
    } else {
      await expect(banner).toContainText('This is someone’s modified version, not the plan as written: 1 input changed.');
    }
    // The group that holds the changed lever is open; lever and group are marked in words.
    const lever = fw.locator('.pw-lever').filter({ has: fresh.locator('.pw-changed-mark') });
    await expect(lever).toHaveCount(1);
    await expect(lever.getByRole('slider')).toHaveValue(change.after);
    const group = fw.locator('.pw-levers > details.pw-group').nth(1);
    await expect(group).toHaveJSProperty('open', true);
    await expect(group.locator('summary .pw-changed-mark')).toHaveText(lang === 'zh' ? '已改动 1 项' : '1 changed');
    await expect(lever.locator('.pw-changed-mark')).toHaveText(lang === 'zh' ? '已改动' : 'Changed');
    // The widget was scrolled into view: its top at the top of the screen, the banner on it.
    await expect.poll(() => fw.evaluate((el) => Math.abs(el.getBoundingClientRect().top))).toBeLessThan(2);
    const box = await banner.boundingBox();
    expect(box.y + box.height).toBeLessThanOrEqual(740);
    await snap(fresh, `shared-banner-375-${lang}`);
    // The banner and the marks pass axe (the tags of a11y.spec.mjs).
    const axe = await new AxeBuilder({ page: fresh }).include('plan-widget')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);

    // "See the plan as written": the plan's values, no banner, no mark.
    await banner.getByRole('button').click();
    await expect(banner).toHaveCount(0);
    await expect(fw.locator('.pw-changed-mark')).toHaveCount(0);
    await expect(group.getByRole('slider').first()).toHaveValue(change.before);
    await ctx.close();
  }
});

/** The QR <img> of the open Share dialog, decoded by jsQR from its pixels drawn on a canvas. */
async function decodeQr(dialog) {
  const img = dialog.locator('img.pw-qr-img');
  const pixels = await img.evaluate(async (el) => {
    await el.decode();
    const c = document.createElement('canvas');
    c.width = el.naturalWidth;
    c.height = el.naturalHeight;
    const g = c.getContext('2d');
    g.drawImage(el, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height);
    return { width: d.width, height: d.height, data: Array.from(d.data) };
  });
  const found = jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height);
  return { text: found && found.data, width: pixels.width, src: await img.getAttribute('src') };
}

test('the QR code is a PNG image that decodes to the link', async ({ page }) => {
  await page.goto('/');
  const w = await ready(page);
  await w.getByRole('slider').first().focus();
  await page.keyboard.press('ArrowRight');
  await w.getByRole('button', { name: '分享', exact: true }).click();
  const dialog = w.locator('dialog.pw-dialog');
  const link = await dialog.locator('input.pw-share-link').inputValue();
  expect(link).toMatch(/#pw=[A-Za-z0-9_-]+$/);
  const qr = await decodeQr(dialog);
  expect(qr.src).toMatch(/^data:image\/png;base64,/);
  expect(qr.width).toBeGreaterThanOrEqual(360);
  expect(qr.text).toBe(link);
  await expect(dialog.locator('img.pw-qr-img')).toHaveAttribute('alt', '“自定义方案”的二维码');
  await expect(dialog).toContainText('长按二维码图片');
  await snap(page, 'share-dialog-qr-img-1280');
  const axe = await new AxeBuilder({ page }).include('plan-widget')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
});

test('the system share sheet is offered where the browser has navigator.share, and only there', async ({ page, browser }) => {
  await page.goto('/en.html');
  const w = await ready(page);
  const has = await page.evaluate(() => typeof navigator.share === 'function');
  await w.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(w.locator('dialog.pw-dialog').getByRole('button', { name: 'Send to an app' })).toHaveCount(has ? 1 : 0);

  const ctx = await browser.newContext();
  const other = await ctx.newPage();
  await other.addInitScript(() => {
    window.__shared = [];
    navigator.share = (data) => {
      window.__shared.push(data);
      return Promise.reject(new DOMException('cancelled', 'AbortError'));
    };
  });
  const errors = [];
  other.on('pageerror', (e) => errors.push(String(e)));
  await other.goto('/en.html');
  const ow = await ready(other);
  await ow.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = ow.locator('dialog.pw-dialog');
  const link = await dialog.locator('input.pw-share-link').inputValue();
  await dialog.getByRole('button', { name: 'Send to an app' }).click();
  await expect.poll(() => other.evaluate(() => window.__shared.length)).toBe(1);
  const shared = await other.evaluate(() => window.__shared[0]);
  expect(shared.url).toBe(link);
  expect(shared.title.length).toBeGreaterThan(0);
  expect(errors).toEqual([]);
  await ctx.close();
});

test('under a strict CSP the QR image loads and a shared scenario shows its banner without violations', async ({ page }) => {
  await page.goto('/test/strict-csp.html');
  const w = await ready(page, '#w1');
  await w.getByRole('slider').first().focus();
  await page.keyboard.press('ArrowRight');
  const code = await w.evaluate((el) => el.scenario);
  await page.goto(`/test/strict-csp.html?again#pw-w1=${code}`);
  const again = await ready(page, '#w1');
  await expect(again.locator('.pw-shared')).toBeVisible();
  await again.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = again.locator('dialog.pw-dialog');
  expect((await decodeQr(dialog)).text).toBe(await dialog.locator('input.pw-share-link').inputValue());
  expect(await recorded(page)).toEqual({ violations: [], errors: [] });
});

/** The scenario of `changeSecondGroup` is back: the group marked, its lever at the new value. */
async function expectChanged(page, change) {
  const group = page.locator('plan-widget .pw-levers > details.pw-group').nth(1);
  await expect(group.locator('summary .pw-changed-mark')).toHaveText('已改动 1 项');
  if (!(await group.evaluate((d) => d.open))) await group.locator('summary').click();
  const lever = group.locator('.pw-lever').filter({ has: page.locator('.pw-changed-mark') });
  await expect(lever.getByRole('slider')).toHaveValue(change.after);
}

test('sync-url: a reload of one’s own tab reopens the scenario without the banner; the same link elsewhere shows it', async ({ page, browser }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/');
  const w = await ready(page);
  const change = await changeSecondGroup(page);
  await page.reload();
  await ready(page);
  await expectChanged(page, change);
  await expect(w.locator('.pw-shared')).toHaveCount(0);
  await expect(w.locator('.pw-notice')).toHaveCount(0);
  expect(errors).toEqual([]);

  // A link received from someone: a new context (its own sessionStorage), the same URL.
  const ctx = await browser.newContext();
  const other = await ctx.newPage();
  await other.goto(page.url());
  const ow = await ready(other);
  await expect(ow.locator('.pw-shared')).toBeVisible();
  await expect(ow.locator('.pw-shared')).toContainText('这是他人调整的方案');
  await ctx.close();
});

test('sync-url: where sessionStorage is refused a reload shows the banner as before, and nothing breaks', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(() => {
    Object.defineProperty(window, 'sessionStorage', {
      get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
    });
  });
  await page.goto('/');
  const w = await ready(page);
  const change = await changeSecondGroup(page);
  await page.reload();
  await ready(page);
  await expect(w.locator('.pw-shared')).toBeVisible();
  await expectChanged(page, change);
  expect(errors).toEqual([]);
});
