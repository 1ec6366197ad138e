// A lever moved by its keys is a complete undo step at once, in every engine (issue 15, "Every
// engine"; src/web/ui/levers.rs): the step does not wait for the slider's `change` (an engine or
// assistive technology may send `input` alone; and the widget renders between a key's `input`
// and its `change`, so waiting showed a key's move as a drag step, the cards out of view coming
// 50 ms later). A pointer drag stays one step from press to release. The same keyboard undo is
// checked in Firefox ESR and WebKitGTK by scripts/test-engines.mjs.
import { test, expect, ready } from './fixtures.mjs';

const W = 'plan-widget';

/** The first lever's slider, focused, and its value and step. */
async function firstSlider(page) {
  const w = await ready(page);
  const slider = w.locator('input[type="range"]').first();
  await slider.focus();
  const [value, step] = await slider.evaluate((s) => [Number(s.value), Number(s.step) || 1]);
  return { w, slider, value, step };
}

const valueOf = (slider) => slider.evaluate((s) => Number(s.value));

test('two arrow keys are two undo steps even where a slider sends no change event', async ({ page }) => {
  await page.goto('/en.html');
  const { w, slider, value, step } = await firstSlider(page);
  // An engine that sends `input` alone: the sliders' `change` stops before the widget's listener.
  await w.evaluate((el) => el.shadowRoot.addEventListener('change', (e) => {
    if (e.target.type === 'range') e.stopImmediatePropagation();
  }, true));
  const undo = w.locator('.pw-toolbar button').first();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => valueOf(slider)).toBeCloseTo(value + step);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => valueOf(slider)).toBeCloseTo(value + 2 * step);
  await undo.click();
  await expect.poll(() => valueOf(slider), 'one key press back').toBeCloseTo(value + step);
  await undo.click();
  await expect.poll(() => valueOf(slider)).toBeCloseTo(value);
  await expect(undo).toBeDisabled();
});

test('arrow keys with their change events: each press is its own undo step', async ({ page }) => {
  await page.goto('/');
  const { w, slider, value, step } = await firstSlider(page);
  for (let i = 1; i <= 3; i++) {
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => valueOf(slider)).toBeCloseTo(value + i * step);
  }
  await page.keyboard.press('Control+z');
  await expect.poll(() => valueOf(slider)).toBeCloseTo(value + 2 * step);
  await w.locator('.pw-toolbar button').first().click();
  await expect.poll(() => valueOf(slider)).toBeCloseTo(value + step);
});

test('a pointer drag is one undo step from press to release', async ({ page }) => {
  await page.goto('/en.html');
  const { w, slider, value } = await firstSlider(page);
  const box = await slider.boundingBox();
  const y = box.y + box.height / 2;
  const at = (f) => box.x + box.width * f;
  await page.mouse.move(at(0.2), y);
  await page.mouse.down();
  for (const f of [0.3, 0.45, 0.6, 0.75]) await page.mouse.move(at(f), y, { steps: 3 });
  await page.mouse.up();
  const dragged = await valueOf(slider);
  expect(dragged).not.toBeCloseTo(value);
  const undo = w.locator('.pw-toolbar button').first();
  await undo.click();
  await expect.poll(() => valueOf(slider), 'the whole drag undone at once').toBeCloseTo(value);
  await expect(undo).toBeDisabled();
});

test('a key press is no drag step: every card it changes is drawn with it, those out of view too', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 600 });
  await page.addInitScript(() => {
    document.addEventListener('scenario-change', (e) => (window.__last = e.detail));
  });
  await page.goto('/en.html');
  const { w } = await firstSlider(page);
  await expect(w.locator('.pw-root')).not.toHaveClass(/pw-estimating/, { timeout: 60000 });
  // Each batch of DOM changes (a MutationObserver callback): the cards it touched.
  await w.evaluate((el) => {
    window.__before = new Map(window.__last.targets.map((t) => [t.id, `${t.value} ${t.status}`]));
    window.__batches = [];
    new MutationObserver((records) => {
      const ids = new Set();
      for (const r of records) {
        const node = r.target.nodeType === 1 ? r.target : r.target.parentElement;
        const id = node?.closest('.pw-card')?.dataset.target;
        if (id) ids.add(id);
      }
      if (ids.size) window.__batches.push({ t: performance.now(), ids: [...ids] });
    }).observe(el.shadowRoot, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await page.keyboard.press('ArrowRight');
  // The targets the move changed (its scenario-change), once every one's card has changed.
  const r = await expect.poll(() => w.evaluate((el) => {
    const changed = window.__last.targets.filter((t) => window.__before.get(t.id) !== `${t.value} ${t.status}`).map((t) => t.id);
    const drawn = new Set(window.__batches.flatMap((b) => b.ids));
    return changed.length && changed.every((id) => drawn.has(id));
  })).toBe(true);
  const seen = await w.evaluate((el) => {
    const changed = window.__last.targets.filter((t) => window.__before.get(t.id) !== `${t.value} ${t.status}`).map((t) => t.id);
    const out = changed.filter((id) => {
      const b = el.shadowRoot.querySelector(`.pw-card[data-target="${id}"]`).getBoundingClientRect();
      return b.top > innerHeight || b.bottom < 0;
    });
    // How long after the move's first DOM change each changed card was drawn (ms).
    const t0 = window.__batches[0].t;
    const late = changed.filter((id) => window.__batches.find((b) => b.ids.includes(id)).t - t0 >= 50);
    return { changed, out, late };
  });
  expect(seen.out.length, 'some changed cards are out of view').toBeGreaterThan(0);
  // A drag step draws the cards out of view only once the input has been still for 50 ms;
  // a key's step draws them with the move (in one render, which yew may split over tasks on a
  // busy machine: so within 50 ms of the first change, not necessarily in its batch).
  expect(seen.late, 'changed cards not drawn with the move').toEqual([]);
});
