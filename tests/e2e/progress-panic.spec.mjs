// A panic in the Progress module (its own wasm, loaded on use: src/web/progress_module.rs) stops
// that module only: the Progress tab says so, in the widget's language, with a button that loads
// a fresh instance; the widget's own wasm is not marked crashed, and its levers, cards and other
// tabs keep working. The test build (pkg-test/) panics the module on purpose once its view is
// mounted when the widget has `data-test-progress-panic` (js/plan-widget.js, openProgress).
import { test, expect, ready, recorded, snap } from './fixtures.mjs';

const TAB = { zh: '进度', en: 'Progress' };
const STOPPED = { zh: '进度视图出错停止了（', en: 'The Progress view stopped with an error (' };
const RETRY = { zh: '重试', en: 'Try again' };
const COMPARE = { zh: '方案比较', en: 'Compare' };

test('a panic in the Progress module stays in the Progress tab; the rest of the widget keeps working', async ({ page }) => {
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto('/test/panic.html?in=progress');
  for (const lang of ['zh', 'en']) {
    const w = await ready(page, `#${lang}`);
    await w.evaluate((el) => el.setAttribute('data-test-progress-panic', ''));
    await w.getByRole('tab', { name: TAB[lang], exact: true }).click();
    const failed = w.locator('.pw-lazy-failed');
    await expect(failed).toContainText(STOPPED[lang]);
    await expect(failed).toContainText('test panic: forced by data-test-progress-panic');
    await expect(failed).toHaveAttribute('role', 'alert');
    await expect(w.locator('.pw-progress')).toHaveCount(0);
    await snap(page, `progress-stopped-${lang}`, `#${lang} .pw-lazy`);
    // The widget's own wasm is fine: not crashed, a lever moves a card, another tab opens.
    await expect(page.locator(`#${lang}`)).toHaveAttribute('data-state', 'ready');
    await expect(page.locator('plan-widget[data-state="crashed"]')).toHaveCount(0);
    await w.getByRole('tab', { name: COMPARE[lang], exact: true }).click();
    await expect(w.locator('.pw-compare')).toBeVisible();
    const before = await w.evaluate((el) => el.scenario);
    await w.getByRole('slider').first().focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => w.evaluate((el) => el.scenario)).not.toBe(before);
    // Back on Progress: "try again" loads a fresh instance and the view shows.
    await w.getByRole('tab', { name: TAB[lang], exact: true }).click();
    await failed.getByRole('button', { name: RETRY[lang], exact: true }).click();
    await expect(w.locator('.pw-progress')).toBeVisible();
    await expect(w.locator('.pw-lazy-failed')).toHaveCount(0);
  }
  expect((await recorded(page)).violations).toEqual([]);
  // The trap itself surfaces as the page's uncaught error (the panic ran in a timer); nothing else.
  expect(pageErrors.filter((m) => m !== 'unreachable')).toEqual([]);
});
