// Nothing of the widget scrolls sideways (issue 15, "Built for the phone", and the large-text
// mode): the widget alone on a page, as wide as the screen (a portal's full-width column), from
// 320 to 1600 px, in both languages, large text off and on, with the feedback link in the
// toolbar (its widest row). At each width, the page, the widget and its toolbar (and the summary
// and move strip under them) have no content wider than their box, every toolbar control lies
// inside the widget, in the row with its label on one line (a row too narrow for its controls squeezed the
// last ones into two-line buttons: English large text from 1,090 to 1,540 px), and the
// toolbar's row is either wholly in view or folded behind "More" (src/web/ui/toolbar_more.rs,
// the toolbar rules of widget.css).
import { test, expect, ready, snap } from './fixtures.mjs';

const W = 'plan-widget';
// (1760: the whole row in large text, 65em = 1,560 px of content.)
const WIDTHS = [320, 375, 480, 640, 760, 1024, 1040, 1100, 1280, 1440, 1520, 1600, 1760];
/** The boxes that must not scroll sideways, by selector. */
// (Not the header: the toolbar's negative margin, room for its focus rings, reaches into the
// widget's padding by design.)
const BOXES = ['.pw-root', '.pw-toolbar', '.pw-summary', '.pw-strip'];

const page_ = (lang) => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>full width</title>
<link rel="icon" href="data:,"><style>body { margin: 0; }</style>
<script type="module" src="/pkg/plan-widget.js"></script></head>
<body><plan-widget plan="handan-edu-2022" lang="${lang}" feedback="/feedback.html?code={code}"></plan-widget></body></html>`;

/**
 * What overflows at the current width: boxes wider inside than out, controls past the edge,
 * and with `lines`, a control's label on more than one line.
 */
function overflows(page, lines = true) {
  return page.locator(W).evaluate((el, [boxes, oneLine]) => {
    const root = el.shadowRoot.querySelector('.pw-root');
    const edge = root.getBoundingClientRect();
    const found = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) found.push(`the page ${doc.scrollWidth} > ${doc.clientWidth}`);
    for (const sel of boxes) {
      for (const b of el.shadowRoot.querySelectorAll(sel)) {
        if (b.clientWidth > 0 && b.scrollWidth > b.clientWidth) found.push(`${sel} ${b.scrollWidth} > ${b.clientWidth}`);
      }
    }
    for (const c of el.shadowRoot.querySelectorAll('.pw-toolbar :is(button, a)')) {
      const r = c.getBoundingClientRect();
      if (r.width > 0 && (r.left < edge.left - 0.5 || r.right > edge.right + 0.5)) {
        found.push(`${c.textContent.trim()} [${Math.round(r.left)}, ${Math.round(r.right)}] outside [${Math.round(edge.left)}, ${Math.round(edge.right)}]`);
      }
      // Its label's lines: the distinct tops of its shown text's boxes (not the words for
      // screen readers only, .pw-sr).
      const lines = new Set();
      const walk = document.createTreeWalker(c, NodeFilter.SHOW_TEXT);
      while (walk.nextNode()) {
        if (walk.currentNode.parentElement.closest('.pw-sr')) continue;
        const text = document.createRange();
        text.selectNodeContents(walk.currentNode);
        for (const b of text.getClientRects()) if (b.width > 0) lines.add(Math.round(b.top));
      }
      if (oneLine && lines.size > 1) found.push(`${c.textContent.trim()}: ${lines.size} lines`);
    }
    return found;
  }, [BOXES, lines]);
}

for (const lang of ['zh-CN', 'en']) {
  for (const large of [false, true]) {
    const name = `${lang}${large ? ' large text' : ''}`;
    test(`${name}: nothing of the widget scrolls sideways at any width from 320 to 1600 px`, async ({ page }) => {
      await page.route('**/fit.html', (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body: page_(lang) }));
      await page.setViewportSize({ width: WIDTHS[0], height: 800 });
      await page.goto('/fit.html');
      const w = await ready(page);
      await expect(w.locator('.pw-feedback')).toBeAttached(); // the row at its widest
      if (large) {
        await w.locator('.pw-toggle').click();
        await expect(w.locator('.pw-root')).toHaveClass(/pw-large/);
      }
      const seen = {};
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 800 });
        await expect.poll(() => w.evaluate((el) => el.getBoundingClientRect().width)).toBe(width);
        // A frame for the container queries to apply.
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        const found = await overflows(page);
        // Folded: the group opened under "More" fits too (its labels may wrap: at 320 px the
        // feedback link's is wider than the screen).
        const more = w.locator('.pw-more-toggle');
        if (await more.isVisible()) {
          await more.click();
          await expect(w.locator('.pw-feedback')).toBeVisible();
          found.push(...(await overflows(page, false)).map((f) => `More open: ${f}`));
          await more.click();
          await expect(w.locator('.pw-feedback')).toBeHidden();
        }
        if (found.length) seen[width] = found;
        if ([375, 1280, 1600].includes(width)) await snap(page, `fit-${lang}-${width}${large ? '-large' : ''}`);
      }
      expect(seen, 'what overflows sideways, by width').toEqual({});
    });
  }
}
