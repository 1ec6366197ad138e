// What a portal visitor saw as wrong going through the widget at 375 and 1280 px in both
// languages (every tab, the share dialog, what it takes, large text), each fixed and held here:
// the move strip cut a figure in large text; the tab row scrolled sideways with a tab cut at the
// edge; the lever filter's field touched the first group's box; the Progress view's area list
// reached past the widget; Apply under "What would it take" dropped the keyboard focus to the
// page's body (now on the target's card, its heading clear of the move strip); the timeline's
// caption read "by month(%)".
import { test, expect, ready } from './fixtures.mjs';

const W = 'plan-widget';
const PAGES = { 'zh-CN': '/', en: '/en.html' };

/** Opens `url` at `width` (large text on when `large`); the widget's locator. */
async function open(page, url, width, large) {
  await page.setViewportSize({ width, height: 740 });
  await page.goto(url);
  const w = await ready(page);
  if (large) {
    await w.locator('.pw-toggle').click();
    await expect(w.locator('.pw-root')).toHaveClass(/pw-large/);
  }
  return w;
}

/** The parts of `sel` boxes (by their text) that reach past the right edge of `within`. */
function pastEdge(w, sel, within) {
  return w.evaluate((el, [sel, within]) => {
    const root = el.shadowRoot;
    const edge = root.querySelector(within).getBoundingClientRect().right;
    return [...root.querySelectorAll(sel)]
      .filter((e) => e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().right > edge + 0.5)
      .map((e) => `${e.textContent.trim()} (${Math.round(e.getBoundingClientRect().right)} > ${Math.round(edge)})`);
  }, [sel, within]);
}

for (const [lang, url] of Object.entries(PAGES)) {
  test(`${lang} 375 px, large text: the move strip shows every figure whole`, async ({ page }) => {
    const w = await open(page, url, 375, true);
    const slider = w.locator('input[type="range"]').first();
    await slider.focus();
    await page.keyboard.press('End'); // the largest move: long figures
    await expect(w.locator('.pw-strip-move').first()).toBeVisible();
    expect(await pastEdge(w, '.pw-strip-value', '.pw-strip')).toEqual([]);
  });

  test(`${lang} 320 and 375 px, large text: every tab inside the tab row, none scrolled away`, async ({ page }) => {
    for (const width of [375, 320]) {
      const w = await open(page, url, width, width === 375);
      if (width === 320) {
        await w.locator('.pw-toggle').click();
        await expect(w.locator('.pw-root')).toHaveClass(/pw-large/);
      }
      await w.locator('[role=tab][id$="tab-progress"]').click();
      const tabs = w.locator('.pw-tabs');
      expect(await tabs.evaluate((t) => t.scrollWidth - t.clientWidth), `${width} px`).toBeLessThanOrEqual(0);
      expect(await pastEdge(w, '[role=tab]', '.pw-tabs'), `${width} px`).toEqual([]);
      await page.evaluate(() => localStorage.clear());
    }
  });

  test(`${lang} 375 px, large text: the Progress view's lists stay inside the widget`, async ({ page }) => {
    const w = await open(page, url, 375, true);
    await w.locator('[role=tab][id$="tab-progress"]').click();
    await expect(w.locator('.pw-progress select').first()).toBeVisible({ timeout: 20000 });
    expect(await pastEdge(w, '.pw-progress select', '.pw-root')).toEqual([]);
  });
}

test('the lever filter keeps its distance from the first group', async ({ page }) => {
  const w = await open(page, '/', 1280, false);
  const gap = await w.evaluate((el) => {
    const root = el.shadowRoot;
    const field = root.querySelector('.pw-filter').getBoundingClientRect();
    const group = root.querySelector('.pw-levers .pw-group').getBoundingClientRect();
    return group.top - field.bottom;
  });
  expect(gap).toBeGreaterThanOrEqual(8);
});

test('Apply under "What would it take" by keyboard leaves the focus on the target\'s card', async ({ page }) => {
  const w = await open(page, '/en.html', 375, false);
  // The first lever at its minimum: a target is not met and offers what it would take.
  await w.locator('input[type="range"]').first().focus();
  await page.keyboard.press('Home');
  const seek = w.locator('.pw-seek summary').first();
  await seek.focus();
  await page.keyboard.press('Enter');
  const apply = w.locator('.pw-seek-apply').first();
  const card = await apply.evaluate((b) => b.closest('.pw-card').dataset.target);
  await apply.focus();
  await page.keyboard.press('Enter');
  await expect(w.locator(`.pw-card[data-target="${card}"] .pw-seek-apply`)).toHaveCount(0); // met now
  await expect(w.locator(`.pw-card[data-target="${card}"]`)).toBeFocused();
  // Its heading in view, not under the sticky move strip (scroll-margin-top, as for controls).
  const [label, strip] = await w.evaluate((el, id) => {
    const root = el.shadowRoot;
    return [
      root.querySelector(`.pw-card[data-target="${id}"] .pw-card-label`).getBoundingClientRect().top,
      root.querySelector('.pw-strip').getBoundingClientRect().bottom,
    ];
  }, card);
  expect(label).toBeGreaterThanOrEqual(strip);
  // Tab goes on from the card, inside the widget.
  await page.keyboard.press('Tab');
  expect(await w.evaluate((el) => !!el.shadowRoot.activeElement)).toBe(true);
});

test('the timeline caption and legend read as words in English', async ({ page }) => {
  const w = await open(page, '/en.html', 1280, false);
  await w.locator('[role=tab][id$="tab-progress"]').click();
  const caption = w.locator('.pw-tl-table caption').first();
  await expect(caption).toBeVisible({ timeout: 20000 });
  await expect(caption).toHaveText(/by month \(%\)$/);
  const legend = w.locator('.pw-tl-figure figcaption').first();
  expect(await legend.evaluate((f) => f.querySelectorAll('br').length)).toBe(1);
});
