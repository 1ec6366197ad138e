// The toolbar on narrow screens (issue 15, "Built for the phone"): at 320–375 px, in both
// languages, in large text and at 200% zoom (a 1280 px screen zoomed: 640 CSS px), every toolbar
// control lies wholly inside the viewport (nothing cut at the screen's edge, nothing to scroll
// sideways to), the feedback link and the exports behind "More" (src/web/ui/toolbar_more.rs),
// and the counts still reach the first screen of the widget.
import { test, expect, ready, snap } from './fixtures.mjs';

const W = 'plan-widget';
const PAGES = { 'zh-CN': '/', en: '/en.html' };
const SCREENS = [
  { width: 375, height: 740 },
  { width: 320, height: 640 },
  { width: 640, height: 450 }, // 200% zoom of a 1280 × 900 screen
];

/** Every control of the toolbar whose box lies partly outside the viewport (its text and box). */
function cutControls(page, width) {
  return page.locator(`${W} .pw-toolbar`).evaluate((bar, width) => {
    const cut = [];
    for (const c of bar.querySelectorAll('button, a, select, input')) {
      const r = c.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.left < 0 || r.right > width + 0.5) cut.push(`${c.textContent.trim()} [${Math.round(r.left)}, ${Math.round(r.right)}]`);
    }
    return cut;
  }, width);
}

for (const [lang, url] of Object.entries(PAGES)) {
  for (const screen of SCREENS) {
    for (const large of [false, true]) {
      const name = `${lang} ${screen.width} × ${screen.height}${large ? ' large text' : ''}`;
      test(`toolbar ${name}: every control fully in view, the counts on the first screen`, async ({ page }) => {
        await page.setViewportSize(screen);
        await page.goto(url); // a fresh context: large text off
        const w = await ready(page);
        if (large) {
          await w.locator('.pw-toggle').click();
          await expect(w.locator('.pw-root')).toHaveClass(/pw-large/);
        }
        await w.evaluate((el) => el.scrollIntoView());
        // The toolbar has its controls (undo, redo, reset, large text, share, exports).
        expect(await w.locator('.pw-toolbar button').count()).toBeGreaterThanOrEqual(6);
        expect(await cutControls(page, screen.width)).toEqual([]);
        // Nothing in the toolbar scrolls sideways.
        expect(await w.locator('.pw-toolbar').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
        // The counts on the first screen: at 375 × 740 and 320 × 640, in both modes (in large text
        // at 320 px the title takes a smaller scale, or it alone would fill the screen).
        if (screen.width === 375 || screen.width === 320) {
          const counts = await w.locator('.pw-summary .pw-counts').boundingBox();
          expect(counts.y + counts.height, 'the counts on the first screen').toBeLessThanOrEqual(screen.height);
        }
        await snap(page, `toolbar-${lang}-${screen.width}${large ? '-large' : ''}`);
        // In one column the feedback link and the exports are behind "More": opened, they are
        // in view too, and reached by the keyboard.
        const more = w.locator('.pw-more-toggle');
        await expect(more).toHaveAttribute('aria-expanded', 'false');
        await expect(w.locator('.pw-feedback')).toBeHidden();
        await more.focus();
        await page.keyboard.press('Enter');
        await expect(more).toHaveAttribute('aria-expanded', 'true');
        await expect(w.locator('.pw-feedback')).toBeVisible();
        await page.keyboard.press('Tab');
        await expect(w.locator('.pw-feedback')).toBeFocused();
        expect(await cutControls(page, screen.width)).toEqual([]);
        await snap(page, `toolbar-${lang}-${screen.width}${large ? '-large' : ''}-more`);
      });
    }
  }
}
