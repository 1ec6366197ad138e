// The Progress view is loaded on use (issue 15): the widget's first download holds no Progress
// code; opening the tab loads pkg/plan-widget-progress* behind a loading state that is
// announced, and a failed load says so, in the widget's language, with a button that tries again.
// A page with an `actuals` attribute loads it when the rows arrive (their data-actuals-error code).
import { test, expect, ready } from './fixtures.mjs';

const TAB = { 'zh-CN': '进度', en: 'Progress' };
const LOADING = { 'zh-CN': '正在加载进度视图', en: 'Loading the Progress view' };
const FAILED = { 'zh-CN': '进度视图未能加载', en: 'The Progress view could not be loaded' };
const RETRY = { 'zh-CN': '重试', en: 'Try again' };
const PAGE = { 'zh-CN': '/', en: '/en.html' };
const PROGRESS = /plan-widget-progress/;

test('the first load fetches no Progress module; opening the tab does, once', async ({ page, requests }) => {
  await page.goto('/');
  const w = await ready(page);
  await expect(w.locator('.pw-card').first()).toBeVisible();
  expect(requests.filter((u) => PROGRESS.test(u))).toEqual([]);
  await w.getByRole('tab', { name: TAB['zh-CN'], exact: true }).click();
  await expect(w.locator('.pw-progress')).toBeVisible();
  const loaded = requests.filter((u) => PROGRESS.test(u)).map((u) => new URL(u).pathname).sort();
  expect(loaded).toEqual(['/pkg/plan-widget-progress.js', '/pkg/plan-widget-progress_bg.wasm']);
  // Back and forth: the view stays mounted, nothing is loaded again.
  await w.getByRole('tab', { name: '目标', exact: true }).click();
  await w.getByRole('tab', { name: TAB['zh-CN'], exact: true }).click();
  await expect(w.locator('.pw-progress')).toHaveCount(1);
  expect(requests.filter((u) => PROGRESS.test(u))).toHaveLength(2);
});

test('a page with an actuals attribute loads the module for the rows\' code, once, and the tab reuses it', async ({ page, requests }) => {
  // The first wasm has no actuals reader: the code for data-actuals-error is the module's.
  await page.route('**/test/bad-rows.csv', (r) =>
    r.fulfill({ status: 200, contentType: 'text/csv', body: 'county,target,month,value\nnowhere,x,2022-06,1\n' }));
  await page.goto('/test/actuals.html');
  const w = await ready(page, '#w');
  await w.evaluate((el) => el.setAttribute('actuals', '/test/bad-rows.csv'));
  await expect(w).toHaveAttribute('data-actuals-error', 'actuals-invalid');
  const loaded = () => requests.filter((u) => PROGRESS.test(u)).map((u) => new URL(u).pathname).sort();
  expect(loaded()).toEqual(['/pkg/plan-widget-progress.js', '/pkg/plan-widget-progress_bg.wasm']);
  await w.getByRole('tab', { name: TAB['zh-CN'], exact: true }).click();
  await expect(w.locator('.pw-progress')).toBeVisible();
  expect(loaded()).toHaveLength(2);
});

for (const lang of ['zh-CN', 'en']) {
  test(`loading is announced; a failed load says so and tries again (${lang})`, async ({ page }) => {
    // The first request for the module's wasm waits for the test, then fails; later ones pass.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    let first = true;
    await page.route(/plan-widget-progress_bg\.wasm/, async (route) => {
      if (!first) return route.continue();
      first = false;
      await held;
      return route.abort('connectionrefused');
    });
    await page.goto(PAGE[lang]);
    const w = await ready(page);
    await w.getByRole('tab', { name: TAB[lang], exact: true }).click();
    const status = w.getByRole('status').filter({ hasText: LOADING[lang] });
    await expect(status).toBeVisible();
    await expect(w.locator('.pw-lazy')).toHaveAttribute('aria-busy', 'true');
    release();
    const alert = w.getByRole('alert').filter({ hasText: FAILED[lang] });
    await expect(alert).toBeVisible();
    await expect(w.locator('.pw-progress')).toHaveCount(0);
    const retry = alert.getByRole('button', { name: RETRY[lang], exact: true });
    await retry.focus();
    await page.keyboard.press('Enter');
    await expect(w.locator('.pw-progress')).toBeVisible();
    await expect(alert).toHaveCount(0);
    await expect(w.locator('.pw-lazy')).toHaveAttribute('aria-busy', 'false');
  });
}

test('the loaded view follows the widget\'s language', async ({ page }) => {
  await page.goto('/test/actuals.html');
  const w = await ready(page);
  const lang = (await w.getAttribute('lang')) === 'en' ? 'en' : 'zh-CN';
  await w.getByRole('tab', { name: TAB[lang], exact: true }).click();
  await expect(w.locator('.pw-progress')).toBeVisible();
  const other = lang === 'en' ? 'zh-CN' : 'en';
  await w.evaluate((el, l) => el.setAttribute('lang', l), other);
  await expect(w.getByRole('tab', { name: TAB[other], exact: true })).toBeVisible();
  await expect(w.locator('.pw-progress h3').first()).toHaveText(other === 'en' ? 'Progress by county' : '进度督导');
});
