// The plan at first paint (issue 15): time to the first card of the plan on screen and to the
// interactive widget, and the layout shift between them, on the demo page (www/index.html) served
// with gzip, median of cold loads, desktop and a phone profile (150 ms round trip, 1.6 Mbit/s
// down, 750 kbit/s up, CPU slowed 4×, 375 × 740). Four ways: the render output inline in the
// page (`/inline/` serves www/index.html with pkg/plans/<id>.zh-CN.html (a shadow root) put in its
// <plan-widget>, as a portal would), hydrated in place; the prerendered plan
// (pkg/plans/<id>.<lang>.html, fetched beside the wasm) hydrated in place (what the element
// does without inline HTML); the same prerendered plan replaced by a fresh render when the wasm is ready (the
// alternative to hydration: the element's own no-hydrate path, switched on by rewriting its
// script); no prerender (that request refused: the spinner until the wasm has run, as before).
// Prints; fails nothing.
//   node scripts/bench-prerender.mjs        (BENCH_RUNS=7 by default; needs pkg/ built)
import { launch } from './chromium.mjs';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const RUNS = Number(process.env.BENCH_RUNS || 7);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
};

/** The demo page with the render output inline in its <plan-widget>. */
async function inlinePage() {
  const page = await readFile(join(ROOT, 'www', 'index.html'), 'utf8');
  const render = await readFile(join(ROOT, 'pkg', 'plans', 'handan-edu-2022.zh-CN.html'), 'utf8');
  // The file is the element's shadow root alone (`plan-widget render --shadow`).
  const root = render.startsWith('<template') ? render.trim() : '';
  const at = page.indexOf('>', page.indexOf('<plan-widget')) + 1;
  if (at === 0 || !root) throw new Error('no <plan-widget> in www/index.html or no render output in pkg/plans');
  return Buffer.from(page.slice(0, at) + root + page.slice(at));
}

/** www/ at /, pkg/ at /pkg/, every answer gzipped (as a portal's server would). */
function gzipServer() {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path === '/inline/') {
      res.writeHead(200, { 'Content-Type': TYPES['.html'], 'Content-Encoding': 'gzip' });
      res.end(gzipSync(await inlinePage(), { level: 9 }));
      return;
    }
    const file = path.startsWith('/pkg/')
      ? join(ROOT, 'pkg', normalize(path.slice(5)))
      : join(ROOT, 'www', normalize(path.endsWith('/') ? `${path}index.html` : path));
    try {
      const body = gzipSync(await readFile(file), { level: 9 });
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream', 'Content-Encoding': 'gzip' });
      res.end(body);
    } catch (_) {
      res.writeHead(404);
      res.end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// In the page: the first frame with a card of the plan in the widget, the first
// `scenario-change` (the UI's first render done: interactive), and every layout shift.
const PROBE = () => {
  const b = { content: null, interactive: null, shifts: [] };
  window.__pr = b;
  const look = () => {
    const root = document.querySelector('plan-widget')?.shadowRoot;
    const card = root && root.querySelector('.pws-app:not([hidden]) .pw-card');
    if (card && card.getBoundingClientRect().height > 0) b.content = performance.now();
    else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
  document.addEventListener('scenario-change', () => { b.interactive ??= performance.now(); });
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) if (!e.hadRecentInput) b.shifts.push({ t: e.startTime, v: e.value });
  }).observe({ type: 'layout-shift', buffered: true });
};

const PHONE = { viewport: { width: 375, height: 740 }, rtt: 150, down: 1.6e6 / 8, up: 750e3 / 8, cpu: 4 };
const DESKTOP = { viewport: { width: 1280, height: 900 } };

const MODES = ['inline', 'hydrate', 'replace', 'spinner'];

async function load(browser, url, profile, mode) {
  const context = await browser.newContext({ viewport: profile.viewport });
  const page = await context.newPage();
  if (mode === 'spinner') await page.route('**/pkg/plans/*.html*', (r) => r.abort());
  if (mode === 'replace') {
    await page.route('**/pkg/plan-widget.js*', async (r) => {
      const resp = await r.fetch();
      const body = (await resp.text()).replace('_noHydrate=!1', '_noHydrate=!0');
      if (!body.includes('_noHydrate=!0')) throw new Error('cannot switch hydration off in plan-widget.js');
      await r.fulfill({ response: resp, body });
    });
  }
  await page.addInitScript(PROBE);
  const cdp = await context.newCDPSession(page);
  if (profile.rtt) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false, latency: profile.rtt, downloadThroughput: profile.down, uploadThroughput: profile.up,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
  }
  await page.goto(mode === 'inline' ? `${url}inline/` : url);
  await page.waitForFunction(() => window.__pr.content !== null && window.__pr.interactive !== null, null, { timeout: 60_000 });
  const r = await page.evaluate(() => {
    const b = window.__pr;
    const bytes = performance.getEntriesByType('resource').reduce((s, e) => s + e.transferSize, 0)
      + performance.getEntriesByType('navigation').reduce((s, e) => s + e.transferSize, 0);
    const sum = (f) => b.shifts.filter(f).reduce((s, x) => s + x.v, 0);
    // Between the first plan content and the interactive widget (the figure), and
    // everything up to that point (a spinner replaced by the plan counts there).
    const between = sum((s) => s.t > b.content && s.t <= b.interactive);
    const total = sum((s) => s.t <= b.interactive);
    return { content: b.content, interactive: b.interactive, between, total, bytes };
  });
  await context.close();
  return r;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const server = await gzipServer();
  const url = `http://127.0.0.1:${server.address().port}/`;
  const browser = await launch();
  try {
    for (const [name, profile] of [['desktop', DESKTOP], ['phone', PHONE]]) {
      for (const mode of MODES) {
        const runs = [];
        for (let i = 0; i < RUNS; i++) runs.push(await load(browser, url, profile, mode));
        const m = (k) => median(runs.map((r) => r[k]));
        console.log(`${name.padEnd(7)} ${mode.padEnd(7)}: first plan content ${m('content').toFixed(0)} ms, `
          + `interactive ${m('interactive').toFixed(0)} ms, CLS between ${m('between').toFixed(3)} (from the start ${m('total').toFixed(3)}), `
          + `${(m('bytes') / 1024).toFixed(1)} KB transferred (median of ${RUNS})`);
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
