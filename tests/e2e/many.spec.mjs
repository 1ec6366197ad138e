// Only what a move changes re-renders (issue 15, src/web/ui/cards.rs): a MutationObserver on
// every card sees the cards of the targets whose value or status the move changed (by the
// scenario-change events before and after it), and otherwise only cards whose markup differs
// after the move (a resource gap's words); every other card sees no mutation. On the default plan a single move
// (a click, a key, a committed value) changes them all at once; on a generated plan of 600 targets (scripts/many-plan.mjs) the changed
// cards in view change with the move and the others within a few frames after it. A step of a
// drag (`input` without `change`) draws only the changed cards near the view, on any plan, and
// the others come once the input has been still for 50 ms: a step cancels the slices still to come.
import { test, expect, ready } from './fixtures.mjs';
import { manyPlan } from '../../scripts/many-plan.mjs';

const W = 'plan-widget';

const MANY = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>many targets</title>
<script type="module" src="/pkg/plan-widget.js"></script></head>
<body><plan-widget src="/plans/many.json" lang="zh-CN"></plan-widget></body></html>`;

/** Opens `url` (the widget ready, its first chances estimated). */
async function open(page, url) {
  await page.goto(url);
  await ready(page);
  await expect(page.locator(`${W} .pw-root`)).not.toHaveClass(/pw-estimating/, { timeout: 60000 });
}

/**
 * Moves the first slider to `value` and watches every card until all cards of the targets
 * whose value or status the move changed (by the scenario-change events before and after it)
 * have changed and no card changed for 100 ms (at most `ms`): those targets, the cards in the order they first changed, the cards whose
 * markup differs from before the move, and the changed targets whose cards are in the viewport.
 */
function move(page, value, ms) {
  return page.evaluate(async ([value, ms]) => {
    const host = document.querySelector('plan-widget');
    const root = host.shadowRoot;
    const slider = root.querySelector('input[type=range]');
    const before = new Map(window.__last.targets.map((t) => [t.id, t]));
    let changed = null;
    // Quiet first: the last estimate's announcements and strip are drawn.
    await new Promise((resolve) => {
      const mo = new MutationObserver(() => {
        clearTimeout(quiet);
        quiet = setTimeout(end, 200);
      });
      const end = () => resolve(mo.disconnect());
      let quiet = setTimeout(end, 200);
      mo.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    const cardsNow = () => new Map([...root.querySelectorAll('.pw-card')].map((c) => [c.dataset.target, c.outerHTML]));
    const was = cardsNow();
    const order = [];
    let done;
    const finished = new Promise((resolve) => (done = resolve));
    const timer = setTimeout(done, ms);
    let calm;
    const check = () => {
      clearTimeout(calm);
      if (changed && changed.every((id) => order.includes(id))) calm = setTimeout(done, 100);
    };
    host.addEventListener('scenario-change', (e) => {
      changed = e.detail.targets
        .filter((t) => before.get(t.id).value !== t.value || before.get(t.id).status !== t.status)
        .map((t) => t.id);
      check();
    }, { once: true });
    // (The chances the move's estimate brings later change only cards whose figures change:
    // their markup differs too.)
    const mo = new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
        const id = el?.closest('.pw-card')?.dataset.target;
        if (id && !order.includes(id)) order.push(id);
      }
      check();
    });
    mo.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    slider.value = String(value);
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    await finished;
    clearTimeout(timer);
    clearTimeout(calm);
    mo.disconnect();
    const now = cardsNow();
    const differ = [...now.keys()].filter((id) => now.get(id) !== was.get(id));
    const inView = (changed || []).filter((id) => {
      const r = root.querySelector(`.pw-card[data-target="${id}"]`).getBoundingClientRect();
      return r.bottom > 0 && r.top < innerHeight;
    });
    return { changed, order, differ, inView, cards: now.size };
  }, [value, ms]);
}

/** Keeps the last scenario-change detail in window.__last (from before the widget mounts). */
async function recordLast(page) {
  await page.addInitScript(() => {
    document.addEventListener('scenario-change', (e) => (window.__last = e.detail));
  });
}

test('a move re-renders the cards it changes and no other', async ({ page }) => {
  await recordLast(page);
  await open(page, '/');
  const r = await move(page, 10, 2000);
  expect(r.changed.length).toBeGreaterThan(0);
  expect(r.changed.length).toBeLessThan(r.cards);
  // Every changed card changed; the cards touched are those whose markup differs (a resource
  // gap's words may change on a card whose value does not), and no other card at all.
  for (const id of r.changed) expect(r.order).toContain(id);
  expect(new Set(r.order)).toEqual(new Set(r.differ));
  expect(r.order.length).toBeLessThan(r.cards);
});

test('600 targets: the changed cards in view change first, the others just after', async ({ page }) => {
  // Two estimates of 600 targets' chances on a shared machine.
  test.setTimeout(120000);
  await recordLast(page);
  const plan = JSON.stringify(manyPlan(600));
  await page.route('**/many.html', (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body: MANY }));
  await page.route('**/plans/many.json', (r) => r.fulfill({ contentType: 'application/json', body: plan }));
  await open(page, '/many.html');
  // A first move finds the cards it changes; the last of them in plan order (the last a slice
  // would reach) is scrolled to the middle of the viewport (the viewport watcher has seen it
  // after two frames), the chances settle, and the lever moves again.
  const first = await move(page, 10, 5000);
  expect(first.changed.length).toBeGreaterThan(24); // more than SLICE in src/web/ui/cards.rs
  const last = first.changed.at(-1);
  await page.evaluate(async (id) => {
    const root = document.querySelector('plan-widget').shadowRoot;
    root.querySelector(`.pw-card[data-target="${id}"]`).scrollIntoView({ block: 'center' });
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  }, last);
  await expect(page.locator(`${W} .pw-root`)).not.toHaveClass(/pw-estimating/, { timeout: 60000 });
  const r = await move(page, 120, 5000);
  expect(r.cards).toBe(600);
  // Cards in view that a slice in plan order would reach late (past the first 24) come with
  // the move, before the first slice of the others.
  const late = r.inView.filter((id) => r.changed.indexOf(id) >= 24);
  expect(late.length).toBeGreaterThan(0);
  for (const id of r.inView) expect(r.order.indexOf(id), `card ${id} is in view`).toBeLessThan(24);
  // Then every changed card, and no card whose markup stays the same.
  for (const id of r.changed) expect(r.order).toContain(id);
  expect(new Set(r.order)).toEqual(new Set(r.differ));
  expect(r.order.length).toBeLessThan(r.cards);
});

test('600 targets: a move cancels the slices of the one before; they come once the input is still', async ({ page }) => {
  test.setTimeout(120000);
  const plan = JSON.stringify(manyPlan(600));
  await page.route('**/many.html', (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body: MANY }));
  await page.route('**/plans/many.json', (r) => r.fulfill({ contentType: 'application/json', body: plan }));
  await open(page, '/many.html');
  await twoSteps(page);
});

test('a step of a drag draws the changed cards in view with it, the others once the input is still', async ({ page }) => {
  // The default plan's 63 targets (scripts/many-plan.mjs adds none), on the page of the 600:
  // a move changes fewer than 24 cards, all drawn with a single move; two `input` events
  // without `change` are a drag.
  const plan = JSON.stringify(manyPlan(63));
  await page.route('**/many.html', (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body: MANY }));
  await page.route('**/plans/many.json', (r) => r.fulfill({ contentType: 'application/json', body: plan }));
  await open(page, '/many.html');
  await twoSteps(page);
});

/**
 * Two steps of a drag (`input` events, no `change`) a task apart (the first one's slices
 * waiting, FIRST_SLICE_MS in src/web/ui/cards.rs), then the page is left alone until the
 * cards are calm. The second step's first DOM change holds no card far from view; every card
 * change after it comes at least 50 ms after it, when the slices start (none of the first
 * step's slices runs in between), and the cards far from view do catch up.
 */
async function twoSteps(page) {
  const r = await page.evaluate(async () => {
    const root = document.querySelector('plan-widget').shadowRoot;
    const slider = root.querySelector('input[type=range]');
    const set = (v) => {
      slider.value = String(v);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
    };
    // A tenth of the way, then the top: two different values whatever the lever's range.
    const [lo, hi, step] = [Number(slider.min), Number(slider.max), Number(slider.step) || 1];
    const tenth = lo + Math.max(1, Math.round((hi - lo) / step / 10)) * step;
    const firstChange = () => new Promise((resolve) => {
      const mo = new MutationObserver(() => resolve(mo.disconnect()));
      mo.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    const drawn = firstChange();
    set(tenth);
    await drawn;
    const t0 = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const batches = [];
    const mo = new MutationObserver((records) => {
      const at = performance.now();
      const ids = new Set();
      for (const rec of records) {
        const el = rec.target.nodeType === 1 ? rec.target : rec.target.parentElement;
        const id = el?.closest('.pw-card')?.dataset.target;
        if (id) ids.add(id);
      }
      if (ids.size) batches.push({ at, ids: [...ids] });
    });
    mo.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    // Cards the viewport watcher counts as near (its margin is 25% of the viewport), where they
    // are when the move comes: the move itself may push them down (a gap's line in the summary).
    const near = new Set([...root.querySelectorAll('.pw-card')].filter((card) => {
      const b = card.getBoundingClientRect();
      return b.bottom > -0.25 * innerHeight && b.top < 1.25 * innerHeight;
    }).map((card) => card.dataset.target));
    const t1 = performance.now();
    set(hi);
    // Calm: no card changed for 300 ms (the slices are done; the estimate's chances come later).
    await new Promise((resolve) => {
      const poll = () => {
        const last = batches.length ? batches.at(-1).at : t1;
        if (performance.now() - last > 300) resolve();
        else setTimeout(poll, 50);
      };
      setTimeout(poll, 50);
    });
    mo.disconnect();
    return {
      gap: t1 - t0,
      batches: batches.map((b) => ({ after: b.at - t1, ids: b.ids, far: b.ids.filter((id) => !near.has(id)) })),
    };
  });
  expect(r.batches.length).toBeGreaterThan(1);
  const [withMove, ...later] = r.batches;
  expect(withMove.far, 'no card far from view comes with the move').toEqual([]);
  const early = later.filter((b) => b.after < 50 && b.far.length);
  expect(early, `cards far from view changed within 50 ms of the second move (the second ${r.gap.toFixed(0)} ms after the first's first change)`).toEqual([]);
  expect(later.some((b) => b.far.length), 'the cards far from view caught up').toBe(true);
}

test('on the prerendered demo page too, a step of a drag draws the changed cards in view with it', async ({ page }) => {
  // The prerendered cards had their first content-visibility events before the wasm came, so
  // the viewport watcher must see them without one (RELEVANCE_EVENT in src/web/ui/cards.rs):
  // the first cards are near the first screen (rendered from the start), and scrolled to they
  // stay rendered while cards further down start to be (their events reach the watcher).
  await page.setViewportSize({ width: 1280, height: 720 });
  await open(page, '/');
  const r = await page.evaluate(async () => {
    const root = document.querySelector('plan-widget').shadowRoot;
    root.querySelector('.pw-cards').scrollIntoView();
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    for (let i = 0; i < 10; i++) await frame();
    const slider = root.querySelector('input[type=range]');
    // A card's value (the move's own change; the chances estimated after it change other parts).
    const cards = () => new Map([...root.querySelectorAll('.pw-card')].map((c) => [c.dataset.target, c.querySelector('.pw-value')?.textContent]));
    const inView = (id) => {
      const b = root.querySelector(`.pw-card[data-target="${id}"]`).getBoundingClientRect();
      return b.bottom > 0 && b.top < innerHeight;
    };
    const was = cards();
    const records = [];
    const mo = new MutationObserver((rs) => records.push(...rs));
    mo.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    // A step of a drag: an `input` without `change`, four steps up from the bottom.
    slider.value = String(Number(slider.min) + 4 * (Number(slider.step) || 1));
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    mo.disconnect();
    const withStep = new Set(records.map((rec) => {
      const el = rec.target.nodeType === 1 ? rec.target : rec.target.parentElement;
      return el?.closest('.pw-card')?.dataset.target;
    }).filter(Boolean));
    // Calm: no card changed for 300 ms (the slices are done).
    let last = performance.now();
    const calm = new MutationObserver(() => (last = performance.now()));
    calm.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    await new Promise((resolve) => {
      const poll = () => (performance.now() - last > 300 ? resolve() : setTimeout(poll, 50));
      setTimeout(poll, 50);
    });
    calm.disconnect();
    const now = cards();
    const changedInView = [...now].filter(([id, value]) => was.get(id) !== value && inView(id)).map(([id]) => id);
    return { withStep: [...withStep], changedInView };
  });
  expect(r.changedInView.length, 'the move changes cards in view').toBeGreaterThan(0);
  for (const id of r.changedInView) expect(r.withStep, `card ${id} is in view`).toContain(id);
});
