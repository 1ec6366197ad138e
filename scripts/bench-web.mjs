// Browser benchmark of the widget (npm run bench). Prints figures against the budgets; fails nothing.
//   - transfer: wasm + JS the demo page loads, raw and gzip (budget 150 KB gzip);
//   - first render: from the moment plan-widget.js starts loading to the widget's first render
//     (budget 300 ms), median of several cold loads;
//   - slider input → updated DOM, 200 moves, p95 (budget 16 ms), at the default size and on the
//     phone layout (375 × 740: one column, the move strip);
//   - the chance estimate after a lever change (Monte Carlo, stepped between frames): the
//     longest gap between animation frames and the long tasks (≥ 50 ms) while it runs;
//   - the phone profile (issue 15): first plan content, interactive, CLS between them, bytes of
//     the first load on the wire and what opening Progress costs, the start-up's marks, and the
//     layout shift in the 3 s after ready (`BENCH_ONLY=phone` runs it alone, on the pages in
//     BENCH_PAGES; `BENCH_ONLY=first` the first render alone).
// Needs pkg/ built (scripts/build.sh). Debian's Chromium, headless.
import { launch } from './chromium.mjs';
import { gzipSync } from 'node:zlib';
import { start } from './serve.mjs';
import { moveFirstSlider } from './bench-slider.mjs';

const RUNS = Number(process.env.BENCH_RUNS || 7);
const MOVES = 200;

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
  const parts = [];
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
    await page.waitForFunction(() => performance.getEntriesByName('plan-widget:rendered').length > 0);
    const start = await page.evaluate(() => performance.getEntriesByType('resource').find((e) => e.name.endsWith('/pkg/plan-widget.js')).startTime);
    // `ready` (data-state, seen once yew's hydration and its second render are done) before
    // `rendered` (the first scenario-change, after the effects).
    const { rendered, ...steps } = await page.evaluate(STEPS);
    steps.ready = await page.evaluate(() => window.__bench.ready);
    steps.rendered = rendered;
    parts.push(Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, v - start])));
    await context.close();
  }
  const median = pct(times, 50);
  console.log(`first render after plan-widget.js starts loading (${RUNS} cold loads): median ${median.toFixed(0)} ms, ` +
    `max ${Math.max(...times).toFixed(0)} ms: ${verdict(median <= 300)} (300 ms)`);
  const steps = Object.keys(parts[0]).map((k) => `${k} ${pct(parts.map((p) => p[k]), 50).toFixed(0)}`);
  console.log(`  where the time goes (medians, ms after plan-widget.js starts loading): ${steps.join(', ')}`);
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

// ---------------------------------------------------------------------------------------------
// The phone profile (issue 15): the demo page as a phone on a slow mobile line would load it.
// 150 ms round trip, 200,000 B/s down (1.6 Mbit/s), 93,750 B/s up, CPU slowed 4×, 375 × 740,
// cold cache (a new browser context per load), the server compressing as a portal does.
const PHONE = {
  network: { offline: false, latency: 150, downloadThroughput: 200000, uploadThroughput: 93750 },
  cpu: 4,
  viewport: { width: 375, height: 740 },
};
const PHONE_TIMEOUT = 60000;
// The demo pages measured: `/` includes the render output server-side (scripts/serve.mjs, as a
// portal's SSI would), /en.html fetches it (pkg/plans/<id>.<lang>.html) beside the wasm.
const PHONE_PAGES = (process.env.BENCH_PAGES || '/ /en.html').split(/\s+/).filter(Boolean);
/** How long after ready layout shifts are still counted (ms), in AFTER_RUNS loads of their own. */
const AFTER_MS = 3000;
const AFTER_RUNS = 3;

// In the page, from navigation start: when the plan's content is first painted (the first target
// card or summary figure with a box, in the light DOM or the widget's shadow root: the
// prerendered HTML or the mounted widget, whichever comes first), when the widget is
// interactive (data-state ready, then the first lever moved and the DOM answered), and every
// layout shift.
const PHONE_PROBE = (lever) => {
  const b = (window.__phone = { content: null, ready: null, interactive: null, shifts: [] });
  const SEL = '.pw-card, .pw-summary';
  const painted = (root) => {
    for (const e of root.querySelectorAll(SEL)) {
      const r = e.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) return true;
    }
    return false;
  };
  const look = () => {
    if (b.content === null) {
      const host = document.querySelector('plan-widget');
      if (painted(document) || (host && host.shadowRoot && painted(host.shadowRoot))) {
        // Found during this frame's work: it is on screen once the frame is painted.
        requestAnimationFrame(() => { b.content ??= performance.now(); });
      }
    }
    if (b.interactive === null) requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.shifts.push({ t: e.startTime, v: e.value, input: e.hadRecentInput });
  }).observe({ type: 'layout-shift', buffered: true });
  const moveLever = (host) => {
    const slider = host.shadowRoot && host.shadowRoot.querySelector('input[type=range]');
    if (!slider) return;
    const mo = new MutationObserver(() => {
      mo.disconnect();
      b.interactive = performance.now();
    });
    mo.observe(host.shadowRoot, { subtree: true, childList: true, characterData: true, attributes: true });
    const step = Number(slider.step) || 1;
    const next = Number(slider.value) + step <= Number(slider.max) ? Number(slider.value) + step : Number(slider.value) - step;
    slider.value = String(next);
    slider.dispatchEvent(new Event('input', { bubbles: true }));
  };
  new MutationObserver(() => {
    const host = document.querySelector('plan-widget');
    if (host && host.dataset.state === 'ready' && b.ready === null) {
      b.ready = performance.now();
      if (lever) setTimeout(() => moveLever(host), 0);
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
};

/** In the page: when the wasm's last byte came, and the element's start-up marks (ms). */
const STEPS = () => {
  const wasm = performance.getEntriesByType('resource').find((e) => /_bg\.wasm/.test(e.name) && !/progress|xlsx/.test(e.name));
  const at = (n) => performance.getEntriesByName(`plan-widget:${n}`)[0]?.startTime ?? NaN;
  return {
    'wasm last byte': wasm ? wasm.responseEnd : NaN,
    compiled: at('compiled'), instantiated: at('instantiated'), mounted: at('mounted'), rendered: at('rendered'),
  };
};

/** The bucket of a response in the byte split. */
function kindOf(url, mime) {
  const path = new URL(url).pathname;
  if (path.endsWith('.wasm')) return 'wasm';
  if (/\.m?js$/.test(path) || /javascript/.test(mime)) return 'js';
  if (path.includes('/plans/') || path.endsWith('.json')) return 'plan';
  if (path.endsWith('.css')) return 'css';
  return 'other';
}

/** Bytes on the wire (CDP encodedDataLength: headers and the compressed body), per bucket. */
function byteCounter(cdp) {
  const urls = new Map();
  const counter = { bytes: { wasm: 0, js: 0, plan: 0, css: 0, other: 0 }, files: [] };
  counter.reset = () => {
    counter.bytes = { wasm: 0, js: 0, plan: 0, css: 0, other: 0 };
    counter.files = [];
  };
  cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, { url: e.response.url, mime: e.response.mimeType }));
  cdp.on('Network.loadingFinished', (e) => {
    const r = urls.get(e.requestId);
    if (!r || r.url.startsWith('data:')) return;
    const kind = kindOf(r.url, r.mime);
    counter.bytes[kind] += e.encodedDataLength;
    counter.files.push({ path: new URL(r.url).pathname, kind, bytes: e.encodedDataLength });
  });
  return counter;
}

/** A new phone context (cold cache, slow line, slow CPU) and its page. */
async function phonePage(browser) {
  const context = await browser.newContext({ viewport: PHONE.viewport, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', PHONE.network);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpu });
  return { context, page, cdp };
}

/**
 * One cold load left alone (no lever moved): the layout shift from ready until AFTER_MS later
 * (the chances of the plan as written come in then), which a moved lever would hide (shifts
 * within 0.5 s of an input do not count).
 */
async function settleLoad(browser, base, path) {
  const { context, page } = await phonePage(browser);
  try {
    await page.addInitScript(PHONE_PROBE, false);
    await page.goto(`${base}${path}`);
    await page.waitForFunction(() => window.__phone.ready !== null, null, { timeout: PHONE_TIMEOUT });
    await page.waitForFunction((ms) => performance.now() >= window.__phone.ready + ms, AFTER_MS, { timeout: PHONE_TIMEOUT, polling: 100 });
    const probe = await page.evaluate(() => window.__phone);
    return probe.shifts.filter((s) => !s.input && s.t > probe.ready).reduce((s, x) => s + x.v, 0);
  } finally {
    await context.close();
  }
}

/** One cold load on the phone profile; then the Progress tab opened. */
async function phoneLoad(browser, base, path) {
  const { context, page, cdp } = await phonePage(browser);
  try {
    const counter = byteCounter(cdp);
    await page.addInitScript(PHONE_PROBE, true);
    await page.goto(`${base}${path}`);
    await page.waitForFunction(() => window.__phone.interactive !== null && window.__phone.content !== null, null, { timeout: PHONE_TIMEOUT });
    const probe = await page.evaluate(() => window.__phone);
    const steps = await page.evaluate(STEPS);
    const shifts = probe.shifts.filter((s) => !s.input && s.t >= probe.content - 1 && s.t <= probe.ready);
    const before = probe.shifts.filter((s) => !s.input && s.t < probe.content - 1);
    const first = { bytes: { ...counter.bytes }, files: counter.files.slice() };
    // Opening Progress: the tab clicked, until the view has a box (loaded on demand or not).
    counter.reset();
    const opened = await page.evaluate(async (timeout) => {
      const root = document.querySelector('plan-widget').shadowRoot;
      const tab = [...root.querySelectorAll('[role=tab]')].find((t) => (t.id || '').endsWith('tab-progress'));
      if (!tab) return null;
      const t0 = performance.now();
      tab.click();
      return new Promise((resolve) => {
        const end = t0 + timeout;
        const look = () => {
          const v = root.querySelector('.pw-progress');
          const r = v && v.getBoundingClientRect();
          if (r && r.width > 0 && r.height > 0) return requestAnimationFrame(() => resolve(performance.now() - t0));
          if (performance.now() > end) return resolve(null);
          requestAnimationFrame(look);
        };
        look();
      });
    }, PHONE_TIMEOUT);
    // The last responses' loadingFinished may trail the paint by a moment.
    await page.waitForTimeout(300);
    return {
      content: probe.content,
      ready: probe.ready,
      steps,
      interactive: probe.interactive,
      cls: shifts.reduce((s, x) => s + x.v, 0),
      clsBefore: before.reduce((s, x) => s + x.v, 0),
      first,
      progress: { ms: opened, bytes: { ...counter.bytes }, files: counter.files.slice() },
    };
  } finally {
    await context.close();
  }
}

const sum = (o) => Object.values(o).reduce((a, b) => a + b, 0);

async function phoneProfile(browser, base, path) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await phoneLoad(browser, base, path));
  const settled = [];
  for (let i = 0; i < AFTER_RUNS; i++) settled.push(await settleLoad(browser, base, path));
  const med = (f) => pct(runs.map(f), 50);
  const content = med((r) => r.content);
  const interactive = med((r) => r.interactive);
  const cls = Math.max(...runs.map((r) => r.cls));
  const last = runs[runs.length - 1];
  const b = last.first.bytes;
  console.log(`phone profile, ${path} (150 ms RTT, 1.6 Mbit/s down, CPU 4×, 375 × 740, cold, ${RUNS} loads, medians from navigation start):`);
  console.log(`  first plan content painted: ${content.toFixed(0)} ms: ${verdict(content <= 1000)} (1.0 s)`);
  console.log(`  interactive (widget mounted, a lever answers): ${interactive.toFixed(0)} ms: ${verdict(interactive <= 2000)} (2.0 s); ` +
    `ready (mounted) ${med((r) => r.ready).toFixed(0)} ms`);
  const steps = Object.keys(runs[0].steps).map((k) => `${k} ${med((r) => r.steps[k]).toFixed(0)}`);
  console.log(`  where the time goes (medians, ms from navigation): ${steps.join(', ')}, interactive ${interactive.toFixed(0)}`);
  const clsBefore = Math.max(...runs.map((r) => r.clsBefore));
  console.log(`  layout shift between the two (CLS, worst load): ${cls.toFixed(3)}: ${verdict(cls <= 0.02)} (0.02); ` +
    `before the first content ${clsBefore.toFixed(3)}`);
  const clsAfter = Math.max(...settled);
  console.log(`  layout shift in the ${AFTER_MS / 1000} s after ready, nothing touched (CLS, worst of ${AFTER_RUNS} more loads): ` +
    `${clsAfter.toFixed(3)}: ${verdict(clsAfter < 0.001)} (nothing moves)`);
  console.log(`  first load on the wire: ${kb(sum(b))}: wasm ${kb(b.wasm)}, JS ${kb(b.js)}, plan ${kb(b.plan)}, CSS ${kb(b.css)}, other ${kb(b.other)}; ` +
    `wasm + JS ${kb(b.wasm + b.js)} (${b.wasm + b.js} B): ${verdict(b.wasm + b.js <= 200 * 1024)} (200 KB)`);
  for (const f of last.first.files.filter((x) => x.kind !== 'other')) console.log(`    ${f.path.padEnd(40)} ${kb(f.bytes).padStart(9)}`);
  const p = last.progress;
  const pms = runs.map((r) => r.progress.ms).filter((x) => x !== null);
  if (pms.length) {
    console.log(`  opening Progress: ${kb(sum(p.bytes))} more (wasm ${kb(p.bytes.wasm)}, JS ${kb(p.bytes.js)}), shown after ${pct(pms, 50).toFixed(0)} ms (median)`);
  } else {
    console.log('  opening Progress: no Progress tab, or it did not show: not measured');
  }
}

const server = await start(0);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();
try {
  const only = process.env.BENCH_ONLY;
  if (!only) {
    await transfer(browser, base);
    await firstRender(browser, base);
    await sliderMoves(browser, base);
    await sliderMoves(browser, base, true);
    await riskRun(browser, base);
  }
  if (only === 'first') await firstRender(browser, base);
  if (!only || only === 'phone') for (const path of PHONE_PAGES) await phoneProfile(browser, base, path);
} catch (e) {
  console.log(`bench-web: could not finish: ${e.message} (is pkg/ built? scripts/build.sh)`);
} finally {
  await browser.close();
  server.close();
}
