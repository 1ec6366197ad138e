// A Chromium trace of the slider benchmark's moves (scripts/bench-many.mjs): where each slow
// move's time goes (issue 15). Not part of `npm run bench`; for finding what to cut.
//
//   node scripts/trace-many.mjs [targets=600] [cpu-slowdown=4] [moves=200]
//
// The same loop as scripts/bench-slider.mjs (input event on the first slider → first DOM change,
// the next move at once), traced (CDP Tracing: devtools.timeline and blink). Prints the moves'
// p50 and p95, then for the moves over 16 ms and for the others: the main thread's time by
// trace event (self time, summed over the moves, per move), and the same for all moves. Writes
// the trace to $TMPDIR/trace-many-<targets>-<cpu>.json (DevTools' Performance panel opens it).
// BENCH_VIEWPORT=375x740 the phone.
import { launch } from './chromium.mjs';
import { writeFileSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { start } from './serve.mjs';
import { manyPlan } from './many-plan.mjs';
import { moveFirstSlider } from './bench-slider.mjs';

const TARGETS = Number(process.argv[2] || 600);
const CPU = Number(process.argv[3] || 4);
const MOVES = Number(process.argv[4] || 200);
const TOP = Number(process.env.TOP || 16);
// PROFILE=1: a sampling profile too, self time by function over the moves.
const PROFILE = Boolean(process.env.PROFILE);
const VIEWPORT = process.env.BENCH_VIEWPORT &&
  Object.fromEntries(process.env.BENCH_VIEWPORT.split('x').map((x, i) => [i ? 'height' : 'width', Number(x)]));
const CATEGORIES = [
  'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'blink.user_timing',
  'toplevel', 'v8.execute', 'cc', 'disabled-by-default-devtools.timeline.frame',
].join(',');
const PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>many targets</title>
<script type="module" src="/pkg/plan-widget.js"></script></head>
<body><plan-widget src="/plans/bench-many.json" lang="zh-CN"></plan-widget></body></html>`;

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};

/** Self time (ms) by event name on one thread, per window [from, to) (µs), by event start. */
function selfTimes(events, windows) {
  const xs = events.filter((e) => e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const out = windows.map(() => new Map());
  const stack = [];
  const add = (e, ms) => {
    const w = windows.findIndex(([a, b]) => e.ts >= a && e.ts < b);
    if (w < 0) return;
    const m = out[w];
    m.set(e.name, (m.get(e.name) || 0) + ms);
  };
  const close = (until) => {
    while (stack.length && stack[stack.length - 1].end <= until) {
      const top = stack.pop();
      add(top.e, top.self / 1000);
    }
  };
  for (const e of xs) {
    close(e.ts);
    const parent = stack[stack.length - 1];
    if (parent) parent.self -= e.dur;
    stack.push({ e, end: e.ts + e.dur, self: e.dur });
  }
  close(Infinity);
  return out;
}

const nameOf = (f) => f.functionName || `(anon ${f.url.split('/').pop()}:${f.lineNumber})`;

/** A sampling profile's self time (ms) by function, over the samples inside `windows`. */
function samples(profile, windows) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const out = new Map();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (!windows.some(([a, b]) => t >= a && t < b)) continue;
    const name = nameOf(byId.get(profile.samples[i]).callFrame);
    out.set(name, (out.get(name) || 0) + dt);
  }
  return out;
}

function table(title, maps, count) {
  const sum = new Map();
  for (const m of maps) for (const [k, v] of m) sum.set(k, (sum.get(k) || 0) + v);
  const rows = [...sum].sort((a, b) => b[1] - a[1]).slice(0, TOP);
  const total = [...sum.values()].reduce((a, b) => a + b, 0);
  console.log(`${title} (${count} moves): main thread ${(total / Math.max(1, count)).toFixed(1)} ms per move`);
  for (const [k, v] of rows) console.log(`  ${(v / Math.max(1, count)).toFixed(2).padStart(8)} ms  ${k}`);
}

/** The browser's frames during the moves: how many, and their phases' mean wall time. */
function frames(events, windows) {
  const [from, to] = [windows[0][0], windows[windows.length - 1][1]];
  const inside = (e) => e.ph === 'X' && e.ts >= from && e.ts < to;
  const lifecycles = events.filter((e) => inside(e) && e.name === 'WebFrameWidgetImpl::UpdateLifecycle');
  const phase = (name) => events.filter((e) => inside(e) && e.name === name).reduce((a, e) => a + e.dur / 1000, 0);
  const n = Math.max(1, lifecycles.length);
  const mean = (name) => (phase(name) / n).toFixed(1);
  const count = (name) => events.filter((e) => inside(e) && e.name === name).length;
  console.log(`frames during the moves: ${lifecycles.length} (${count('IntersectionObserverController::computeIntersections')} intersection passes), per frame: lifecycle ${mean('WebFrameWidgetImpl::UpdateLifecycle')} ms ` +
    `(style ${mean('UpdateLayoutTree')}, layout ${mean('LocalFrameView::performLayout')}, ` +
    `intersections ${mean('IntersectionObserverController::computeIntersections')}, ` +
    `pre-paint ${mean('Blink.PrePaint.UpdateTime')}, paint ${mean('Paint')})`);
}

const server = await start(0);
console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();
try {
  const page = await browser.newPage(VIEWPORT ? { viewport: VIEWPORT } : {});
  const plan = JSON.stringify(manyPlan(TARGETS));
  await page.route('**/bench-many.html', (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body: PAGE }));
  await page.route('**/plans/bench-many.json', (r) => r.fulfill({ contentType: 'application/json', body: plan }));
  await page.goto(`${base}/bench-many.html`);
  await page.waitForFunction(() => document.querySelector('plan-widget')?.dataset.state === 'ready', null, { timeout: 30000 });
  await page.waitForFunction(() => !document.querySelector('plan-widget').shadowRoot.querySelector('.pw-estimating'), null, { timeout: 60000 });
  const cdp = await page.context().newCDPSession(page);
  if (CPU > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  if (PROFILE) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  const { times } = await moveFirstSlider(page, MOVES, 1000, true);
  await cdp.send('Tracing.end');
  const profile = PROFILE && (await cdp.send('Profiler.stop')).profile;
  await done;
  writeFileSync(join(tmpdir(), `trace-many-${TARGETS}-${CPU}.json`), JSON.stringify({ traceEvents: events }));
  if (profile) writeFileSync(join(tmpdir(), `trace-many-${TARGETS}-${CPU}.cpuprofile`), JSON.stringify(profile));
  console.log(`${TARGETS} targets, CPU ${CPU}×, ${times.length} moves: p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms`);

  // The renderer's main thread: the one with the marks.
  const marks = events.filter((e) => e.cat?.includes('blink.user_timing') && /^(move|drawn):\d+$/.test(e.name));
  const main = marks[0] && events.filter((e) => e.pid === marks[0].pid && e.tid === marks[0].tid);
  const at = new Map(marks.map((e) => [e.name, e.ts]));
  const windows = [];
  for (let i = 0; i < MOVES; i++) {
    const a = at.get(`move:${i}`);
    const b = at.get(`drawn:${i}`);
    if (a !== undefined && b !== undefined) windows.push([a, b, (b - a) / 1000]);
  }
  if (!main) throw new Error('no marks in the trace');
  const per = selfTimes(main, windows);
  const slow = per.filter((_, i) => windows[i][2] > 16);
  const fast = per.filter((_, i) => windows[i][2] <= 16);
  table('moves over 16 ms', slow, slow.length);
  table('moves within 16 ms', fast, fast.length);
  table('all moves', per, per.length);
  frames(main, windows);
  if (profile) {
    const slowW = windows.filter((w) => w[2] > 16);
    const fastW = windows.filter((w) => w[2] <= 16);
    table('profile, moves over 16 ms: self time by function', [samples(profile, slowW)], slowW.length);
    table('profile, moves within 16 ms: self time by function', [samples(profile, fastW)], fastW.length);
  }
} finally {
  await browser.close();
  server.close();
}
