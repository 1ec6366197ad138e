// Screenshots of the demo pages for the README (run on demand: npm run screenshots).
//   docs/screenshots/{zh,en}-{1280,375}.png: www/index.html (zh-CN) and www/en.html (English)
// at 1280 and 375 px wide, full width. At 1280 px: the top of the page (portal header, headline,
// the widget's header, summary strip, lever panel and first targets); at 375 px: from the top of
// the widget down (header, summary, levers). Clipped at a fixed height so the files stay small
// (the page and the widget go on below).
//   docs/screenshots/{zh,en}-shared-375.png: a shared scenario reopened from its link at 375 px
// (the first lever moved three steps, then the page opened anew with #pw=CODE): the banner.
//   docs/screenshots/{zh,en}-cards-375.png: the cards at 375 px once the chances are in, with the
// "at risk" count chip pressed (only those cards, each saying why), from the cards' heading down.
//   docs/screenshots/{zh,en}-moved-375.png: a 375 × 740 screen just after the first lever moved one
// step with the keyboard: the move strip sticks on top with the counts and what changed.
//   docs/screenshots/{zh,en}-progress-375.png: the Progress tab at 375 px with the June test actuals
// (www/test/actuals-june.csv, set as the element's `actuals`): the ranking first, then the grid.
//   docs/screenshots/{zh,en}-first-375.png: a 375 × 740 screen at first paint, before the wasm has
// arrived (its request held): the prerendered plan (pkg/plans/<id>.<lang>.html), from the widget's top.
//   node scripts/screenshots.mjs shared    only the shots whose name contains "shared"
// Needs pkg/ built (scripts/build.sh), Debian's Chromium and the Noto CJK fonts (setup.sh).
import { launch } from './chromium.mjs';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { start } from './serve.mjs';

const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const SHOTS = [
  { name: 'zh-1280', url: '/', width: 1280, height: 1500 },
  { name: 'en-1280', url: '/en.html', width: 1280, height: 1500 },
  { name: 'zh-375', url: '/', width: 375, height: 1700, fromWidget: true },
  { name: 'en-375', url: '/en.html', width: 375, height: 1700, fromWidget: true },
  { name: 'zh-first-375', url: '/', width: 375, height: 740, first: true },
  { name: 'en-first-375', url: '/en.html', width: 375, height: 740, first: true },
  { name: 'zh-shared-375', url: '/', width: 375, height: 900, fromWidget: true, shared: true },
  { name: 'en-shared-375', url: '/en.html', width: 375, height: 900, fromWidget: true, shared: true },
  { name: 'zh-moved-375', url: '/', width: 375, height: 740, moved: true },
  { name: 'en-moved-375', url: '/en.html', width: 375, height: 740, moved: true },
  { name: 'zh-cards-375', url: '/', width: 375, height: 1500, from: '.pw-targets', atRisk: true },
  { name: 'en-cards-375', url: '/en.html', width: 375, height: 1500, from: '.pw-targets', atRisk: true },
  { name: 'zh-progress-375', url: '/', width: 375, height: 1500, from: '.pw-progress', progress: '进度' },
  { name: 'en-progress-375', url: '/en.html', width: 375, height: 1500, from: '.pw-progress', progress: 'Progress' },
  // The residents' tally (docs/tally.md): the HTML report of tests/it/tally.rs's 1,000 codes, and
  // the marks under the sliders on www/residents*.html (the lever panel, from its top).
  { name: 'tally-report', url: '/data/tally-sample.html', width: 1000, height: 1300, plain: true },
  { name: 'residents-zh', url: '/residents.html', width: 1280, height: 1150, selector: '.pw-levers' },
  { name: 'residents-en', url: '/residents-en.html', width: 1280, height: 1150, selector: '.pw-levers' },
];
// `node scripts/screenshots.mjs PART...` redraws only the shots whose name contains a PART.
const only = process.argv.slice(2);

mkdirSync(OUT, { recursive: true });
const server = await start(0);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();
try {
  for (const s of SHOTS.filter((s) => !only.length || only.some((n) => s.name.includes(n)))) {
    const open = () => browser.newPage({ viewport: { width: s.width, height: s.height }, deviceScaleFactor: 1 });
    let page = await open();
    // First paint: the wasm's request is never answered, so what shows is the prerendered plan.
    if (s.first) await page.route('**/plan-widget-wasm_bg.wasm*', () => {});
    await page.goto(base + s.url);
    if (s.first) {
      await page.locator('plan-widget .pws-app .pw-card').first().waitFor();
      await page.locator('plan-widget').evaluate((el) => el.scrollIntoView());
    } else if (!s.plain) await page.locator('plan-widget[data-state="ready"]').waitFor();
    if (s.shared) {
      await page.locator('plan-widget').getByRole('slider').first().focus();
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
      const code = await page.locator('plan-widget').evaluate((el) => el.scenario);
      // The link opened as someone receiving it would: in a new browser context, not this tab
      // (a reload of one's own sync-url tab reopens its scenario without the shared banner).
      await page.close();
      page = await open();
      await page.goto(`${base}${s.url}?shared#pw=${code}`);
      await page.locator('plan-widget[data-state="ready"]').waitFor();
      await page.locator('plan-widget').locator('.pw-shared').waitFor();
    }
    if (s.moved) {
      // The phone's view while a lever moves: the first lever one step on, the move strip on top.
      await page.locator('plan-widget').getByRole('slider').first().focus();
      await page.keyboard.press('ArrowRight');
      await page.locator('plan-widget').locator('.pw-strip-move').first().waitFor();
    }
    if (s.atRisk) {
      const w = page.locator('plan-widget');
      await w.locator('.pw-root:not(.pw-estimating)').waitFor();
      await w.locator('button.pw-count-chip[data-status="at_risk"]').click();
      await w.locator('.pw-showing').waitFor();
    }
    if (s.progress) {
      const w = page.locator('plan-widget');
      await w.evaluate((el) => el.setAttribute('actuals', '/test/actuals-june.csv'));
      await w.getByRole('tab', { name: s.progress, exact: true }).click();
      await w.locator('.pw-ranking').waitFor();
    }
    await page.evaluate(() => document.fonts.ready);
    // Two frames more: a card that has just come into view (content-visibility: auto, widget.css)
    // is painted in the next frame, not in the one the screenshot would otherwise take.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const path = `${OUT}${s.name}.png`;
    if (s.moved || s.first) {
      // What the screen shows, as it is scrolled.
      await page.screenshot({ path });
      console.log(`screenshots: ${path}`);
      await page.close();
      continue;
    }
    if (s.selector) {
      const box = await page.locator(`plan-widget ${s.selector}`).boundingBox();
      await page.screenshot({ path, fullPage: true, clip: { x: Math.floor(box.x) - 8, y: Math.floor(box.y) - 8, width: Math.ceil(box.width) + 16, height: s.height } });
      console.log(`screenshots: ${path}`);
      await page.close();
      continue;
    }
    const from = s.from ? page.locator('plan-widget').locator(s.from) : s.fromWidget ? page.locator('plan-widget') : null;
    const top = from
      ? Math.max(0, Math.floor(await from.evaluate((el) => el.getBoundingClientRect().top + window.scrollY)) - 8)
      : 0;
    await page.screenshot({ path, fullPage: true, clip: { x: 0, y: top, width: s.width, height: s.height } });
    console.log(`screenshots: ${path}`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
