// Browser benchmark of a large plan (npm run bench, after bench-web.mjs). Prints figures against
// the budget; fails nothing.
//   - slider input → updated DOM, 200 moves of the first lever, p50 and p95 (budget 16 ms), for a
//     generated plan of 600 targets (scripts/many-plan.mjs: the Handan plan's targets repeated),
//     at desktop speed and with the CPU slowed 4× (CDP Emulation.setCPUThrottlingRate, the phone
//     profile's CPU). Only the cards a move changes should re-render (issue 15).
//   - cards caught up: a move of that size changes about 90 cards; those in view render with the
//     move, the others in slices after it (src/web/ui/cards.rs). 20 moves with the page left
//     alone after each: the time from the input event to the last change inside a card before
//     the chance estimate's progress moves after the move (or 2 s), p50 and p95: the time until
//     every card, also those out of view, shows the new scenario.
//   - the same slider measurement for the default plan's size (63 targets: the Handan plan
//     itself) with the CPU slowed 4× (issue 15 asks for ≤ 16 ms there too; bench-web.mjs
//     measures it at desktop speed).
// By default: 600 targets at CPU 1× and 4×, then 63 targets at 4×. BENCH_TARGETS (a list, e.g.
// "600,63") and BENCH_THROTTLE (a list, e.g. "4") run every pair of them instead;
// BENCH_VIEWPORT=375x740 the phone.
// Needs pkg/ built (scripts/build.sh). Debian's Chromium, headless. The plan and its page are
// served through Playwright's routing, so nothing is written to the repository.
import { launch } from './chromium.mjs';
import { start } from './serve.mjs';
import { manyPlan } from './many-plan.mjs';
import { moveFirstSlider } from './bench-slider.mjs';

/** [targets, CPU slowdown] pairs to measure. */
const RUNS = process.env.BENCH_TARGETS || process.env.BENCH_THROTTLE
  ? (process.env.BENCH_TARGETS || '600').split(',').map(Number).flatMap((n) =>
    (process.env.BENCH_THROTTLE || '1,4').split(',').map((rate) => [n, Number(rate)]))
  : [[600, 1], [600, 4], [63, 4]];
// BENCH_VIEWPORT=375x740: the phone layout (one column, the move strip).
const VIEWPORT = process.env.BENCH_VIEWPORT &&
  Object.fromEntries(process.env.BENCH_VIEWPORT.split('x').map((x, i) => [i ? 'height' : 'width', Number(x)]));
const MOVES = 200;

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const verdict = (ok) => (ok ? 'within budget' : 'OVER BUDGET');

const PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>many targets</title>
<script type="module" src="/pkg/plan-widget.js"></script></head>
<body><plan-widget src="/plans/bench-many.json" lang="zh-CN"></plan-widget></body></html>`;

async function sliderMany(browser, base, plan, targets, throttle) {
  const page = await browser.newPage(VIEWPORT ? { viewport: VIEWPORT } : {});
  await page.route('**/bench-many.html', (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body: PAGE }));
  await page.route('**/plans/bench-many.json', (r) => r.fulfill({ contentType: 'application/json', body: plan }));
  await page.goto(`${base}/bench-many.html`);
  await page.waitForFunction(() => document.querySelector('plan-widget')?.dataset.state === 'ready', null, { timeout: 30000 });
  // The chance estimate of the plan as written runs first; let it settle.
  await page.waitForFunction(() => !document.querySelector('plan-widget').shadowRoot.querySelector('.pw-estimating'), null, { timeout: 60000 });
  if (throttle > 1) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  }
  const r = await moveFirstSlider(page, MOVES, 1000);
  const settled = await caughtUp(page, 20);
  await page.close();
  const where = (throttle > 1 ? `, CPU ${throttle}× slower` : '') +
    (VIEWPORT ? `, ${VIEWPORT.width} × ${VIEWPORT.height}` : '');
  if (!r || !r.times.length) {
    console.log(`slider input → DOM, ${targets} targets${where}: no slider or no DOM change: not measured`);
    return;
  }
  const p95 = pct(r.times, 95);
  console.log(`slider input → updated DOM, ${targets} targets (${r.cards} cards shown)${where} (${MOVES} moves` +
    `${r.missed ? `, ${r.missed} without a change` : ''}): p50 ${pct(r.times, 50).toFixed(1)} ms, ` +
    `p95 ${p95.toFixed(1)} ms: ${verdict(p95 <= 16)} (16 ms)`);
  if (settled.length) {
    console.log(`  every card caught up${where} (${settled.length} moves): p50 ${pct(settled, 50).toFixed(1)} ms, ` +
      `p95 ${pct(settled, 95).toFixed(1)} ms`);
  }
}

/** Per move: the time to the last card change before the chance estimate's progress moves. */
async function caughtUp(page, moves) {
  return page.evaluate(async (moves) => {
    const host = document.querySelector('plan-widget');
    const root = host.shadowRoot;
    const slider = root.querySelector('input[type=range]');
    const min = Number(slider.min || 0);
    const max = Number(slider.max || 100);
    const step = Number(slider.step) || 1;
    const span = Math.max(1, Math.round((max - min) / step));
    const times = [];
    for (let i = 0; i < moves; i++) {
      const value = min + (((i + 1) * 4099) % (span + 1)) * step;
      let last = null;
      let t0 = 0;
      await new Promise((resolve) => {
        const done = () => {
          mo.disconnect();
          clearTimeout(timer);
          resolve();
        };
        // Armed once the move is drawn (its scenario-change came): the estimate's progress
        // after that means its chances may come next.
        let drawn = false;
        let armed = false;
        host.addEventListener('scenario-change', () => (drawn = true), { once: true });
        const mo = new MutationObserver((records) => {
          const now = performance.now();
          for (const r of records) {
            const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
            if (armed && el?.closest('.pw-risk-progress')) return done();
            if (el?.closest('.pw-cards')) last = now;
          }
          armed = drawn;
        });
        const timer = setTimeout(done, 2000);
        mo.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
        t0 = performance.now();
        slider.value = String(value);
        slider.dispatchEvent(new Event('input', { bubbles: true }));
      });
      if (last !== null) times.push(last - t0);
    }
    return times;
  }, moves);
}

const server = await start(0);
console.log(`load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')}`);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();
try {
  for (const [targets, rate] of RUNS) {
    await sliderMany(browser, base, JSON.stringify(manyPlan(targets)), targets, rate);
  }
} catch (e) {
  console.log(`bench-many: could not finish: ${e.message} (is pkg/ built? scripts/build.sh)`);
} finally {
  await browser.close();
  server.close();
}
