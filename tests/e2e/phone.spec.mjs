// The phone layout (issue 15, "Built for the phone"): on a 375 × 740 screen the first screen shows
// the plan and how it stands, and while a lever moves its effect stays in view (the move strip,
// src/web/ui/strip.rs, sticky at the top of the viewport), in both languages and in large text;
// the strip never covers the focused control; axe finds nothing on this layout.
import { test, expect, ready, snap } from './fixtures.mjs';
import { axe } from './axe.mjs';

const W = 'plan-widget';
const PAGES = { 'zh-CN': '/', en: '/en.html' };
const PHONE = { width: 375, height: 740 };

test.use({ viewport: PHONE });

/** Whether the element's box lies wholly inside the viewport. */
async function inViewport(page, locator) {
  const box = await locator.boundingBox();
  if (!box) return false;
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= PHONE.width && box.y + box.height <= PHONE.height;
}

/** The projected value shown on every card, by target id. */
function cardValues(page) {
  return page.locator(`${W} .pw-card`).evaluateAll((cards) =>
    Object.fromEntries(cards.map((c) => [c.dataset.target, c.querySelector('.pw-value')?.textContent])),
  );
}

/** Opens `url` on a clean storage, optionally in large text; the widget ready. */
async function open(page, url, large) {
  await page.goto(url);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await ready(page);
  if (large) {
    await page.locator(`${W} .pw-toggle`).click();
    await expect(page.locator(`${W} .pw-root`)).toHaveClass(/pw-large/);
  }
}

/** Moves the first lever one step with the keyboard; the first changed figure of the strip. */
async function moveFirstLever(page) {
  const before = await cardValues(page);
  const slider = page.locator(`${W} input[type=range]`).first();
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  const moved = page.locator(`${W} .pw-strip-move`).first();
  await expect(moved).toBeVisible();
  // The strip's figure is the card's new value, and it differs from the value before the move.
  const id = await moved.getAttribute('data-target');
  const figure = moved.locator('strong');
  const card = page.locator(`${W} .pw-card[data-target="${id}"] .pw-value`);
  await expect(card).toHaveText((await figure.textContent()) ?? '');
  expect(await card.textContent()).not.toEqual(before[id]);
  return { slider, figure };
}

for (const [lang, url] of Object.entries(PAGES)) {
  for (const large of [false, true]) {
    const mode = large ? 'large text' : 'normal text';
    test(`phone 375 × 740, ${lang}, ${mode}: moving the first lever, a changed figure is in view`, async ({ page }) => {
      await open(page, url, large);
      // The widget's first screen (its top at the viewport's top): the plan's title and counts.
      await page.locator(W).evaluate((el) => el.scrollIntoView());
      await snap(page, `phone-first-${lang}-${large ? 'large' : 'normal'}`);
      expect(await inViewport(page, page.locator(`${W} .pw-title`)), 'the title').toBe(true);
      expect(await inViewport(page, page.locator(`${W} .pw-summary .pw-counts`)), 'the counts').toBe(true);
      const { slider, figure } = await moveFirstLever(page);
      expect(await inViewport(page, figure), 'the changed figure inside the viewport').toBe(true);
      expect(await inViewport(page, slider), 'the moved lever inside the viewport').toBe(true);
      // The strip does not cover the lever that moves.
      const strip = await page.locator(`${W} .pw-strip`).boundingBox();
      const lever = await slider.boundingBox();
      expect(lever.y).toBeGreaterThanOrEqual(strip.y + strip.height);
      await snap(page, `phone-${lang}-${large ? 'large' : 'normal'}`);
    });
  }

  test(`phone 375 × 740, ${lang}: tabbing on, the focused control stays clear of the strip`, async ({ page }) => {
    await open(page, url, false);
    await moveFirstLever(page);
    const strip = page.locator(`${W} .pw-strip`);
    for (let k = 0; k < 25; k++) {
      await page.keyboard.press('Tab');
      const box = await page.evaluate(() => {
        const el = document.querySelector('plan-widget').shadowRoot.activeElement;
        if (!el) return null;
        const r = el.getBoundingClientRect();
        return { y: r.y, height: r.height };
      });
      if (!box || box.height === 0) continue;
      const s = await strip.boundingBox();
      expect(box.y, `Tab ${k + 1}: below the strip`).toBeGreaterThanOrEqual(s.y + s.height - 1);
      expect(box.y + box.height, `Tab ${k + 1}: inside the viewport`).toBeLessThanOrEqual(PHONE.height + 1);
    }
  });

  test(`phone 375 × 740, ${lang}: axe finds no violation`, async ({ page }) => {
    await open(page, url, false);
    expect(await axe(page)).toEqual([]);
    await moveFirstLever(page);
    expect(await axe(page)).toEqual([]);
  });
}

test('desktop 1280 px: the move strip is not shown (levers and targets side by side)', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await open(page, '/', false);
  await page.locator(`${W} input[type=range]`).first().focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator(`${W} .pw-strip .pw-strip-move`).first()).toBeAttached();
  await expect(page.locator(`${W} .pw-strip`)).toBeHidden();
});
