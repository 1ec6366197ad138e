// The prerendered plan (`plan-widget render`: the UI's own yew components rendered natively):
// inline in a page with JavaScript off, fetched and shown before the wasm, hydrated in place,
// on every demo page without WebAssembly (with the note), and a plan whose texts hold markup.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { test, expect, ready, waitState, recorded, snap } from './fixtures.mjs';
import { STRICT_CSP } from '../../scripts/serve.mjs';

const ROOT = new URL('../../', import.meta.url);
const HANDAN = JSON.parse(readFileSync(new URL('plans/handan-edu-2022.json', ROOT), 'utf8'));
const MARKUP_PLAN = readFileSync(new URL('tests/plans/markup.json', ROOT), 'utf8');

/** `plan-widget render ARGS` (the CLI scripts/build.sh built beside pkg/). */
function render(...args) {
  const cli = new URL('target/debug/plan-widget', ROOT);
  if (!existsSync(cli)) throw new Error('target/debug/plan-widget is missing: run scripts/build.sh');
  return execFileSync(cli.pathname, ['render', ...args], { cwd: ROOT.pathname, encoding: 'utf8' });
}

/** A test page holding `body`, served under the strict CSP of the host test pages. */
async function servePage(page, path, body, lang = 'en') {
  await page.route(`**${path}`, (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8',
    headers: { 'Content-Security-Policy': STRICT_CSP },
    body: `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Prerendered</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="/site.css">
<script src="/test/record.js"></script><script type="module" src="/pkg/plan-widget.js"></script>
</head><body><main class="page"><h1>Prerendered</h1>${body}</main></body></html>`,
  }));
}

const cards = (page, w = 'plan-widget') => page.locator(`${w} .pw-card[data-target]`);

test('inline render output shows the plan with JavaScript off', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const page = await context.newPage();
  await servePage(page, '/inline-nojs.html', render('--lang', 'en'));
  await page.goto('/inline-nojs.html');
  // The declarative shadow root is attached by the parser; its stylesheet styles it.
  await expect(page.locator('plan-widget .pw-title')).toHaveText(HANDAN.title.en);
  await expect(cards(page)).toHaveCount(HANDAN.targets.length);
  for (const t of HANDAN.targets.slice(0, 5)) {
    await expect(page.locator(`plan-widget .pw-card[data-target="${t.id}"] .pw-card-label`)).toContainText(t.label.en);
  }
  await expect(page.locator('plan-widget .pw-summary .pw-counts')).toBeVisible();
  const font = await page.locator('plan-widget .pw-root').evaluate((e) => getComputedStyle(e).fontSize);
  expect(font, 'plan-widget.css applies').toBe('16px');
  await snap(page, 'prerender-nojs-1280');
  await context.close();
});

test('inline render output is hydrated in place: same nodes, no jump, no console error, levers work, the feedback link comes', async ({ page }) => {
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  // Hold the wasm until the prerendered plan has been checked on screen.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/plan-widget-wasm_bg.wasm*', async (route) => { await held; await route.continue(); });
  // With `feedback`, given at mount: the render output has no link, so the hydrating render must
  // not either (a mismatch would start the widget again afresh, with a console warning).
  const inline = render('--lang', 'en').replace('<plan-widget ', '<plan-widget feedback="/feedback.html?code={code}" ');
  await servePage(page, '/inline.html', inline);
  await page.goto('/inline.html');
  await expect(page.locator('plan-widget .pw-feedback')).toHaveCount(0);
  const first = page.locator(`plan-widget .pw-card[data-target="${HANDAN.targets[0].id}"]`);
  await expect(first).toBeVisible();
  await expect(page.locator('plan-widget')).toHaveAttribute('data-state', 'loading');
  await expect(page.locator('plan-widget .pws-status')).toBeHidden();
  const box = (e) => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; };
  const before = await first.evaluate(box);
  await first.evaluate((e) => { e.__prerendered = true; });
  // Where the card is when the UI's first render is done (its first scenario-change), before
  // the chances come in (they add their lines to the cards, as they do without a prerender).
  await first.evaluate((card, id) => {
    card.getRootNode().host.addEventListener('scenario-change', (ev) => {
      const c = ev.target.shadowRoot.querySelector(`.pw-card[data-target="${id}"]`);
      const r = c.getBoundingClientRect();
      window.__atFirstRender = { same: c === card, box: [r.x, r.y, r.width, r.height] };
    }, { once: true });
  }, HANDAN.targets[0].id);
  release();
  await ready(page);
  // The node the parser made is the node the live widget uses: hydrated, not replaced, and it
  // has not moved.
  expect(await page.evaluate(() => window.__atFirstRender)).toEqual({ same: true, box: before });
  expect(await first.evaluate((e) => e.__prerendered === true)).toBe(true);
  await expect(page.locator('plan-widget .pws-app')).not.toHaveClass(/pws-prerendered/);
  await expect(page.locator('plan-widget .pw-feedback')).toHaveAttribute('href', /^\/feedback\.html\?code=/);
  // The first lever still moves the figures.
  const values = page.locator('plan-widget .pw-card .pw-value');
  const was = await values.allTextContents();
  const slider = page.locator('plan-widget input[type=range]').first();
  await slider.focus();
  await page.keyboard.press('End');
  await expect.poll(() => values.allTextContents()).not.toEqual(was);
  expect(await first.evaluate((e) => e.__prerendered === true)).toBe(true);
  expect(problems).toEqual([]);
  expect((await recorded(page)).violations).toEqual([]);
});

test('without inline HTML the built-in plan is fetched and shown before the wasm, then hydrated', async ({ page }) => {
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/plan-widget-wasm_bg.wasm*', async (route) => { await held; await route.continue(); });
  await page.goto('/en.html');
  const first = page.locator(`plan-widget .pw-card[data-target="${HANDAN.targets[0].id}"]`);
  await expect(first).toBeVisible();
  await expect(page.locator('plan-widget')).toHaveAttribute('data-state', 'loading');
  await expect(page.locator('plan-widget .pw-title')).toHaveText(HANDAN.title.en);
  await first.evaluate((e) => { e.__prerendered = true; });
  release();
  await ready(page);
  expect(await first.evaluate((e) => e.__prerendered === true)).toBe(true);
});

test('markup that does not match (another language) is rendered afresh, not hydrated', async ({ page }) => {
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  // zh-CN markup in an element that asks for English.
  await servePage(page, '/mismatch.html', render('--lang', 'zh-CN').replace('lang="zh-CN"', 'lang="en"'));
  await page.goto('/mismatch.html');
  await ready(page);
  await expect(page.locator('plan-widget .pw-title')).toHaveText(HANDAN.title.en);
  await expect(cards(page)).toHaveCount(HANDAN.targets.length);
  expect(problems).toEqual([]);
});

test('markup with the right key that does not hydrate: the widget starts again afresh, no crash view', async ({ page }) => {
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  page.on('pageerror', () => {}); // the trap of the failed hydration is the page's uncaught error
  // Tampered markup: the title's <h2> an <h3> (yew's hydration checks every element's tag).
  const html = render('--lang', 'en').replace('<h2 class="pw-title">', '<h3 class="pw-title">').replace('</h2>', '</h3>');
  expect(html).toContain('<h3 class="pw-title">');
  await servePage(page, '/tampered.html', html);
  await page.goto('/tampered.html');
  await ready(page);
  await expect(page.locator('plan-widget .pw-title')).toHaveText(HANDAN.title.en);
  expect(await page.locator('plan-widget .pw-title').evaluate((e) => e.localName)).toBe('h2');
  await expect(cards(page)).toHaveCount(HANDAN.targets.length);
  expect(warnings.join('\n')).toContain('could not be hydrated');
  // It works: the first lever moves the figures.
  const values = page.locator('plan-widget .pw-card .pw-value');
  const was = await values.allTextContents();
  await page.locator('plan-widget input[type=range]').first().focus();
  await page.keyboard.press('End');
  await expect.poll(() => values.allTextContents()).not.toEqual(was);
});

// Every demo page with a widget, without WebAssembly: the prerendered plan and the note.
const DEMO = {
  '/index.html': 'zh-CN',
  '/en.html': 'en',
  '/embed.html': 'zh-CN',
  '/residents.html': 'zh-CN',
  '/residents-en.html': 'en',
  '/frame.html?plan=handan-edu-2022&lang=en': 'en',
};
const NOTE = { 'zh-CN': '此浏览器不支持 WebAssembly', en: 'does not support WebAssembly' };

for (const [path, lang] of Object.entries(DEMO)) {
  test(`without WebAssembly ${path} shows the prerendered plan and the note`, async ({ page }) => {
    await page.addInitScript(() => { delete window.WebAssembly; });
    await page.goto(path);
    const w = page.locator('plan-widget').first();
    await expect(w).toHaveAttribute('data-state', 'fallback');
    await expect(w.locator('.pws-status')).toContainText(NOTE[lang]);
    await expect(w.locator('.pw-title')).toHaveText(HANDAN.title[lang === 'en' ? 'en' : 'zh']);
    await expect(w.locator('.pw-card[data-target]')).toHaveCount(HANDAN.targets.length);
    // No chances are being estimated on a page that cannot compute them.
    await expect(w.locator('.pw-risk-progress')).toBeHidden();
    if (path === '/index.html') await snap(page, 'no-wasm-prerendered');
  });
}

test('without WebAssembly a src plan without inline HTML gets the note alone', async ({ page }) => {
  await page.addInitScript(() => { delete window.WebAssembly; });
  await page.route('**/markup.json', (route) => route.fulfill({ contentType: 'application/json', body: MARKUP_PLAN }));
  await servePage(page, '/src-nowasm.html', '<plan-widget src="/test/markup.json" lang="en"></plan-widget>');
  await page.goto('/src-nowasm.html');
  await waitState(page, 'plan-widget', 'fallback');
  await expect(page.locator('plan-widget .pws-status')).toContainText('the interactive plan cannot be shown');
  await expect(page.locator('plan-widget .pws-app')).toBeHidden();
});

test('a plan whose texts hold markup shows them as text, prerendered and live', async ({ page }) => {
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.route('**/markup.json', (route) => route.fulfill({ contentType: 'application/json', body: MARKUP_PLAN }));
  const inline = render('--plan', 'tests/plans/markup.json', '--src', '/test/markup.json', '--lang', 'en');
  const pre = inline.replace('<plan-widget ', '<plan-widget id="pre" ');
  await servePage(page, '/markup.html', `${pre}<plan-widget id="live" src="/test/markup.json" lang="en"></plan-widget>`);
  await page.goto('/markup.html');
  for (const w of ['#pre', '#live']) {
    await expect(page.locator(w)).toHaveAttribute('data-state', 'ready');
    await expect(page.locator(`${w} .pw-title`)).toHaveText('Title <script>alert(1)</script>');
    await expect(page.locator(`${w} .pw-card[data-target="ger"] .pw-card-label`)).toContainText('Preschool rate <script>alert(1)</script>');
    await expect(page.locator(`${w} .pw-card[data-target="kg_built"] .pw-card-label`)).toContainText('"><img src=x onerror=alert(1)>');
    // No element came out of the texts.
    const made = await page.locator(w).evaluate((el) => el.shadowRoot.querySelectorAll('.pw-root script, .pw-root img').length);
    expect(made).toBe(0);
  }
  expect(dialogs).toEqual([]);
});
