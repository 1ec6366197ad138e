// "Send my scenario to the bureau" (the `feedback` attribute) under the strict CSP header: the
// link opens the portal's form with a code that reopens the same scenario; the cancelable
// `scenario-submit` event fires first and a host can cancel it; without the attribute nothing
// appears. www/test/feedback.html has one widget with the attribute and one without.
import { test, expect, ready, recorded, recordEvents, snap } from './fixtures.mjs';

const PAGE = '/test/feedback.html';

test('the link opens the form with a code that reopens the same scenario', async ({ page, context }) => {
  await page.goto(PAGE);
  await ready(page, '#with');
  const w = page.locator('#with');
  const slider = w.getByRole('slider').first();
  await slider.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  const value = await slider.inputValue();
  const link = w.getByRole('link', { name: /提交我的方案/ });
  await expect(link).toBeVisible();
  await expect(link).toHaveAttribute('target', '_blank');
  await snap(page, 'feedback-link', '#with .pw-toolbar');
  const submits = await recordEvents(page, '#with', 'scenario-submit');
  const [form] = await Promise.all([context.waitForEvent('page'), link.click()]);
  await expect.poll(submits.count).toBe(1);
  const [{ detail, cancelable }] = await submits.all();
  expect(cancelable).toBe(true);
  await form.waitForLoadState();
  const url = new URL(form.url());
  expect(url.pathname).toBe('/feedback.html');
  expect(form.url()).toBe(new URL(detail.url, page.url()).href);
  expect(url.searchParams.get('code')).toBe(detail.scenario);
  // The summary names the changed lever, in the widget's language.
  expect(url.searchParams.get('summary')).toBe(detail.summary);
  expect(detail.summary).toMatch(/^改动：/);
  await expect(form.locator('#code')).toHaveValue(detail.scenario);
  await expect(form.locator('#summary')).toHaveValue(detail.summary);
  // The form's link reopens the scenario: the same value, the same code.
  await form.locator('#reopen').click();
  await ready(form);
  await expect(form.locator('plan-widget').getByRole('slider').first()).toHaveValue(value);
  await expect.poll(() => form.locator('plan-widget').evaluate((el) => el.scenario)).toBe(detail.scenario);
  expect(await recorded(page)).toEqual({ violations: [], errors: [] });
});

test('scenario-submit can be cancelled by the host: no window opens, keyboard path', async ({ page, context }) => {
  await page.goto(PAGE);
  await ready(page, '#with');
  const submits = await recordEvents(page, '#with', 'scenario-submit', { cancel: true });
  const link = page.locator('#with').getByRole('link', { name: /提交我的方案/ });
  await link.focus();
  await page.keyboard.press('Enter');
  await expect.poll(submits.count).toBe(1);
  const [{ detail }] = await submits.all();
  expect(detail.scenario).toBe(await page.locator('#with').evaluate((el) => el.scenario));
  expect(detail.summary).toBe('按规划原样，未作改动。');
  expect(detail.url).toBe(`/feedback.html?code=${detail.scenario}&summary=${encodeURIComponent(detail.summary)}`);
  // The event is dispatched synchronously in the click: had it not been cancelled, the new
  // window would exist by now.
  expect(context.pages()).toHaveLength(1);
  expect(new URL(page.url()).pathname).toBe(PAGE);
});

test('without the attribute nothing appears; adding and removing it shows and hides the link', async ({ page }) => {
  await page.goto(PAGE);
  await ready(page, '#without');
  const w = page.locator('#without');
  await expect(w.getByRole('button', { name: 'Share', exact: true })).toBeVisible();
  await expect(w.locator('.pw-feedback')).toHaveCount(0);
  await w.evaluate((el) => el.setAttribute('feedback', '/feedback.html?c={code}'));
  const link = w.getByRole('link', { name: /Send my scenario to the bureau/ });
  await expect(link).toBeVisible();
  await expect(link).toHaveAccessibleName('Send my scenario to the bureau (opens the bureau\'s form in a new window)');
  const code = await w.evaluate((el) => el.scenario);
  await expect(link).toHaveAttribute('href', `/feedback.html?c=${code}`);
  // A script URL is never made a link.
  await w.evaluate((el) => el.setAttribute('feedback', 'javascript:alert({code})'));
  await expect(w.locator('.pw-feedback')).toHaveCount(0);
  await w.evaluate((el) => el.setAttribute('feedback', '/f?c={code}'));
  await expect(w.locator('.pw-feedback')).toHaveCount(1);
  await w.evaluate((el) => el.removeAttribute('feedback'));
  await expect(w.locator('.pw-feedback')).toHaveCount(0);
});
