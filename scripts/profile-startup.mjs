// A CPU profile of the widget's start-up (issue 15): where the milliseconds go between the
// start-up marks (plan-widget:compiled, :instantiated, :mounted, :rendered), per function.
// Not part of `npm run bench`; for finding what to cut. Function names need a wasm that keeps
// them: wasm-bindgen --keep-debug and wasm-opt -g into pkg/ (docs/widget-shell.md, "Start-up").
//
//   node scripts/profile-startup.mjs [cpu-slowdown=1] [runs=3]   (PAGE=/en.html for another page)
//
// CPU > 1 emulates the phone's screen and CPU (no network throttling: the CPU only).
// Writes each profile to $TMPDIR/startup-<cpu>-<run>.cpuprofile (for DevTools).
import { launch } from './chromium.mjs';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start } from './serve.mjs';

const CPU = Number(process.argv[2] || 1);
const RUNS = Number(process.argv[3] || 3);
const TOP = Number(process.env.TOP || 14);
const MARKS = ['compiled', 'instantiated', 'mounted', 'rendered'];

// In the page: every mark spins for 1 ms inside `performance.mark`, so that the profile shows
// when it was made (the marks' order is read from the page after).
const TAG_MARKS = () => {
  const orig = performance.mark.bind(performance);
  performance.mark = (name, ...rest) => {
    const t = performance.now();
    while (performance.now() - t < 1);
    return orig(name, ...rest);
  };
};

/** One cold load's CPU profile, until the first render is done and 100 ms after. */
async function profileOnce(browser, base, run) {
  const phone = CPU > 1 ? { viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } : {};
  const context = await browser.newContext(phone);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (CPU > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await page.addInitScript(TAG_MARKS);
  await cdp.send('Profiler.start');
  await page.goto(`${base}${process.env.PAGE || '/'}`);
  await page.waitForFunction(() => performance.getEntriesByName('plan-widget:rendered').length > 0, null, { timeout: 60000 });
  await page.waitForTimeout(100);
  const { profile } = await cdp.send('Profiler.stop');
  profile.marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name.replace('plan-widget:', '')));
  writeFileSync(join(tmpdir(), `startup-${CPU}-${run}.cpuprofile`), JSON.stringify(profile));
  await context.close();
  return profile;
}

const nameOf = (f) => f.functionName || `(anon ${f.url.split('/').pop().split('?')[0]}:${f.lineNumber})`;

/** Per sample: its time (ms from the profile's start) and its stack (names, leaf first). */
function samples(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const stacks = new Map();
  const stackOf = (id) => {
    if (!stacks.has(id)) {
      const s = [];
      for (let p = id; p !== undefined; p = parent.get(p)) s.push(nameOf(byId.get(p).callFrame));
      stacks.set(id, s);
    }
    return stacks.get(id);
  };
  let t = 0;
  return profile.samples.map((id, i) => {
    t += profile.timeDeltas[i] / 1000;
    return { t, dt: (profile.timeDeltas[i + 1] ?? 100) / 1000, stack: stackOf(id) };
  });
}

/** The windows between the marks: [from, to) in profile time, named. */
function windows(ss, marks) {
  // The runs of samples inside performance.mark, in order: one per mark.
  const runs = [];
  let last = -Infinity;
  for (const s of ss.filter((x) => x.stack.includes('performance.mark'))) {
    if (s.t - last > 5) runs.push(s.t);
    last = s.t;
  }
  const ts = MARKS.map((m) => runs[marks.indexOf(m)] ?? NaN);
  const edges = [0, ...ts, Infinity];
  const names = ['… compiled', ...MARKS.slice(1).map((m, i) => `${MARKS[i]} → ${m}`), `${MARKS[MARKS.length - 1]} + 100 ms`];
  return names.map((name, i) => ({ name, from: edges[i], to: edges[i + 1] }));
}

const server = await start(0);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();
const agg = new Map();
try {
  for (let r = 0; r < RUNS; r++) {
    const profile = await profileOnce(browser, base, r);
    const ss = samples(profile);
    for (const w of windows(ss, profile.marks)) {
      const a = agg.get(w.name) ?? { wall: 0, busy: 0, self: new Map(), total: new Map() };
      agg.set(w.name, a);
      if (Number.isFinite(w.to)) a.wall += w.to - w.from;
      for (const s of ss.filter((x) => x.t >= w.from && x.t < w.to)) {
        if (s.stack[0] === '(idle)') continue;
        a.busy += s.dt;
        a.self.set(s.stack[0], (a.self.get(s.stack[0]) ?? 0) + s.dt);
        for (const f of new Set(s.stack)) a.total.set(f, (a.total.get(f) ?? 0) + s.dt);
      }
    }
  }
} finally {
  await browser.close();
  server.close();
}
const GENERIC = /^\((root|program)\)$|^js-to-wasm$|^wasm-to-js$|invoke|closure|shim|run_scheduler|Queue|^real$|^E$|start::|RenderRunner|FnOnce/;
const top = (m, skip) => [...m].filter(([k]) => !(skip && GENERIC.test(k))).sort((a, b) => b[1] - a[1]).slice(0, TOP)
  .map(([k, v]) => `    ${(v / RUNS).toFixed(1).padStart(7)}  ${k.replace(/::h[0-9a-f]{16}/g, '').slice(0, 140)}`).join('\n');
console.log(`start-up CPU profile, CPU ${CPU}×, ${RUNS} cold loads of ${process.env.PAGE || '/'}; ms per load:`);
for (const [name, a] of agg) {
  console.log(`${name}: wall ${(a.wall / RUNS).toFixed(0)} ms, busy ${(a.busy / RUNS).toFixed(0)} ms`);
  console.log(`  self:\n${top(a.self, false)}`);
  console.log(`  inclusive:\n${top(a.total, true)}`);
}
