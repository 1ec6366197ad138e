// Residents' choices shown back (the `tally` attribute) on the demo pages for it
// (www/residents.html, www/residents-en.html, strict CSP header), fed by the sample tally that
// tests/it/tally.rs writes (www/data/tally-sample.json): a band and the median under each slider,
// the same in words as the slider's description; Compare's residents' median column; a failed
// fetch said in the widget's language with nothing lost; axe finds no violation. The marks are
// those of the first lever in tests/tally/codes-1000.expected.en.txt. And the HTML
// report of `plan-widget tally` makes no request but its own file.
import { test, expect, ready, recorded, snap } from './fixtures.mjs';
import { axe } from './axe.mjs';

const PAGES = {
  'zh-CN': { url: '/residents.html', mark: '居民方案：中位数 70 所，中间一半 70 所 至 81 所（920 份中 554 份调整了此项）', add: '加入“居民方案中位数”一列', column: '居民方案中位数' },
  en: { url: '/residents-en.html', mark: 'Residents: median 70 schools, middle half 70 schools to 81 schools (554 of 920 scenarios changed it)', add: "Add the residents' median scenario as a column", column: "Residents' median scenario" },
};

for (const [lang, p] of Object.entries(PAGES)) {
  test(`${lang}: residents' marks on the sliders, in words too; Compare's median column; axe clean`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(p.url);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    const w = await ready(page);
    const row = w.locator('.pw-lever').first();
    await expect(row.locator('.pw-resident-band')).toBeVisible();
    const text = row.locator('.pw-resident-text');
    await expect(text).toHaveText(p.mark);
    // The slider is described by the words (screen readers), the band is hidden from them.
    const slider = row.getByRole('slider');
    await expect(slider).toHaveAttribute('aria-describedby', await text.getAttribute('id'));
    await expect(slider).toHaveAccessibleDescription(p.mark);
    await expect(row.locator('.pw-resident-band')).toHaveAttribute('aria-hidden', 'true');
    // Every lever of the open group has its mark.
    const n = await w.locator('.pw-lever').count();
    await expect(w.locator('.pw-resident-text')).toHaveCount(n);
    await snap(page, `residents-${lang}`, 'plan-widget .pw-levers');
    expect(await axe(page)).toEqual([]);

    await w.locator('[role=tab][id$="tab-compare"]').click();
    await w.getByRole('button', { name: p.add }).click();
    await expect(w.locator('.pw-table thead')).toContainText(p.column);
    expect(await axe(page)).toEqual([]);
    expect(await recorded(page)).toEqual({ violations: [], errors: [] });
  });
}

test('a tally that cannot be fetched is said in the widget language; the scenario stays', async ({ page }) => {
  await page.goto('/residents-en.html');
  const w = await ready(page);
  await expect(w.locator('.pw-resident-text').first()).toBeVisible();
  const slider = w.getByRole('slider').first();
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  const value = await slider.inputValue();
  await w.evaluate((el) => el.setAttribute('tally', '/data/no-such-tally.json'));
  await expect(w).toHaveAttribute('data-tally-error', 'tally-http');
  const url = new URL('/data/no-such-tally.json', page.url()).href;
  await expect(w.locator('.pw-residents-error')).toHaveText(
    `The residents' tally ${url} could not be loaded (HTTP 404). The sliders show no residents' marks; everything else works as usual.`,
  );
  await expect(w.locator('.pw-resident-text')).toHaveCount(0);
  await expect(slider).toHaveValue(value);
  await w.evaluate((el) => el.setAttribute('lang', 'zh-CN'));
  await expect(w.locator('.pw-residents-error')).toHaveText(
    `居民方案统计 ${url} 无法加载（HTTP 404）。滑块上不显示居民的选择，其余功能照常。`,
  );
  // A file that is not a tally names the problem.
  await w.evaluate((el) => el.setAttribute('tally', '/plans/small.json'));
  await expect(w).toHaveAttribute('data-tally-error', 'tally-invalid');
  await expect(w.locator('.pw-residents-error')).toContainText('不是 plan-widget tally 生成的统计文件');
  await expect(slider).toHaveValue(value);
});

test('the HTML report opens with no request but its own file', async ({ page, requests }) => {
  await page.goto('/data/tally-sample.html');
  await expect(page.locator('h1')).toContainText('居民方案统计');
  await expect(page.locator('.strip svg').first()).toBeVisible();
  expect(await page.locator('.strip svg .plan').count()).toBe(8);
  await page.waitForLoadState('networkidle');
  expect(requests).toEqual([new URL('/data/tally-sample.html', page.url()).href]);
  await snap(page, 'tally-report');
});
