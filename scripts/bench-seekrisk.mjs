// In-browser benchmark of goal seek and Monte Carlo risk (issue 5), in headless Chromium:
//   - goal seek per target ≤ 1 ms (every policy lever at its minimum; each missed target's
//     full suggestions; the slowest target, and all of them);
//   - 10,000 Monte Carlo samples of the built-in plan (with the bands) ≤ 100 ms.
// Timed inside the wasm by the test-only export benchSeekRisk (feature test-hooks, pkg-test/:
// scripts/build.sh --test-hooks). Each figure: median and minimum of the rounds. Prints figures
// against the budgets (on the median); fails nothing.
//   node scripts/bench-seekrisk.mjs [rounds]
import { launch } from './chromium.mjs';
import { start } from './serve.mjs';

const ROUNDS = Number(process.argv[2] || process.env.BENCH_ROUNDS || 20);
const verdict = (ok) => (ok ? 'within budget' : 'OVER BUDGET');
const ms = (x) => `${x.toFixed(3)} ms`;

const server = await start(0);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(`${base}/test/index.html`);
  const figures = await page.evaluate(async (rounds) => {
    const wasm = await import('/pkg-test/plan-widget-wasm.js');
    await wasm.default();
    return JSON.parse(wasm.benchSeekRisk(rounds));
  }, ROUNDS);
  if (figures.error) throw new Error(figures.error);
  const f = (name) => `median ${ms(figures[name][0])}, min ${ms(figures[name][1])}`;
  console.log(`goal seek, built-in plan (${figures.targets} targets; every policy lever at its minimum: ${figures.missed} missed), ${ROUNDS} rounds, wasm in headless Chromium:`);
  console.log(`  Seeker::new (once per plan): ${f('seekerNew')}`);
  console.log(`  suggestions, slowest target: ${f('seekTargetMax')}: ${verdict(figures.seekTargetMax[0] <= 1)} (1 ms per target)`);
  console.log(`  suggestions for all ${figures.missed} missed targets: ${f('seekAll')} ` +
    `(mean per target ${ms(figures.seekAll[0] / figures.missed)})`);
  console.log(`Monte Carlo, ${figures.samples} samples of the plan as written (+ bands): ${f('risk')}: ${verdict(figures.risk[0] <= 100)} (100 ms)`);
} catch (e) {
  console.log(`bench-seekrisk: could not finish: ${e.message} (is pkg-test/ built? scripts/build.sh --test-hooks)`);
} finally {
  await browser.close();
  server.close();
}
