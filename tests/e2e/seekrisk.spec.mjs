// "What would it take" and the chances of being met, on the demo page (the Handan plan).
import { test, expect, ready, snap } from './fixtures.mjs';

test('a dropped construction count: what would it take, apply, met again; chances shown', async ({ page }) => {
  await page.goto('/');
  await ready(page);
  const w = page.locator('plan-widget');
  const card = w.locator("li[data-target='new_junior']");
  // The run over the assumptions ends with a chance on the cards.
  await expect(card.locator('.pw-chance')).toHaveText('达成概率 100%');
  expect(await w.locator('.pw-chance').count()).toBeGreaterThan(40);
  await expect(card).toHaveClass(/pw-met/);
  await expect(card.locator('details.pw-seek')).toHaveCount(0);

  // 新建改扩建初中 from the plan's 26 down to 20.
  await w.locator('.pw-filter input').fill('新建改扩建初中');
  const field = w.locator("input[id$='in-new_junior-n']");
  await field.fill('20');
  await field.press('Tab');
  await expect(card).toHaveClass(/pw-not/);

  const seek = card.locator('details.pw-seek');
  await seek.locator('summary').click();
  const item = seek.locator("li[data-lever='new_junior']");
  await expect(item).toContainText('20 所 → 26 所');
  await snap(page, 'seekrisk-what-it-takes', "plan-widget >> li[data-target='new_junior']");
  await item.getByRole('button', { name: '应用:新建改扩建初中设为 26 所' }).click();

  await expect(w.locator("input[type=range][id$='in-new_junior']")).toHaveValue('26');
  await expect(card).toHaveClass(/pw-met/);
  await expect(w.locator('.pw-said')).toHaveText('已应用:新建改扩建初中 20 所 → 26 所');
  await expect(card.locator('.pw-chance')).toHaveText('达成概率 100%');
  await expect(w.locator('.pw-band').first()).toContainText('10%–90% 区间');
  await snap(page, 'seekrisk-applied');
});
