// Start-up (issue 15): the demo pages' <head> hints start the widget's downloads with the page
// and are used (each preloaded file fetched once, no "preloaded but not used" warning), the
// server-side include puts the render output in the page, and nothing moves after the widget
// is ready (the chances' lines have their room from the first paint), zh-CN and English.
import { test, expect, ready } from './fixtures.mjs';

/** The pages with hints: `/` includes the render output, the others fetch it. */
const PAGES = ['/', '/en.html', '/residents.html', '/residents-en.html', '/embed.html'];

for (const path of PAGES) {
  test(`${path}: every preloaded file is the one the widget asks for, fetched once, no preload warning`, async ({ page }) => {
    const warnings = [];
    page.on('console', (m) => {
      if (/preload/i.test(m.text())) warnings.push(m.text());
    });
    const requests = [];
    page.on('request', (r) => requests.push(new URL(r.url())));
    await page.goto(path);
    await ready(page);
    const hints = await page.evaluate(() => [...document.querySelectorAll('link[rel=preload], link[rel=modulepreload]')]
      .map((l) => ({ rel: l.rel, as: l.getAttribute('as'), href: l.href })));
    // The wasm (every page); the first screen's HTML and stylesheet where the element fetches them.
    const paths = hints.map((h) => new URL(h.href).pathname);
    expect(paths).toContain('/pkg/plan-widget-wasm_bg.wasm');
    if (path !== '/') expect(paths).toEqual(expect.arrayContaining([expect.stringMatching(/^\/pkg\/plans\/handan-edu-2022\.(zh-CN|en)\.html$/), '/pkg/plan-widget.css']));
    // Chrome says a preload was not used a few seconds after the load event: wait that long.
    await page.waitForFunction(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return nav && nav.loadEventEnd > 0 && performance.now() > nav.loadEventEnd + 3500;
    }, null, { timeout: 15000, polling: 250 });
    for (const h of hints) {
      const target = new URL(h.href);
      const same = requests.filter((u) => u.pathname === target.pathname);
      // One request, for exactly the hinted URL: a preload the widget did not use would be a
      // second request (another query, or the same URL in another fetch mode).
      expect(same.map(String), `${target.pathname}: requested once, as hinted`).toEqual([target.href]);
    }
    expect(warnings).toEqual([]);
  });
}

test('/ holds the render output (server-side include): the plan is in the HTML the server sends', async ({ request }) => {
  const html = await (await request.get('/')).text();
  expect(html).not.toContain('<!--#');
  expect(html).toMatch(/<plan-widget plan="handan-edu-2022" lang="zh-CN" sync-url [^>]*><template shadowrootmode="open">/);
  expect(html).toContain('class="pw-card');
  expect(html).toContain('<link rel="preload" as="fetch" crossorigin fetchpriority="high" href="/pkg/plan-widget-wasm_bg.wasm?v=');
  // The render output's stylesheet link has the build's ?v=, as every file the element asks for
  // (scripts/build.sh): a year-long cache never keeps an old stylesheet after an update.
  const build = (await (await request.get('/pkg/package.json')).json()).build;
  expect(build).toMatch(/^[0-9a-f]{12}$/);
  expect(html).toContain(`<template shadowrootmode="open"><link rel="stylesheet" href="/pkg/plan-widget.css?v=${build}">`);
  for (const lang of ['zh-CN', 'en']) {
    const file = await (await request.get(`/pkg/plans/handan-edu-2022.${lang}.html`)).text();
    expect(file, lang).toContain(`<link rel="stylesheet" href="/pkg/plan-widget.css?v=${build}">`);
  }
  // /en.html keeps the fetched path: an empty element, its first screen from pkg/plans/.
  const en = await (await request.get('/en.html')).text();
  expect(en).toMatch(/<plan-widget plan="handan-edu-2022" lang="en" [^>]*><\/plan-widget>/);
  expect(en).toContain('/pkg/plans/handan-edu-2022.en.html?v=');
});

// Every line the first estimate brings has its room from the first paint, in both languages: a
// band kept unseen before the estimate takes the lines the real one will (the summary's figures
// each on a line of their own, in columns wide enough for their bands); and the feedback link,
// added once the widget is ready, does not widen the toolbar's row (below 1040 px, 1560 px in
// large text, it comes behind "More"). At 1280 px (the config's), on a 375 px phone, and where each used to move:
// the zh-CN page at 640 px by a band's line, the English one at 1024 px by the toolbar's second line.
const STEADY = [
  ['/', 1280], ['/residents.html', 1280], ['/en.html', 1280], ['/residents-en.html', 1280],
  ['/', 375], ['/en.html', 375], ['/', 640], ['/en.html', 1024],
];
for (const [path, width] of STEADY) {
  test(`${path} at ${width} px: the first card does not move from first content to 3 s after ready`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    // Every frame from the first one with a card: the first card's top in the page.
    await page.addInitScript(() => {
      const tops = (window.__tops = []);
      const look = () => {
        const host = document.querySelector('plan-widget');
        const card = host && host.shadowRoot && host.shadowRoot.querySelector('.pws-app:not([hidden]) .pw-card');
        const r = card && card.getBoundingClientRect();
        if (r && r.height > 0) tops.push({ t: performance.now(), top: Math.round(r.top + window.scrollY), ready: host.dataset.state === 'ready' });
        requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    });
    // The wasm held until the prerendered plan is on screen (a phone's order of arrival).
    let release;
    const held = new Promise((r) => { release = r; });
    await page.route('**/plan-widget-wasm_bg.wasm*', async (route) => { await held; await route.continue(); });
    await page.goto(path);
    await expect(page.locator('plan-widget .pw-card').first()).toBeVisible();
    release();
    await ready(page);
    const at = await page.evaluate(() => performance.now());
    // The chances of the plan as written come in after ready (their lines on the cards).
    await page.waitForFunction((t) => performance.now() > t + 3000, at, { polling: 250 });
    const tops = await page.evaluate(() => window.__tops);
    expect(tops.length).toBeGreaterThan(10);
    expect(tops.some((x) => !x.ready), 'the plan shows before the widget is ready').toBe(true);
    const moved = tops.filter((x) => x.top !== tops[0].top);
    expect(moved.slice(0, 3), `the first card stays at ${tops[0].top}px`).toEqual([]);
  });
}
