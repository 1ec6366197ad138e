// The model's truths on the demo page (the Handan plan): outcomes, commitments and checks
// counted apart; a funding cut says what it stopped, on the summary and the cards it reaches;
// each input says where its default comes from.
import { test, expect, ready, snap } from './fixtures.mjs';

test('a funding cut: the gap and what it stopped, in words, where the user is looking', async ({ page }) => {
  await page.goto('/');
  await ready(page);
  const w = page.locator('plan-widget');
  await expect(w.locator('.pw-roles')).toHaveText('成效指标 14/14 达成 · 承诺事项 47/47 按计划 · 可行性检查 2/2 通过');
  await expect(w.locator('.pw-gap')).toHaveCount(0);
  await expect(w.locator('.pw-checks li.pw-card')).toHaveCount(2);
  await snap(page, 'model-summary', 'plan-widget >> .pw-summary');

  await w.locator('.pw-filter input').fill('教育经费');
  const field = w.locator("input[id$='in-funding-n']");
  await field.fill('150');
  await field.press('Tab');
  await expect(w.locator('.pw-gap')).toContainText('经费缺口 59.1 亿元');
  await expect(w.locator('.pw-gap')).toContainText('新建改扩建学校仅 0% 可落实');
  const card = w.locator("li[data-target='preschool_ger']");
  await expect(card).toHaveClass(/pw-not/);
  await expect(card.locator('.pw-reason')).toContainText('原因：经费缺口 59.1 亿元');
  await expect(w.locator("li[data-target='check_financed']")).toHaveClass(/pw-not/);
  await expect(w.locator('.pw-roles')).toHaveText('成效指标 4/14 达成 · 承诺事项 38/47 按计划 · 可行性检查 0/2 通过');
  await snap(page, 'model-funding-150-summary', 'plan-widget >> .pw-summary');
  await snap(page, 'model-funding-150-card', "plan-widget >> li[data-target='preschool_ger']");

  // Where each default comes from, as a word beside the label.
  await w.locator('.pw-filter input').fill('补充教师');
  const label = w.locator("label[for$='in-teachers_hired']");
  await expect(label.locator('.pw-origin')).toContainText('原文未载');
  await snap(page, 'model-origin', "plan-widget >> li.pw-lever:has(input[id$='in-teachers_hired'])");
});
