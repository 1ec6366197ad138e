// Sharing a scenario end to end: the Share dialog's link opened in a fresh browser reopens the
// same levers, targets and view; a corrupted link gives its message over the plan as written;
// copying (or its fallback); sync-url; screenshots of the dialog on a desktop and a phone.
import { test, expect, ready, snap, recorded } from './fixtures.mjs';

/** Records every scenario-change detail of the page in window.__changes. */
async function recordChanges(page) {
  await page.addInitScript(() => {
    window.__changes = [];
    document.addEventListener('scenario-change', (e) => window.__changes.push(e.detail));
  });
}

const lastChange = (page) => page.evaluate(() => window.__changes[window.__changes.length - 1]);

/** Moves the first policy lever `steps` steps to the right by keyboard. */
async function moveFirstLever(page, steps) {
  const slider = page.locator('plan-widget').getByRole('slider').first();
  await slider.focus();
  for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowRight');
  return slider;
}

/** Opens the Share dialog and returns { dialog, link }. */
async function openShare(page, name = '分享') {
  const w = page.locator('plan-widget');
  await w.getByRole('button', { name, exact: true }).click();
  const dialog = w.locator('dialog.pw-dialog');
  await expect(dialog).toBeVisible();
  const link = await dialog.locator('input.pw-share-link').inputValue();
  return { dialog, link };
}

test('a scenario link reopens the same levers, targets and view in a fresh browser', async ({ page, browser }) => {
  await recordChanges(page);
  await page.goto('/');
  await ready(page);
  const w = page.locator('plan-widget');
  const slider = await moveFirstLever(page, 3);
  const value = await slider.inputValue();
  await w.getByRole('tab', { name: '方案比较' }).click();
  await expect(w.getByRole('tab', { name: '方案比较' })).toHaveAttribute('aria-selected', 'true');
  await expect.poll(async () => (await lastChange(page)).scenario).toBe(await w.evaluate((el) => el.scenario));
  const before = await lastChange(page);
  const { dialog, link } = await openShare(page);
  expect(link).toBe(`${new URL('/', page.url()).href}#pw=${before.scenario}`);
  await expect(dialog.locator('.pw-share-code code')).toHaveText(before.scenario);
  await expect(dialog.locator('.pw-qr-name')).toHaveText('自定义方案');
  const qr = await dialog.locator('.pw-qr img').boundingBox();
  expect(qr.width).toBeGreaterThanOrEqual(200);
  expect(Math.abs(qr.width - qr.height)).toBeLessThan(1);
  await snap(page, 'share-dialog-1280');

  // Another visitor: a fresh browser context (no storage), the link.
  const other = await browser.newContext({ viewport: { width: 375, height: 800 } });
  const fresh = await other.newPage();
  await recordChanges(fresh);
  await fresh.goto(link);
  await ready(fresh);
  const fw = fresh.locator('plan-widget');
  await expect(fw.getByRole('tab', { name: '方案比较' })).toHaveAttribute('aria-selected', 'true');
  // At 375 px Compare shows the comparison first, the levers folded behind their disclosure.
  await expect(fw.getByRole('slider')).toHaveCount(0);
  await fw.locator('.pw-lever-fold > summary').click();
  await expect(fw.getByRole('slider').first()).toHaveValue(value);
  await expect.poll(async () => (await lastChange(fresh))?.scenario).toBe(before.scenario);
  expect((await lastChange(fresh)).targets).toEqual(before.targets);
  await expect(fw.locator('.pw-notice')).toHaveCount(0);
  // The phone view of the dialog.
  await fw.getByRole('tab', { name: '目标' }).click();
  const phone = await openShare(fresh);
  expect(phone.link).toContain('#pw=');
  const box = await phone.dialog.boundingBox();
  expect(box.width).toBeLessThanOrEqual(375);
  const pqr = await phone.dialog.locator('.pw-qr img').boundingBox();
  expect(pqr.width).toBeGreaterThanOrEqual(200);
  await snap(fresh, 'share-dialog-375');
  await other.close();
});

test('a corrupted link shows its message over the plan as written', async ({ page }) => {
  await recordChanges(page);
  await page.goto('/');
  await ready(page);
  const asWritten = await page.locator('plan-widget').getByRole('slider').first().inputValue();
  await moveFirstLever(page, 2);
  await expect.poll(async () => (await lastChange(page)).targets.length).toBeGreaterThan(0);
  const code = (await lastChange(page)).scenario;
  const i = Math.floor(code.length / 2);
  const bad = code.slice(0, i) + (code[i] === 'A' ? 'B' : 'A') + code.slice(i + 1);

  await page.goto('/en.html#top&pw=' + bad);
  await ready(page);
  const w = page.locator('plan-widget');
  const notice = w.getByRole('alert');
  await expect(notice).toContainText('The shared scenario could not be opened.');
  await expect(notice).toContainText('damaged');
  await expect(notice).toContainText('Below is the plan as written.');
  await expect(w.getByRole('slider').first()).toHaveValue(asWritten);
  expect(await w.locator('li.pw-card').count()).toBeGreaterThan(10);
  await snap(page, 'share-corrupted-link');
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(w.locator('.pw-notice')).toHaveCount(0);
});

test('copy puts the link on the clipboard; Esc closes and focus returns to Share', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/#top');
  await ready(page);
  await moveFirstLever(page, 1);
  const { dialog, link } = await openShare(page);
  // The host's own fragment part is kept.
  expect(link).toMatch(/#top&pw=[A-Za-z0-9_-]+$/);
  await dialog.getByRole('button', { name: '复制链接' }).click();
  await expect(dialog.locator('.pw-share-copied')).toHaveText('链接已复制。');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.locator('plan-widget').getByRole('button', { name: '分享', exact: true })).toBeFocused();
});

test('where the clipboard is refused, the link is selected with a Ctrl+C hint', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) },
      configurable: true,
    });
  });
  await page.goto('/en.html');
  await ready(page);
  const { dialog, link } = await openShare(page, 'Share');
  await dialog.getByRole('button', { name: 'Copy link' }).click();
  await expect(dialog.locator('.pw-share-copied')).toContainText('press Ctrl+C');
  const field = dialog.locator('input.pw-share-link');
  await expect(field).toBeFocused();
  const sel = await field.evaluate((el) => [el.selectionStart, el.selectionEnd]);
  expect(sel).toEqual([0, link.length]);
  // No clipboard API at all (an http:// portal page): the same fallback.
  await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }));
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.locator('plan-widget').getByRole('button', { name: 'Share', exact: true }).click();
  await dialog.getByRole('button', { name: 'Copy link' }).click();
  await expect(dialog.locator('.pw-share-copied')).toContainText('press Ctrl+C');
});

test('sync-url: an untouched page keeps its URL; a move writes the code, and reset all takes it out', async ({ page }) => {
  await recordChanges(page);
  await page.goto('/'); // the demo page's element has sync-url
  const w = await ready(page);
  await expect.poll(() => page.evaluate(() => window.__changes.length)).toBeGreaterThan(0);
  const entries = await page.evaluate(() => history.length);
  // The mount's scenario-change (the plan as written) is not written into the URL.
  expect(await page.evaluate(() => location.href)).toBe(new URL('/', page.url()).href);
  await moveFirstLever(page, 2);
  const code = await w.evaluate((el) => el.scenario);
  await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#pw=${code}`);
  await w.getByRole('button', { name: '全部重置', exact: true }).click();
  await expect.poll(() => page.evaluate(() => location.hash)).toBe('');
  expect(await page.evaluate(() => history.length)).toBe(entries);
  // A reload opens the plan as written, with no banner.
  await page.reload();
  await ready(page);
  await expect(w.locator('.pw-notice')).toHaveCount(0);
  expect(await page.evaluate(() => location.hash)).toBe('');
});

test('sync-url: the fragment follows the scenario without new history entries, and is read on load', async ({ page }) => {
  await recordChanges(page);
  await page.goto('/#top');
  const w = await ready(page);
  await w.evaluate((el) => el.setAttribute('sync-url', ''));
  const entries = await page.evaluate(() => history.length);
  const slider = await moveFirstLever(page, 4);
  const value = await slider.inputValue();
  await expect.poll(async () => (await lastChange(page)).scenario).toBe(await w.evaluate((el) => el.scenario));
  const code = (await lastChange(page)).scenario;
  await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#top&pw=${code}`);
  expect(await page.evaluate(() => history.length)).toBe(entries);
  // A reload reads it back.
  await page.reload();
  await ready(page);
  await expect(w.getByRole('slider').first()).toHaveValue(value);
  await expect(w.locator('.pw-notice')).toHaveCount(0);
});

test('under a strict CSP the dialog, its QR code and the notice render without violations', async ({ page }) => {
  await page.goto('/test/strict-csp.html#pw-w1=not-a-code');
  const w = await ready(page, '#w1');
  await expect(w.getByRole('alert')).toContainText('This is not a share code');
  await w.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = w.locator('dialog.pw-dialog');
  // The QR image is a data: URL, which `img-src 'self' data:` allows: it loads.
  await expect.poll(() => dialog.locator('.pw-qr img').evaluate((img) => img.complete && img.naturalWidth)).toBeGreaterThanOrEqual(360);
  // The element's id gives its own fragment key; the host's other parts are kept.
  expect(await dialog.locator('input.pw-share-link').inputValue()).toMatch(/#pw-w1=[A-Za-z0-9_-]+$/);
  const qr = await dialog.locator('.pw-qr img').boundingBox();
  expect(qr.width).toBeGreaterThanOrEqual(200);
  expect(await recorded(page)).toEqual({ violations: [], errors: [] });
  expect(await w.evaluate((el) => el.shadowRoot.querySelectorAll('[style]').length)).toBe(0);
});
