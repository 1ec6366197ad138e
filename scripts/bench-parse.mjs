// The CPU of reading a plan in the widget's wasm (issue 15): `validatePlan` (the validator of
// `mount`: JSON, validation, compilation; then the problems' places) on the built-in plan, its
// first call (V8 compiles each wasm function on its first call) and its second, as main-thread
// CPU time from a trace (hardly moved by the machine's load), with the lazy compilation
// (`wasm.CompileLazy`) inside the first. Uses pkg/ (scripts/build.sh). Medians of N fresh pages.
//
//   node scripts/bench-parse.mjs [N=7] [cpu-slowdown=1]
import { launch } from './chromium.mjs';
import { start } from './serve.mjs';

const N = Number(process.argv[2] || 7);
const CPU = Number(process.argv[3] || 1);
const server = await start(0);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();

/** One fresh page: the trace events of two validatePlan calls between marks. */
async function once() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(`${base}/pkg/package.json`);
  await page.evaluate(async () => {
    const glue = await import('/pkg/plan-widget-wasm.js');
    await glue.default({ module_or_path: '/pkg/plan-widget-wasm_bg.wasm' });
    // @ts-ignore
    window.__plan = await (await fetch('/pkg/plans/handan-edu-2022.json')).text();
    // @ts-ignore
    window.__glue = glue;
  });
  if (CPU > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const done = new Promise((res) => cdp.once('Tracing.tracingComplete', res));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,blink.user_timing,v8.wasm,toplevel', transferMode: 'ReportEvents' });
  await page.evaluate(() => new Promise((res) => {
    // Each call in a task of its own, so the trace's top-level tasks separate them.
    // @ts-ignore
    const call = (m) => { performance.mark(m); const n = window.__glue.validatePlan(window.__plan, undefined, 'zh-CN').length; if (n) throw new Error('plan invalid'); };
    setTimeout(() => { call('p0'); setTimeout(() => { call('p1'); setTimeout(() => { performance.mark('p2'); res(); }, 20); }, 20); }, 20);
  }));
  await cdp.send('Tracing.end');
  await done;
  await context.close();
  const at = (n) => events.find((e) => e.name === n && e.cat.includes('blink.user_timing'))?.ts;
  const pid = events.find((e) => e.name === 'p0')?.pid;
  const names = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
  const main = events.filter((e) => e.pid === pid && names.get(`${e.pid}:${e.tid}`) === 'CrRendererMain' && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  let end = -1; const top = [];
  for (const e of main) if (e.ts >= end) { top.push(e); end = e.ts + (e.dur || 0); }
  // The task that made the mark (its call), as CPU time, and the lazy compiles inside it.
  const task = (t) => top.find((e) => e.ts <= t && t <= e.ts + (e.dur ?? 0));
  const cpu = (t) => (task(t)?.tdur ?? 0) / 1000;
  const lazy = (t) => { const e = task(t); return e ? main.filter((c) => c.name === 'wasm.CompileLazy' && c.ts >= e.ts && c.ts < e.ts + e.dur).reduce((s, c) => s + (c.tdur ?? c.dur), 0) / 1000 : 0; };
  const [p0, p1] = [at('p0'), at('p1')];
  return { first: cpu(p0), lazy: lazy(p0), second: cpu(p1) };
}

const res = [];
for (let r = 0; r < N; r++) res.push(await once());
await browser.close();
server.close();
const med = (k) => { const s = res.map((r) => r[k]).sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
console.log(`validatePlan, CPU ${CPU}x, ${N} pages, median ms of main-thread CPU: first call ${med('first').toFixed(1)} (lazy compile ${med('lazy').toFixed(1)}), second call ${med('second').toFixed(1)}`);
