// The widget's CSS reset (`margin: 0; padding: 0` on p, h2–h5, ul, blockquote, table) weighs
// nothing, so a component's own class rule applies: `.pw-root p` (0,1,1) used to outrank
// `.pw-hint { margin-bottom: 0.5em }` (0,1,0), and every hint, heading and section title sat
// against what followed it (widget.css).
import { test, expect, ready } from './fixtures.mjs';

// [element, what its rule in widget.css says: property → em of the element's own font size]
const RULES = [
  ['.pw-levers > h3.pw-h', { marginBottom: 0.4 }],
  ['.pw-levers > p.pw-hint', { marginBottom: 0.5 }],
  ['.pw-levers > p.pw-filter', { marginBottom: 0.6 }],
  ['ul.pw-rows', { paddingLeft: 0.6, paddingRight: 0.6, paddingBottom: 0.4 }],
  ['h4.pw-section-title', { marginBottom: 0.5, paddingBottom: 0.25 }],
];

for (const [lang, url] of [['zh-CN', '/'], ['en', '/en.html']]) {
  test(`${lang}: the class rules' margins and paddings apply, not the reset's 0`, async ({ page }) => {
    await page.goto(url);
    await ready(page);
    const w = page.locator('plan-widget');
    await w.locator('.pw-group > summary').first().click();
    const got = {};
    for (const [selector, rule] of RULES) {
      got[selector] = await w.locator(selector).first().evaluate((e, props) => {
        const cs = getComputedStyle(e);
        const px = parseFloat(cs.fontSize);
        return Object.fromEntries(props.map((p) => [p, Math.round((parseFloat(cs[p]) / px) * 100) / 100]));
      }, Object.keys(rule));
    }
    expect(got).toEqual(Object.fromEntries(RULES));
  });
}

test('the button reset weighs nothing too: a count chip is in its status colour, the tabs are smaller on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto('/');
  await ready(page);
  const w = page.locator('plan-widget');
  // `.pw-count-chip { color: var(--pw-s); border: 1px solid var(--pw-s) }`: the word in the
  // colour of the border (`.pw-root button { color: inherit }` made it the text colour).
  for (const status of ['met', 'at_risk', 'not_met']) {
    const chip = w.locator(`button.pw-count-chip[data-status="${status}"]`);
    const [color, border] = await chip.evaluate((e) => [getComputedStyle(e).color, getComputedStyle(e).borderTopColor]);
    expect(color, status).toBe(border);
  }
  // Under 30em wide a tab is 0.9em of the widget's 16 px (`.pw-root button { font: inherit }`
  // kept it at 16 px).
  const size = await w.locator('[role=tab]').first().evaluate((e) => getComputedStyle(e).fontSize);
  expect(size).toBe('14.4px');
});
