// The main thread's CPU time during the widget's start-up (issue 15), from a trace: the thread
// time (`tdur`) of its top-level tasks between the element's marks, and V8's lazy compilation of
// wasm functions on their first call. CPU time, unlike the marks' wall time, hardly moves when
// other work shares the cores: an A/B of two builds on a loaded machine. Desktop, N cold loads
// of the demo page (PAGE=/en.html for another); prints min and median (ms) of:
//   before   plan-widget.js requested → compiled (the page parsed and laid out, the element's
//            script run, the wasm compiled: on the desktop the compile starts only after the
//            prerendered plan's first layout)
//   mount    instantiated → mounted (the plan parsed and validated, the app created)
//   hydrate  mounted → data-state ready (yew's hydration and the second render of each component)
//   effects  ready → rendered (the effects, up to the first scenario-change)
//   lazy     wasm.CompileLazy from instantiated to rendered (inside the three above)
//   layout   style, layout and paint from plan-widget.js requested to rendered
//   ready    plan-widget.js requested → data-state ready: CPU (all of the above but effects)
//
//   node scripts/startup-cpu.mjs [N=4]
import { launch } from './chromium.mjs';
import { start } from './serve.mjs';
const N = Number(process.argv[2] || 4);
const server = await start(0);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();
const res = [];
for (let r = 0; r < N; r++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const done = new Promise((res) => cdp.once('Tracing.tracingComplete', res));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,blink.user_timing,v8.wasm,toplevel', transferMode: 'ReportEvents' });
  await page.addInitScript(() => {
    window.__ready = null;
    new MutationObserver(() => {
      const el = document.querySelector('plan-widget');
      if (el && el.dataset.state === 'ready' && window.__ready === null) { window.__ready = performance.now(); performance.mark('bench:ready'); }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
  });
  await page.goto(`${base}${process.env.PAGE || '/'}`);
  await page.waitForFunction(() => performance.getEntriesByName('plan-widget:rendered').length > 0, null, { timeout: 60000 });
  await page.waitForTimeout(30);
  await cdp.send('Tracing.end');
  await done;
  await context.close();
  const marks = events.filter((e) => e.cat.includes('blink.user_timing') && /^(plan-widget|bench):/.test(e.name));
  const pid = marks[0]?.pid;
  const names = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
  const main = events.filter((e) => e.pid === pid && names.get(`${e.pid}:${e.tid}`) === 'CrRendererMain' && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  let end = -1; const top = [];
  for (const e of main) if (e.ts >= end) { top.push(e); end = e.ts + (e.dur || 0); }
  const at = (n) => marks.find((m) => m.name === n)?.ts;
  // CPU time of the top-level events overlapping [a, b), prorated by wall overlap
  const cpu = (a, b) => top.reduce((s, e) => { const o = Math.max(0, Math.min(b, e.ts + e.dur) - Math.max(a, e.ts)); return s + (e.dur ? (e.tdur ?? e.dur) * o / e.dur : 0); }, 0) / 1000;
  // thread time of the outermost events named by `re` that start in [a, b)
  const kind = (re, a, b) => {
    let s = 0; let until = -1;
    for (const e of main) {
      if (!re.test(e.name) || e.ts < a || e.ts >= b || e.ts < until) continue;
      s += e.tdur ?? e.dur; until = e.ts + e.dur;
    }
    return s / 1000;
  };
  const req = events.find((e) => e.name === 'ResourceSendRequest' && /\/plan-widget\.js$/.test(e.args?.data?.url || ''))?.ts;
  const c = at('plan-widget:compiled'), m = at('plan-widget:mounted'), i = at('plan-widget:instantiated'), rd = at('bench:ready'), rn = at('plan-widget:rendered');
  res.push({
    before: cpu(req, c), mount: cpu(i, m), hydrate: cpu(m, rd), effects: cpu(rd, rn), lazy: kind(/^wasm\.CompileLazy$/, i, rn),
    layout: kind(/^(UpdateLayoutTree|Layout|PrePaint|Paint)$/, req, rn), ready: cpu(req, rd),
  });
}
await browser.close(); server.close();
const st = (k) => { const s = res.map((r) => r[k]).sort((a, b) => a - b); return `${k} min ${s[0].toFixed(1)} med ${s[Math.floor(s.length / 2)].toFixed(1)}`; };
console.log(['before', 'mount', 'hydrate', 'effects', 'lazy', 'layout', 'ready'].map(st).join(' | '));
