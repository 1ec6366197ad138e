// The Compare tab on a phone (issue 15, "Built for the phone"): on a 375 × 740 screen, the
// visitor who has scrolled down to the tabs and opens Compare (a tap, or the arrow key on the tab
// list) sees the comparison at once: its heading, its column heads and its first row (the counts
// of each scenario) inside the viewport, clear of the sticky move strip, in both languages, in
// normal and large text. The levers fold behind a disclosure there (src/web/ui/compare.rs,
// lever_fold); opened, they come back, and the keyboard walks the view top to bottom (the focus
// order is the visual order). At 1280 px levers and comparison stay side by side, no disclosure.
import { test, expect, ready, snap } from './fixtures.mjs';

const W = 'plan-widget';
const PAGES = { 'zh-CN': '/', en: '/en.html' };
const PHONE = { width: 375, height: 740 };

test.use({ viewport: PHONE });

/** Opens `url` on a clean storage, optionally in large text; the widget ready. */
async function open(page, url, large) {
  await page.goto(url);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  const w = await ready(page);
  if (large) {
    await w.locator('.pw-toggle').click();
    await expect(w.locator('.pw-root')).toHaveClass(/pw-large/);
  }
  return w;
}

/** Scrolls the page as a visitor would to reach the views: the tab list just under the move
 *  strip (stuck to the top of the viewport); returns the strip's bottom edge. */
async function scrollToTabs(page) {
  return page.locator(W).evaluate((el) => {
    const root = el.shadowRoot;
    const strip = root.querySelector('.pw-strip');
    const top = root.querySelector('[role=tablist]').getBoundingClientRect().top;
    window.scrollTo({ top: window.scrollY + top - strip.getBoundingClientRect().height, behavior: 'instant' });
    return strip.getBoundingClientRect().bottom;
  });
}

/** Where `locator`'s box lies short of the visible part of the viewport (below the strip's bottom
 *  edge `below`): an empty list when it is wholly in view. */
async function outOfView(locator, below) {
  const box = await locator.boundingBox();
  if (!box) return ['not laid out'];
  const out = [];
  if (box.y < below) out.push(`top ${Math.round(box.y)} under the strip (${Math.round(below)})`);
  if (box.y + box.height > PHONE.height) out.push(`bottom ${Math.round(box.y + box.height)} below the screen`);
  if (box.x < 0 || box.x + box.width > PHONE.width) out.push(`sides ${Math.round(box.x)}–${Math.round(box.x + box.width)}`);
  return out;
}

/** The comparison's heading, its column heads and its first row are in view. */
async function expectComparisonInView(w, below) {
  const compare = w.locator('.pw-compare');
  await expect(compare).toBeVisible();
  expect(await outOfView(compare.locator('h3'), below), 'the heading').toEqual([]);
  expect(await outOfView(compare.locator('thead tr'), below), 'the column heads').toEqual([]);
  await expect(compare.locator('tbody tr').first()).toHaveText(/^(总体情况|At a glance)$/);
  expect(await outOfView(compare.locator('tbody tr').first(), below), 'the first row').toEqual([]);
  // The counts at a glance, one row per status, with each column's figure.
  const counts = compare.locator('.pw-count-row');
  await expect(counts).toHaveCount(3);
  await expect(counts.first().locator('td')).toHaveText([/^\d+$/, /^\d+$/]);
  for (let k = 0; k < 3; k++) {
    expect(await outOfView(counts.nth(k), below), `the counts, row ${k + 1}`).toEqual([]);
  }
  // Nothing of the two columns (the plan as written, the current scenario) is cut at the side.
  const wrap = compare.locator('.pw-table-wrap');
  expect(await wrap.evaluate((el) => el.scrollWidth - el.clientWidth), 'the table scrolls sideways').toBeLessThanOrEqual(0);
  // A name wider than its column breaks at a syllable with a hyphen where the browser can
  // (Debian's Chromium has no hyphenation dictionary; Firefox ESR does): the rule reaches the
  // row heads, in the widget's language.
  expect(await compare.locator('tbody th').first().evaluate((el) => getComputedStyle(el).hyphens)).toBe('auto');
}

/** The focused element of the widget: its tag, class and id, and its top in page coordinates. */
function focused(page) {
  return page.locator(W).evaluate((el) => {
    const f = el.shadowRoot.activeElement;
    if (!f) return null;
    const r = f.getBoundingClientRect();
    return { tag: f.tagName.toLowerCase(), cls: f.className, id: f.id, top: r.top + window.scrollY, height: r.height };
  });
}

/** Presses Tab `n` times; each newly focused control lies at or below the one before it. */
async function tabDown(page, n) {
  const seen = [];
  let last = await focused(page);
  for (let k = 0; k < n; k++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (!f) break; // left the widget
    seen.push(f.cls || f.id || f.tag);
    expect(f.height, `Tab ${k + 1} (${seen.join(' → ')}): a visible control`).toBeGreaterThan(0);
    expect(f.top, `Tab ${k + 1} (${seen.join(' → ')}): not above the one before`).toBeGreaterThanOrEqual(last.top - 1);
    last = f;
  }
  return seen;
}

for (const [lang, url] of Object.entries(PAGES)) {
  for (const large of [false, true]) {
    const mode = large ? 'large' : 'normal';
    test(`phone 375 × 740, ${lang}, ${mode} text: a tap on Compare shows the comparison first`, async ({ page }) => {
      const w = await open(page, url, large);
      const below = await scrollToTabs(page);
      await w.locator('[role=tab][id$="tab-compare"]').click();
      await snap(page, `compare-phone-${lang}-${mode}`);
      await expectComparisonInView(w, below);
      // The levers are one tap away, right under the tabs, and come back opened.
      const fold = w.locator('.pw-lever-fold > summary');
      expect(await outOfView(fold, below), 'the levers disclosure').toEqual([]);
      await expect(w.locator('.pw-levers')).toBeHidden();
      await fold.click();
      await expect(w.locator('.pw-lever-fold')).toHaveJSProperty('open', true);
      await expect(w.locator('.pw-levers input[type=search]')).toBeVisible();
      await snap(page, `compare-phone-${lang}-${mode}-levers`);
    });

    test(`phone 375 × 740, ${lang}, ${mode} text: by keyboard, Compare shows the comparison first, Tab walks it top to bottom`, async ({ page }) => {
      const w = await open(page, url, large);
      const below = await scrollToTabs(page);
      await w.locator('[role=tab][aria-selected=true]').focus();
      await page.keyboard.press('ArrowRight');
      await expect(w.locator('[role=tab][id$="tab-compare"]')).toHaveAttribute('aria-selected', 'true');
      expect((await focused(page)).id).toMatch(/tab-compare$/);
      await expectComparisonInView(w, below);
      // Folded: the levers disclosure, the table, the name field, Keep; in the order they are seen.
      const path = await tabDown(page, 4);
      expect(path).toEqual(['summary', 'pw-table-wrap', expect.stringMatching(/keep-name$/), 'pw-btn pw-primary']);
      // Opened with the keyboard: the levers, then the comparison, still top to bottom.
      await w.locator('.pw-lever-fold > summary').focus();
      await page.keyboard.press('Enter');
      await expect(w.locator('.pw-lever-fold')).toHaveJSProperty('open', true);
      const opened = await tabDown(page, 12);
      expect(opened[0]).toMatch(/filter$/);
    });
  }
}

// A visitor who taps Compare while the tab list is still low on the screen (just scrolled into
// sight) would open the comparison below the fold: the widget brings the tab list up under the
// strip once the view has rendered (src/web/ui/share/tabs.rs, bring_up). With the tab list
// already high on the screen, a tap scrolls nothing.
for (const [lang, url] of Object.entries(PAGES)) {
  test(`phone 375 × 740, ${lang}: Compare tapped low on the screen comes up into view; tapped high, nothing scrolls`, async ({ page }) => {
    const w = await open(page, url, false);
    const below = await scrollToTabs(page);
    // The tab list at 85% of the screen's height.
    await page.locator(W).evaluate((el) => {
      const top = el.shadowRoot.querySelector('[role=tablist]').getBoundingClientRect().top;
      window.scrollTo({ top: window.scrollY + top - innerHeight * 0.85, behavior: 'instant' });
    });
    const low = await page.evaluate(() => window.scrollY);
    await w.locator('[role=tab][id$="tab-compare"]').click();
    await expect.poll(() => page.evaluate(() => window.scrollY), 'the page scrolled the view up').toBeGreaterThan(low + 300);
    await expectComparisonInView(w, below);
    // High on the screen (under the strip): back to the targets and to Compare, the page stays.
    const high = await page.evaluate(() => window.scrollY);
    await w.locator('[role=tab][id$="tab-targets"]').click();
    await w.locator('[role=tab][id$="tab-compare"]').click();
    await expect(w.locator('.pw-compare')).toBeVisible();
    expect(await page.evaluate(() => window.scrollY), 'a tab high on the screen scrolls nothing').toBe(high);
  });
}

/** A wider screen: `url` opened at `size` (optionally in large text), on the Compare tab. */
async function compareAt(page, size, url, large) {
  await page.setViewportSize(size);
  const w = await open(page, url, large);
  await w.locator('[role=tab][id$="tab-compare"]').click();
  await expect(w.locator('.pw-compare')).toBeVisible();
  return w;
}

test('desktop 1280 px: on Compare the levers stay beside the comparison, no disclosure', async ({ page }) => {
  const w = await compareAt(page, { width: 1280, height: 900 }, '/', false);
  await expect(w.locator('.pw-lever-fold')).toBeHidden();
  const levers = await w.locator('.pw-levers').boundingBox();
  const compare = await w.locator('.pw-compare').boundingBox();
  expect(levers.x + levers.width, 'levers on the left').toBeLessThan(compare.x);
  expect(Math.abs(levers.y - compare.y), 'side by side').toBeLessThan(2);
  await snap(page, 'compare-desktop-zh-CN');
});

test('large text at 1024 px (one column): the levers fold on Compare too', async ({ page }) => {
  const w = await compareAt(page, { width: 1024, height: 768 }, '/en.html', true);
  await expect(w.locator('.pw-lever-fold')).toBeVisible();
  await expect(w.locator('.pw-levers')).toBeHidden();
  await w.locator('.pw-lever-fold > summary').click();
  await expect(w.locator('.pw-levers')).toBeVisible();
  // Folded again on the next visit to the tab.
  await w.locator('[role=tab][id$="tab-targets"]').click();
  await expect(w.locator('.pw-levers')).toBeVisible();
  await w.locator('[role=tab][id$="tab-compare"]').click();
  await expect(w.locator('.pw-lever-fold')).toHaveJSProperty('open', false);
  await expect(w.locator('.pw-levers')).toBeHidden();
});
