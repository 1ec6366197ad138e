// Accessibility: axe-core on every view of the widget (zh-CN and English, 320 and 1280 px wide),
// a keyboard-only walk through every job, the polite live region, the large-text switch (适老化)
// and the contrast of controls (3:1), which axe does not measure for borders and accents.
import AxeBuilder from '@axe-core/playwright';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, ready, snap, ARTEFACTS } from './fixtures.mjs';
import { axe, TAGS } from './axe.mjs';

const PAGES = { 'zh-CN': '/', en: '/en.html' };
const W = 'plan-widget';

test("axe sees inside the widget's shadow root (a planted fault is found)", async ({ page }) => {
  await page.goto('/');
  await ready(page);
  const clean = await new AxeBuilder({ page }).include(W).withTags(TAGS).analyze();
  expect(clean.violations).toEqual([]);
  // Nodes inside the shadow root were checked: axe names them by a path through the host.
  const inside = clean.passes.flatMap((r) => r.nodes).filter((n) => Array.isArray(n.target[0]));
  expect(inside.length).toBeGreaterThan(50);
  await page.locator(W).evaluate((el) => el.shadowRoot.querySelector('.pw-toolbar').append(document.createElement('button')));
  const planted = await new AxeBuilder({ page }).include(W).withTags(TAGS).analyze();
  expect(planted.violations.map((v) => v.id)).toContain('button-name');
});

/** Every view of the widget, each set up from the one before. */
const VIEWS = [
  {
    name: 'targets, 原文 open',
    async open(page) {
      await page.locator(`${W} .pw-source summary`).first().click();
      await expect(page.locator(`${W} .pw-source`).first()).toHaveJSProperty('open', true);
    },
  },
  {
    name: 'levers: a second group, the assumptions and a refused number',
    async open(page) {
      const closed = page.locator(`${W} .pw-levers > .pw-group:not([open]) > summary`).first();
      await closed.click();
      await page.locator(`${W} .pw-assumptions > summary`).click();
      await expect(page.locator(`${W} .pw-assumptions`)).toHaveJSProperty('open', true);
      await page.locator(`${W} .pw-assumptions .pw-group > summary`).first().click();
      await expect(page.locator(`${W} .pw-assumptions .pw-lever`).first()).toBeVisible();
      const note = page.locator(`${W} .pw-lever-note > summary`).first();
      if (await note.count()) await note.click();
      // A refused entry: the error message and aria-invalid are part of this view.
      const field = page.locator(`${W} .pw-number`).first();
      await field.fill('abc');
      await expect(field).toHaveAttribute('aria-invalid', 'true');
    },
  },
  {
    name: 'compare with a kept scenario',
    async open(page) {
      const slider = page.locator(`${W} input[type=range]`).first();
      await slider.focus();
      await page.keyboard.press('ArrowRight');
      await page.locator(`${W} [role=tab][id$="tab-compare"]`).click();
      await page.locator(`${W} .pw-keep input`).fill('A');
      await page.locator(`${W} .pw-keep button[type=submit]`).click();
      await expect(page.locator(`${W} .pw-table thead`)).toContainText('A');
    },
  },
  {
    name: 'the Share dialog',
    async open(page) {
      await page.locator(`${W} button[aria-haspopup=dialog]`).click();
      await expect(page.locator(`${W} dialog.pw-dialog`)).toBeVisible();
    },
  },
  {
    name: 'progress tab',
    async open(page) {
      await page.keyboard.press('Escape');
      await expect(page.locator(`${W} dialog.pw-dialog`)).toBeHidden();
      await page.locator(`${W} [role=tab][id$="tab-progress"]`).click();
      await expect(page.locator(`${W} [role=tab][id$="tab-progress"]`)).toHaveAttribute('aria-selected', 'true');
    },
  },
  {
    name: 'large text',
    async open(page) {
      await page.locator(`${W} .pw-toggle`).click();
      await expect(page.locator(`${W} .pw-root`)).toHaveClass(/pw-large/);
    },
  },
];

const report = [];
test.afterAll(() => {
  writeFileSync(join(ARTEFACTS, '..', 'axe-report.json'), JSON.stringify(report, null, 2));
});

for (const [lang, url] of Object.entries(PAGES)) {
  for (const width of [320, 1280]) {
    test(`axe: every view, ${lang}, ${width} px: 0 violations`, async ({ page }) => {
      test.setTimeout(240_000);
      await page.setViewportSize({ width, height: 900 });
      await page.goto(url);
      await page.evaluate(() => localStorage.clear());
      await page.reload();
      await ready(page);
      const found = {};
      found['first view'] = await axe(page);
      for (const view of VIEWS) {
        await view.open(page);
        found[view.name] = await axe(page);
      }
      for (const [view, violations] of Object.entries(found)) {
        report.push({ lang, width, view, violations: violations.length, ids: violations.map((v) => v.id) });
      }
      await snap(page, `axe-${lang}-${width}`);
      expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
    });
  }
}

/** The focused element, through shadow roots, and whether its focus is visible. */
async function focused(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return null;
    const cs = getComputedStyle(el);
    const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2;
    const shadow = cs.boxShadow !== 'none';
    const card = el.closest('.pw-card');
    return {
      tag: el.tagName.toLowerCase(),
      type: el.getAttribute('type') || '',
      id: el.id,
      cls: typeof el.className === 'string' ? el.className : '',
      text: (el.textContent || '').trim().slice(0, 40),
      inWidget: !!el.closest('.pw-root'),
      inSource: !!el.closest('.pw-source'),
      card: card ? card.dataset.target : null,
      value: 'value' in el ? el.value : null,
      visible: outline || shadow,
      focusStyle: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor} / ${cs.boxShadow}`,
    };
  });
}

/**
 * Presses Tab (or Shift+Tab) until `want(focus)`; every focus stop inside the widget must be
 * visibly focused. Returns the focus.
 */
async function tabTo(page, want, { back = false, max = 400 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    if (f && f.inWidget) expect(f.visible, `focus not visible on ${JSON.stringify(f)}`).toBe(true);
    if (f && want(f)) return f;
  }
  throw new Error('focus never reached the wanted element');
}

test('keyboard only: every job with Tab, Shift+Tab, Enter, Space and arrow keys', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await ready(page);
  const w = page.locator(W);

  // Read a target's source: its 原文 disclosure, opened with Enter, closed and opened with Space.
  const src = await tabTo(page, (f) => f.inSource && f.tag === 'summary');
  const details = w.locator(`.pw-card[data-target="${src.card}"] .pw-source`);
  await page.keyboard.press('Enter');
  await expect(details).toHaveJSProperty('open', true);
  await expect(details.locator('blockquote')).toBeVisible();
  await page.keyboard.press('Space');
  await expect(details).toHaveJSProperty('open', false);
  await page.keyboard.press('Space');
  await expect(details).toHaveJSProperty('open', true);

  // Change a lever with the arrow keys (back up into the lever panel).
  const range = await tabTo(page, (f) => f.type === 'range', { back: true });
  const slider = w.locator(`[id="${range.id}"]`);
  const [min, max] = await slider.evaluate((el) => [Number(el.min), Number(el.max)]);
  const key = Number(range.value) < max ? 'ArrowRight' : 'ArrowLeft';
  await page.keyboard.press(key);
  await expect(slider, JSON.stringify(range)).not.toHaveValue(range.value);
  await expect(w.locator('.pw-toolbar button').first()).toBeEnabled(); // undo is possible now

  // Type into its number field (Tab moves there; the browser selects the text on Tab focus).
  const num = await tabTo(page, (f) => f.cls.includes('pw-number'));
  expect(num.id).toBe(`${range.id}-n`);
  const typed = String(Number(await slider.inputValue()) === min ? max : min);
  await page.keyboard.type(typed);
  await expect(w.locator(`[id="${range.id}-n"]`)).toHaveValue(typed);
  await page.keyboard.press('Tab'); // commits the field (change event)
  await expect(slider).toHaveValue(typed);
  await expect(w.locator(`[id="${range.id}-n"]`)).toHaveValue(typed);

  // The Compare tab: back to the tab list, arrow key to the next tab.
  await tabTo(page, (f) => f.tag === 'button' && f.cls.includes('pw-tab'), { back: true });
  await page.keyboard.press('ArrowRight');
  await expect(w.locator('[role=tab][id$="tab-compare"]')).toHaveAttribute('aria-selected', 'true');
  expect((await focused(page)).id).toMatch(/tab-compare$/);
  // Keep the scenario under a name and see it in compare.
  await tabTo(page, (f) => f.id.endsWith('keep-name'));
  await page.keyboard.type('键盘方案');
  await page.keyboard.press('Enter');
  await expect(w.locator('.pw-table thead')).toContainText('键盘方案');
  await expect(w.locator('.pw-table tbody')).toContainText(typed);
  await tabTo(page, (f) => f.cls.includes('pw-table-wrap'));

  // Share: the button opens the dialog (Enter); its Close button (Tab, Enter) closes it.
  await tabTo(page, (f) => f.tag === 'button' && f.text === (`分享`), { back: true });
  await page.keyboard.press('Enter');
  const dialog = w.locator('dialog.pw-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('input.pw-share-link')).toHaveValue(/#pw=/);
  await tabTo(page, (f) => f.tag === 'button' && f.text === '关闭');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();

  // The large-text switch, with Enter.
  await tabTo(page, (f) => f.cls.includes('pw-toggle'), { back: true });
  await page.keyboard.press('Enter');
  await expect(w.locator('.pw-toggle')).toHaveAttribute('aria-pressed', 'true');

  // Progress: the tab list again, arrow key to the next tab.
  await tabTo(page, (f) => f.tag === 'button' && f.cls.includes('pw-tab'));
  await page.keyboard.press('ArrowRight');
  await expect(w.locator('[role=tab][id$="tab-progress"]')).toHaveAttribute('aria-selected', 'true');
  await expect(w.locator('[role=tabpanel]')).toBeVisible();
  await snap(page, 'keyboard-walk');
});

test('a status change after a lever move is announced in a polite live region', async ({ page }) => {
  await page.goto('/test/two.html');
  await ready(page, '#b');
  const b = page.locator('#b');
  const region = b.locator('.pw-root > .pw-sr[aria-live]');
  await expect(region).toHaveAttribute('aria-live', 'polite');
  await expect(region).toHaveAttribute('role', 'status');
  await expect(region).toHaveText('');
  // The small plan: fewer new kindergartens flips the preschool enrolment target.
  // (The region tells the flips of the last change, so one change: the number typed.)
  const kg = b.locator('input[type=range][id$="in-kg_new"]');
  await b.locator('input[id$="in-kg_new-n"]').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('3');
  await expect(kg).toHaveValue('3');
  await expect(region).toContainText('→');
  await expect(region).toContainText(/At risk→Not met/);
  // A move that flips nothing clears it (nothing stale is read out later).
  await kg.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(kg).toHaveValue('2');
  await expect(region).toHaveText('');
  // The other widget on the page announced nothing.
  await expect(page.locator('#a .pw-root > .pw-sr[aria-live]')).toHaveText('');
});

test('large text (适老化): body text at least 150 %, no horizontal overflow at 375 px', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  for (const url of Object.values(PAGES)) {
    // Large text is remembered per origin: start each page from the default.
    await page.goto(url);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await ready(page);
    const w = page.locator(W);
    const sizes = () => w.evaluate((el) => {
      const px = (sel) => parseFloat(getComputedStyle(el.shadowRoot.querySelector(sel)).fontSize);
      return { hint: px('.pw-hint'), label: px('.pw-card-label'), lever: px('.pw-lever-label'), value: px('.pw-value') };
    });
    const before = await sizes();
    await w.locator('.pw-toggle').click();
    await expect(w.locator('.pw-toggle')).toHaveAttribute('aria-pressed', 'true');
    const after = await sizes();
    for (const k of Object.keys(before)) {
      expect(Math.round((after[k] / before[k]) * 1000) / 1000, k).toBeGreaterThanOrEqual(1.5);
    }
    // Open the assumptions too, then check nothing sticks out of the widget (the compare table
    // is a declared scroll box, .pw-table-wrap: it may scroll inside itself; the toolbar wraps).
    await w.locator('.pw-assumptions > summary').click();
    await w.locator('.pw-source summary').first().click();
    const overflow = await w.evaluate((el) => {
      const root = el.shadowRoot.querySelector('.pw-root');
      const box = root.getBoundingClientRect();
      const out = [];
      for (const e of root.querySelectorAll('*')) {
        const box_ = e.closest('.pw-table-wrap');
        if (box_ && box_ !== e) continue;
        if (e.closest('.pw-sr')) continue;
        const r = e.getBoundingClientRect();
        if (r.width && (r.right > box.right + 0.5 || r.left < box.left - 0.5)) out.push(`${e.tagName}.${e.className?.baseVal ?? e.className}`);
      }
      return { scroll: root.scrollWidth, client: root.clientWidth, page: document.documentElement.scrollWidth, out: out.slice(0, 10) };
    });
    expect(overflow.out).toEqual([]);
    expect(overflow.scroll).toBeLessThanOrEqual(overflow.client);
    expect(overflow.page).toBeLessThanOrEqual(375);
    await snap(page, `large-text-375-${url === '/' ? 'zh' : 'en'}`);
  }
});

test('controls contrast at least 3:1 against their background (borders, accents, focus ring)', async ({ page }) => {
  await page.goto('/');
  await ready(page);
  const w = page.locator(W);
  // [what, element, CSS property, background element (default: the nearest opaque one)]
  const TARGETS_TAB = [
    ['slider accent', 'input[type=range]', 'accentColor'],
    ['slider focus ring', 'input[type=range]', 'outlineColor'],
    ['button border', '.pw-toolbar .pw-btn:not(:disabled)', 'borderTopColor'], // disabled: exempt
    ['number field border', '.pw-number', 'borderTopColor'],
    ['filter field border', '.pw-filter input', 'borderTopColor'],
    ['card status edge', '.pw-card', 'borderLeftColor'],
    ['gauge fill', '.pw-gauge-fill', 'fill', '.pw-gauge-track'],
    ['selected tab', '[role=tab][aria-selected=true]', 'borderBottomColor'],
  ];
  const COMPARE_TAB = [
    ['name field border', '.pw-keep input', 'borderTopColor'],
    ['primary button fill', '.pw-primary', 'backgroundColor'],
  ];
  // Focus a slider so the focus ring is measured too.
  await w.locator('input[type=range]').first().focus();
  const pairs = await measure(w, TARGETS_TAB);
  await w.locator('[role=tab][id$="tab-compare"]').click(); // the name field and Keep button
  pairs.push(...(await measure(w, COMPARE_TAB)));
  expect(pairs).toHaveLength(TARGETS_TAB.length + COMPARE_TAB.length);
  for (const p of pairs) expect(p.ratio, `${p.name} (${p.color})`).toBeGreaterThanOrEqual(3);
});

/** Contrast ratios of `controls` ([what, selector, property, background selector?]) in the widget. */
function measure(w, controls) {
  return w.evaluate((el, CONTROLS) => {
    const root = el.shadowRoot.querySelector('.pw-root');
    const rgb = (c) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return null;
      const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return { r, g, b, a };
    };
    // The first opaque background up the tree.
    const bg = (e) => {
      for (let n = e; n; n = n.parentElement || (n.getRootNode() && n.getRootNode().host)) {
        const c = rgb(getComputedStyle(n).backgroundColor);
        if (c && c.a > 0.99) return c;
        if (n === root) break;
      }
      return { r: 255, g: 255, b: 255, a: 1 };
    };
    const lum = ({ r, g, b }) => {
      const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const ratio = (a, b) => {
      const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
      return (x + 0.05) / (y + 0.05);
    };
    const out = [];
    const check = (name, e, color, against = bg(e.parentElement || e)) => {
      const c = rgb(color);
      out.push({ name, ratio: Math.round(ratio(c, against) * 100) / 100, color });
    };
    const q = (s) => root.querySelector(s);
    for (const [name, sel, prop, against] of CONTROLS) {
      const e = q(sel);
      const back = against ? rgb(getComputedStyle(q(against)).fill) : undefined;
      check(name, e, getComputedStyle(e)[prop], back);
    }
    return out;
  }, controls);
}
