// Display units on the English page (the Handan plan): money reads as billion / million /
// thousand yuan, and a number typed in the English field is read in the unit shown and kept in
// the plan's canonical unit (亿元) in the scenario-change event and the share code.
import { test, expect, ready, snap } from './fixtures.mjs';

/** Records every scenario-change detail of the page in window.__changes. */
async function recordChanges(page) {
  await page.addInitScript(() => {
    window.__changes = [];
    document.addEventListener('scenario-change', (e) => window.__changes.push(e.detail));
  });
}

const lastValue = (page, id) =>
  page.evaluate((id) => window.__changes.at(-1).targets.find((t) => t.id === id).value, id);

test('English money reads in billion yuan; typed billions are kept as 亿元', async ({ page }) => {
  await recordChanges(page);
  await page.goto('/en.html');
  await ready(page);
  const w = page.locator('plan-widget');
  const card = w.locator("li[data-target='funding']");
  await expect(card.locator('.pw-value')).toHaveText('21.6 billion yuan');
  await expect(card.locator('.pw-goal')).toHaveText('at least 21.6 billion yuan');
  await snap(page, 'units-en-card', "plan-widget >> li[data-target='funding']");
  // The summary strip: funding needed 209.1 亿元 (the money constraint) against funding 216 亿元.
  const balance = w.locator('.pw-balance', { hasText: 'Funding needed' });
  await expect(balance).toContainText('20.9 billion yuan');
  await expect(balance).toContainText('21.6 billion yuan');
  const written = await w.evaluate((el) => el.scenario);

  await w.locator('.pw-filter input').fill('funding');
  const field = w.locator("input[id$='in-funding-n']");
  const slider = w.locator("input[type=range][id$='in-funding']");
  const row = w.locator("li.pw-lever:has(input[id$='in-funding-n'])");
  await expect(field).toHaveValue('21.6');
  await expect(slider).toHaveAttribute('aria-valuetext', '21.6 billion yuan');
  await expect(row).toContainText('Plan: 21.6 billion yuan');
  await snap(page, 'units-en-funding', "plan-widget >> li.pw-lever:has(input[id$='in-funding-n'])");

  // 20 billion yuan typed in English is 200 亿元 as data.
  await field.fill('20');
  await field.press('Tab');
  await expect(slider).toHaveValue('200');
  await expect(card.locator('.pw-value')).toHaveText('20 billion yuan');
  await expect(card).toHaveClass(/pw-not/);
  await expect.poll(() => lastValue(page, 'funding')).toBe(200);
  const code = await w.evaluate((el) => el.scenario);

  // The share code opened in Chinese shows the same amount in the plan's own unit.
  const zh = await page.context().newPage();
  await zh.goto(`/#pw=${code}`);
  await ready(zh);
  await expect(zh.locator("plan-widget li[data-target='funding'] .pw-value")).toHaveText('200 亿元');

  // Typing the plan's figure back gives the plan as written exactly (no 216.00000000000003).
  await field.fill('21.6');
  await field.press('Tab');
  await expect(slider).toHaveValue('216');
  await expect.poll(() => lastValue(page, 'funding')).toBe(216);
  await expect.poll(() => w.evaluate((el) => el.scenario)).toBe(written);
  await expect(row.getByRole('button', { name: /Reset/ })).toBeDisabled();
  await w.locator('.pw-filter input').fill('');
  await snap(page, 'units-en');
});
