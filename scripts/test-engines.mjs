// The demo page in the other engines: a smoke test in Firefox ESR and in WebKitGTK (the engine
// of Safari and of WeChat on iOS), both Debian's packages (scripts/setup.sh installs them), never
// a downloaded browser. The full end-to-end tests stay on Chromium (tests/e2e/).
//
//   node scripts/test-engines.mjs            both engines (needs pkg/: scripts/build.sh)
//   node scripts/test-engines.mjs firefox    one of them (firefox | webkit)
//
// Firefox runs headless over WebDriver BiDi (puppeteer-core, `browser: 'firefox'`); WebKitGTK
// runs its MiniBrowser under WebKitWebDriver (selenium-webdriver) on a virtual display (Xvfb).
// The script serves www/ and pkg/ itself (scripts/serve.mjs), starts Xvfb and WebKitWebDriver,
// stops all it started, and ends with `engines: N passed, M failed` (exit 1 when one failed).
//
// The smoke test, the same steps in each engine (smokeTest below): the demo page renders (tabs,
// target cards, sliders); the first lever moves by keyboard (ArrowRight on the focused slider)
// and a figure on a target card changes; one more key press and Undo bring the lever back to
// its value before that press, and Undo again one press further (each key press is an undo step
// of its own, complete at once, in every engine: keyUndo below); the share code then reopens the same scenario in a
// fresh page load (same lever value, same figures, same code) and is marked as shared (the
// banner, none before on the visitor's own scenario); no uncaught error on either page
// (www/test/record.js is put in front of the page's scripts: serve.mjs `?record-errors`) and the
// widget never shows an error or crash state.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { start } from './serve.mjs';

const TIMEOUT = 30_000;
/** How long the widget must stay unchanged to count as settled (see smokeTest). */
const QUIET_MS = 400;
const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER || '/usr/bin/WebKitWebDriver';

/** Polls `probe` (async) until it returns a truthy value; throws `what` after the timeout. */
async function until(what, probe, timeout = TIMEOUT) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (last: ${describe(last)})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function describe(v) {
  if (v instanceof Error) return v.message;
  try {
    return JSON.stringify(v);
  } catch (_) {
    return String(v);
  }
}

function check(ok, message) {
  if (!ok) throw new Error(message);
}

// ---- in the page (each engine runs these functions as scripts) ----

/** What the smoke test reads from the page: the widget's state, its figures and first lever. */
function readWidget() {
  const el = document.querySelector('plan-widget');
  const root = el && el.shadowRoot;
  const all = (sel) => (root ? [...root.querySelectorAll(sel)] : []);
  const slider = all('input[type="range"]')[0];
  return {
    state: el ? el.getAttribute('data-state') : null,
    scenario: el && el.getAttribute('data-state') === 'ready' ? el.scenario : null,
    tabs: all('[role="tab"]').length,
    cards: all('.pw-card').length,
    sliders: all('input[type="range"]').length,
    banner: all('.pw-shared').length,
    alerts: all('[role="alert"]').map((a) => a.textContent.trim()).filter(Boolean),
    figures: all('.pw-card .pw-value').map((v) => v.textContent.trim()),
    lever: slider ? slider.value : null,
    step: slider ? Number(slider.step) || 1 : null,
    canUndo: all('.pw-toolbar button').length > 0 && !all('.pw-toolbar button')[0].disabled,
    errors: window.__errors || null,
  };
}

/** Clicks the toolbar's first button, Undo. */
function clickUndo() {
  const undo = document.querySelector('plan-widget').shadowRoot.querySelector('.pw-toolbar button');
  undo.click();
  return true;
}

// Forgets what this tab wrote (the sync-url page marks its own codes in sessionStorage, so a
// reload of one's own tab shows no shared-scenario banner): the code is then opened as a link
// received from someone, as in a new tab.
const forgetTab = () => {
  sessionStorage.clear();
  return true;
};

/** Focuses the first slider in the widget (keys go to the focused element). */
function focusFirstSlider() {
  const slider = document.querySelector('plan-widget').shadowRoot.querySelector('input[type="range"]');
  slider.focus();
  return slider.matches(':focus');
}

// ---- the smoke test, written once for both drivers ----

/**
 * `driver`: { goto(url), run(fn, ...args) → value, pressRight(times) }.
 * Returns a line of what was seen; throws on the first failed step.
 */
async function smokeTest(driver, base) {
  const page = `${base}/index.html?record-errors`;
  await driver.goto(page);
  const first = await until('the widget to render', async () => {
    const w = await driver.run(readWidget);
    check(!/^(error|crashed|fallback)$/.test(w.state || ''), `widget state ${w.state}: ${w.alerts.join(' / ')}`);
    return w.state === 'ready' && w.cards > 0 && w.figures.length > 0 ? w : null;
  });
  check(first.tabs > 0 && first.sliders > 0, `no tabs or sliders: ${describe(first)}`);
  check(first.errors !== null, 'record.js did not run: the page errors are not recorded');

  check(await driver.run(focusFirstSlider), 'the first slider did not take the focus');
  await driver.pressRight(3);
  const moved = await until('a lever move to change a figure', async () => {
    const w = await driver.run(readWidget);
    const changed = w.lever !== first.lever && w.scenario !== first.scenario &&
      w.figures.join('|') !== first.figures.join('|');
    return changed ? w : null;
  });
  // Let the scenario settle (a burst of moves is one render), then take its code. Quiet means
  // nothing changed for QUIET_MS: the cards out of view of a slider's drag step come in slices
  // from 50 ms after the last input (src/web/ui/cards.rs); key presses were such a step in every
  // engine before levers.rs made a key's step complete at once (the figures were read stale
  // before the slices when two reads in a row sufficed).
  let last = null;
  let since = 0;
  const settled = await until('the scenario to settle', async () => {
    const w = await driver.run(readWidget);
    const key = `${w.scenario} ${w.figures.join('|')}`;
    if (key !== last) [last, since] = [key, Date.now()];
    return Date.now() - since >= QUIET_MS ? w : null;
  });

  const undone = await keyUndo(driver, settled);

  check(await driver.run(forgetTab), 'the tab’s session storage could not be cleared');
  await driver.goto(`${base}/index.html?record-errors&reopen=1#pw=${settled.scenario}`);
  const reopened = await until('the share code to reopen the same scenario', async () => {
    const w = await driver.run(readWidget);
    check(!/^(error|crashed|fallback)$/.test(w.state || ''), `widget state ${w.state}`);
    return w.state === 'ready' && w.lever === settled.lever && w.scenario === settled.scenario &&
      w.figures.join('|') === settled.figures.join('|') ? w : null;
  });
  check(first.banner === 0 && settled.banner === 0, 'the visitor’s own scenario is marked as shared');
  await until('the shared-scenario banner', async () => (await driver.run(readWidget)).banner === 1);
  check(reopened.alerts.length === 0, `the reopened page shows an alert: ${reopened.alerts.join(' / ')}`);
  check(reopened.errors.length === 0, `page errors: ${reopened.errors.join(' / ')}`);
  const changedFigures = first.figures.filter((f, i) => f !== moved.figures[i]).length;
  return `${first.cards} cards, ${first.sliders} sliders; lever ${first.lever} → ${settled.lever}, ` +
    `${changedFigures} figure(s) changed; ${undone}; share code reopened the same scenario, with its banner`;
}

/**
 * Each key press is an undo step of its own, complete at once (src/web/ui/levers.rs): from the
 * `settled` scenario (three presses), one more press, then Undo brings the lever back to its
 * value before that press (the same scenario and figures), and Undo again one press further
 * back (the presses were not grouped into one step). Ends at `settled`'s scenario again (Redo
 * is not needed: the share code taken from `settled` is what the test reopens).
 */
async function keyUndo(driver, settled) {
  const before = Number(settled.lever);
  check(await driver.run(focusFirstSlider), 'the first slider did not take the focus again');
  await driver.pressRight(1);
  await until('one more key press to move the lever', async () => {
    const w = await driver.run(readWidget);
    return Number(w.lever) > before && w.scenario !== settled.scenario ? w : null;
  });
  check(await driver.run(clickUndo), 'no Undo button');
  await until('Undo to bring the lever back to its value before the key press', async () => {
    const w = await driver.run(readWidget);
    return w.lever === settled.lever && w.scenario === settled.scenario &&
      w.figures.join('|') === settled.figures.join('|') ? w : null;
  });
  check(await driver.run(clickUndo), 'no Undo button');
  const back = await until('a second Undo to take back one key press only', async () => {
    const w = await driver.run(readWidget);
    return w.lever !== settled.lever ? w : null;
  });
  check(Math.abs(Number(back.lever) - (before - settled.step)) < settled.step / 1000,
    `a second Undo took the lever from ${settled.lever} to ${back.lever}, not one key press (${settled.step}) back: ` +
    'the key presses were grouped into one undo step');
  check(back.canUndo, 'nothing left to undo after two of the four key presses: they were grouped');
  return `a key press and Undo: lever ${settled.lever} → ${Number(before + settled.step)} → ${settled.lever} → ${back.lever}`;
}

// ---- Firefox ESR: puppeteer-core over WebDriver BiDi ----

async function firefox(base, stack) {
  const { default: puppeteer } = await import('puppeteer-core');
  check(existsSync(FIREFOX), `${FIREFOX} is missing: apt-get install firefox-esr (scripts/setup.sh)`);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    protocolTimeout: TIMEOUT,
  });
  stack.push(() => browser.close());
  const version = await browser.version();
  const page = await browser.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e && e.message ? e.message : e)));
  const line = await smokeTest({
    goto: (url) => page.goto(url, { waitUntil: 'load', timeout: TIMEOUT }),
    run: (fn, ...args) => page.evaluate(fn, ...args),
    pressRight: async (n) => {
      for (let i = 0; i < n; i++) await page.keyboard.press('ArrowRight');
    },
  }, base);
  check(pageErrors.length === 0, `page errors: ${pageErrors.join(' / ')}`);
  return `${version}: ${line}`;
}

// ---- WebKitGTK: MiniBrowser under WebKitWebDriver (selenium-webdriver), on Xvfb ----

function miniBrowser() {
  const found = readdirSync('/usr/lib', { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => `/usr/lib/${d.name}/webkit2gtk-4.1/MiniBrowser`)
    .find((p) => existsSync(p));
  check(found, 'no /usr/lib/*/webkit2gtk-4.1/MiniBrowser: apt-get install webkit2gtk-driver (scripts/setup.sh)');
  return found;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Starts a child process; its stop is pushed on `stack`; its output is kept for errors. */
function launch(cmd, args, env, stack) {
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = [];
  child.stdout.on('data', (d) => out.push(String(d)));
  child.stderr.on('data', (d) => out.push(String(d)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.once('error', (e) => out.push(String(e)));
  stack.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  });
  return { child, output: () => out.join('').trim().slice(-2000) };
}

/** A free X display number from 77 up (the lock file of a running server marks it taken). */
function freeDisplay() {
  for (let n = 77; n < 177; n++) {
    if (!existsSync(`/tmp/.X${n}-lock`) && !existsSync(`/tmp/.X11-unix/X${n}`)) return n;
  }
  throw new Error('no free X display between :77 and :176');
}

async function webkit(base, stack) {
  const { Builder, Key } = await import('selenium-webdriver');
  check(existsSync(WEBKIT_DRIVER), `${WEBKIT_DRIVER} is missing: apt-get install webkit2gtk-driver (scripts/setup.sh)`);
  const binary = miniBrowser();

  const display = freeDisplay();
  const xvfb = launch('Xvfb', [`:${display}`, '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], {}, stack);
  await until(`Xvfb on :${display}`, () => {
    check(xvfb.child.exitCode === null, `Xvfb exited: ${xvfb.output()}`);
    return existsSync(`/tmp/.X11-unix/X${display}`);
  }, 10_000);

  const port = await freePort();
  const driverProc = launch(WEBKIT_DRIVER, [`--port=${port}`], { DISPLAY: `:${display}` }, stack);
  const server = `http://127.0.0.1:${port}`;
  await until('WebKitWebDriver', async () => {
    check(driverProc.child.exitCode === null, `WebKitWebDriver exited: ${driverProc.output()}`);
    const res = await fetch(`${server}/status`);
    return res.ok;
  }, 15_000);

  const driver = await new Builder()
    .usingServer(server)
    .withCapabilities({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary, args: ['--automation'] },
    })
    .build();
  stack.push(() => driver.quit());
  await driver.manage().setTimeouts({ script: TIMEOUT, pageLoad: TIMEOUT });
  const caps = await driver.getCapabilities();
  const line = await smokeTest({
    goto: (url) => driver.get(url),
    run: (fn, ...args) => driver.executeScript(fn, ...args),
    pressRight: async (n) => {
      let actions = driver.actions();
      for (let i = 0; i < n; i++) actions = actions.keyDown(Key.ARROW_RIGHT).keyUp(Key.ARROW_RIGHT);
      await actions.perform();
    },
  }, base);
  return `WebKitGTK ${caps.get('browserVersion') || ''}: ${line}`;
}

// ---- main ----

const ENGINES = { firefox, webkit };

async function main() {
  const wanted = process.argv.slice(2);
  for (const name of wanted) check(ENGINES[name], `unknown engine ${name} (firefox | webkit)`);
  const names = wanted.length ? wanted : Object.keys(ENGINES);
  check(existsSync(new URL('../pkg/plan-widget.js', import.meta.url)), 'pkg/ is not built: run scripts/build.sh');

  const server = await start(0);
  const base = `http://127.0.0.1:${server.address().port}`;
  let passed = 0;
  let failed = 0;
  try {
    for (const name of names) {
      const stack = [];
      const t0 = Date.now();
      try {
        const line = await ENGINES[name](base, stack);
        passed++;
        console.log(`  ✓ ${name}: ${line} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      } catch (e) {
        failed++;
        console.log(`  ✘ ${name}: ${e && e.stack ? e.stack : e}`);
      } finally {
        // Stop what this engine started, last first.
        for (const stop of stack.reverse()) {
          try {
            await stop();
          } catch (e) {
            console.log(`    (${name}: stopping: ${e.message || e})`);
          }
        }
      }
    }
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
  console.log(`engines: ${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
  console.error(`test-engines: ${e && e.stack ? e.stack : e}`);
  console.log('engines: 0 passed, 1 failed');
  process.exitCode = 1;
});
