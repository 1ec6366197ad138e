// Browser benchmark of the widget (npm run bench). Prints figures against the budgets; fails nothing.
//   - transfer: wasm + JS the demo page loads, raw and gzip (budget 150 KB gzip);
//   - first render: from the moment plan-widget.js starts loading to the widget's first render
//     (budget 300 ms), median of several cold loads;
//   - slider input → updated DOM, 200 moves, p95 (budget 16 ms), at the default size and on the
//     phone layout (375 × 740: one column, the move strip);
//   - the chance estimate after a lever change (Monte Carlo, stepped between frames): the
//     longest gap between animation frames and the long tasks (≥ 50 ms) while it runs.
// Needs pkg/ built (scripts/build.sh). Debian's Chromium, headless.
import { chromium } from 'playwright-core';
import { gzipSync } from 'node:zlib';
import { start } from './serve.mjs';
import { moveFirstSlider } from './bench-slider.mjs';

const RUNS = Number(process.env.BENCH_RUNS || 7);
const MOVES = 200;
const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const verdict = (ok) => (ok ? 'within budget' : 'OVER BUDGET');

// Records, in the page, when the first <plan-widget> becomes ready.
const READY_PROBE = () => {
  window.__bench = { ready: null };
  const check = () => {
    const el = document.querySelector('plan-widget');
    if (el && el.dataset.state === 'ready' && window.__bench.ready === null) {
      window.__bench.ready = performance.now();
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
};

async function transfer(browser, base) {
  const page = await browser.newPage();
  const bodies = new Map();
  page.on('response', async (r) => {
    const u = new URL(r.url());
    if (/\.(wasm|js|css|json)$/.test(u.pathname) && u.pathname.startsWith('/pkg/')) {
      try {
        bodies.set(u.pathname, await r.body());
      } catch (_) { /* redirected or aborted */ }
    }
  });
  await page.goto(`${base}/`);
  await page.waitForFunction(() => document.querySelector('plan-widget')?.dataset.state === 'ready');
  await page.waitForTimeout(200);
  await page.close();
  let raw = 0;
  let gz = 0;
  let dataGz = 0;
  console.log('transfer (demo page, pkg files):');
  for (const [path, body] of [...bodies].sort()) {
    const g = gzipSync(body, { level: 9 }).length;
    const isData = path.endsWith('.json');
    const counted = !path.endsWith('.css') && !isData;
    if (counted) {
      raw += body.length;
      gz += g;
    }
    if (isData) dataGz += g;
    const note = counted ? '' : isData ? '  (plan data, not in the budget)' : '  (CSS, not in the budget)';
    console.log(`  ${path.padEnd(36)} ${kb(body.length).padStart(10)} raw ${kb(g).padStart(10)} gzip${note}`);
  }
  console.log(`  wasm + JS: ${kb(raw)} raw, ${kb(gz)} gzip (${gz} bytes): ${verdict(gz <= 150 * 1024)} (150 KB)`);
  console.log(`  wasm + JS + plan data: ${kb(gz + dataGz)} gzip`);
}

async function firstRender(browser, base) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(READY_PROBE);
    await page.goto(`${base}/`);
    await page.waitForFunction(() => window.__bench && window.__bench.ready !== null, null, { timeout: 15000 });
    const t = await page.evaluate(() => {
      const script = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/pkg/plan-widget.js'));
      return window.__bench.ready - script.startTime;
    });
    times.push(t);
    await context.close();
  }
  const median = pct(times, 50);
  console.log(`first render after plan-widget.js starts loading (${RUNS} cold loads): median ${median.toFixed(0)} ms, ` +
    `max ${Math.max(...times).toFixed(0)} ms: ${verdict(median <= 300)} (300 ms)`);
}

async function sliderMoves(browser, base, phone = false) {
  // The phone layout (375 × 740, one column, the move strip redrawn on every move) or the default.
  const page = await browser.newPage(phone ? { viewport: { width: 375, height: 740 } } : {});
  const where = phone ? ', phone 375 × 740' : '';
  await page.goto(`${base}/`);
  await page.waitForFunction(() => document.querySelector('plan-widget')?.dataset.state === 'ready');
  await page.waitForTimeout(300);
  const result = await moveFirstSlider(page, MOVES);
  await page.close();
  if (!result) {
    console.log('slider input → DOM: no slider in the widget yet (the UI is not there): not measured');
    return;
  }
  if (!result.times.length) {
    console.log(`slider input → DOM: no DOM change after ${MOVES} moves of “${result.label}”: not measured`);
    return;
  }
  const p95 = pct(result.times, 95);
  console.log(`slider input → updated DOM${where} (${MOVES} moves of “${result.label}”${result.missed ? `, ${result.missed} without a change` : ''}): ` +
    `p50 ${pct(result.times, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms: ${verdict(p95 <= 16)} (16 ms)`);
}

// After one lever change, until the widget's status-change event (the chances of the settled
// change known, bands included): frame gaps and long tasks. Five changes, figures over all.
async function riskRun(browser, base) {
  const page = await browser.newPage();
  await page.goto(`${base}/`);
  await page.waitForFunction(() => document.querySelector('plan-widget')?.dataset.state === 'ready');
  await page.waitForTimeout(1500);
  const r = await page.evaluate(async () => {
    const el = document.querySelector('plan-widget');
    const slider = el.shadowRoot.querySelector('input[type=range]');
    if (!slider) return null;
    const gaps = [];
    const longs = [];
    const runs = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longs.push(e.duration);
    }).observe({ type: 'longtask' });
    for (let i = 1; i <= 5; i++) {
      let last = performance.now();
      let on = true;
      const tick = () => {
        const t = performance.now();
        gaps.push(t - last);
        last = t;
        if (on) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      const settled = new Promise((resolve) => el.addEventListener('status-change', resolve, { once: true }));
      const t0 = performance.now();
      slider.value = String(Number(slider.min) + i * Number(slider.step || 1));
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      slider.dispatchEvent(new Event('change', { bubbles: true }));
      await Promise.race([settled, new Promise((res) => setTimeout(res, 5000))]);
      runs.push(performance.now() - t0);
      on = false;
      await new Promise((res) => setTimeout(res, 200));
    }
    return { gaps, longs, runs };
  });
  await page.close();
  if (!r) {
    console.log('chance estimate: no slider: not measured');
    return;
  }
  const longest = r.longs.length ? `${r.longs.length} long tasks, longest ${Math.max(...r.longs).toFixed(0)} ms` : 'no long task (≥ 50 ms)';
  console.log(`chance estimate after a lever change (5 changes): change → chances shown median ${pct(r.runs, 50).toFixed(0)} ms; ` +
    `frame gap p95 ${pct(r.gaps, 95).toFixed(1)} ms, max ${Math.max(...r.gaps).toFixed(0)} ms; ${longest}`);
}

const server = await start(0);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ARGS });
try {
  await transfer(browser, base);
  await firstRender(browser, base);
  await sliderMoves(browser, base);
  await sliderMoves(browser, base, true);
  await riskRun(browser, base);
} catch (e) {
  console.log(`bench-web: could not finish: ${e.message} (is pkg/ built? scripts/build.sh)`);
} finally {
  await browser.close();
  server.close();
}
