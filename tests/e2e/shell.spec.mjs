// The widget's shell: loading, the element API, embedding (CSP, hostile CSS, many instances),
// failures that explain themselves, the panic path, browsers without WebAssembly.
// UI behaviour (levers, statuses, compare) is tested in its own spec files; see README.md.
import { readFileSync } from 'node:fs';
import { test, expect, ready, waitState, recorded, snap, recordEvents, ARTEFACTS } from './fixtures.mjs';

const plan = (path) => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'));
const HANDAN = plan('plans/handan-edu-2022.json');
const SMALL = plan('tests/plans/small.json');

test('the demo page renders the widget in an open shadow root', async ({ page }) => {
  await page.goto('/');
  await ready(page);
  expect(await page.locator('plan-widget').evaluate((el) => el.shadowRoot !== null)).toBe(true);
  await expect(page.locator('plan-widget .pws-app')).toContainText(HANDAN.title.zh);
  await expect(page.locator('plan-widget .pws-status')).toBeHidden();
  await snap(page, 'index-1280');
  await page.setViewportSize({ width: 375, height: 800 });
  await snap(page, 'index-375');
});

test('content written inside the element (for browsers without modules) is hidden once it runs', async ({ page }) => {
  await page.goto('/');
  await ready(page);
  await page.evaluate(() => {
    const el = document.createElement('plan-widget');
    el.id = 'old';
    el.innerHTML = '<a id="old-link" href="/">查看计划原文</a>';
    document.querySelector('article').append(el);
  });
  await ready(page, '#old');
  await expect(page.locator('#old-link')).toBeHidden();
});

test('the English page renders in English', async ({ page }) => {
  await page.goto('/en.html');
  await ready(page);
  await expect(page.locator('plan-widget .pws-app')).toContainText(HANDAN.title.en);
  await snap(page, 'en-1280');
});

test('attribute changes after load take effect', async ({ page }) => {
  await page.goto('/');
  const w = await ready(page);
  await w.evaluate((el) => el.setAttribute('lang', 'en'));
  await expect(page.locator('plan-widget .pws-app')).toContainText(HANDAN.title.en);
  await w.evaluate((el) => el.setAttribute('src', '/plans/small.json'));
  await expect(page.locator('plan-widget .pws-app')).toContainText(SMALL.title.en);
  await w.evaluate((el) => el.removeAttribute('src'));
  await expect(page.locator('plan-widget .pws-app')).toContainText(HANDAN.title.en);
  await w.evaluate((el) => el.setAttribute('plan', 'no-such-plan'));
  await waitState(page, 'plan-widget', 'error');
  await expect(page.locator('plan-widget .pws-status')).toContainText('no-such-plan');
  await w.evaluate((el, id) => el.setAttribute('plan', id), HANDAN.id);
  await ready(page);
});

test('the element API: scenario property, reset(), remove and re-insert', async ({ page }) => {
  await page.goto('/');
  const w = await ready(page);
  const api = await w.evaluate((el) => {
    el.scenario = 'CODE1';
    const got = el.scenario;
    el.reset();
    return { got, hasReset: typeof el.reset, ctor: el.constructor.name };
  });
  // The getter gives the live share code: CODE1 is not one, so the plan as written stays.
  expect(api.got).toMatch(/^[A-Za-z0-9_-]{15,}$/);
  expect(api).toMatchObject({ hasReset: 'function', ctor: 'PlanWidgetElement' });
  await expect(w.getByRole('alert')).toContainText('这不是本组件的分享码');
  // Removing destroys the app; putting it back mounts again.
  await w.evaluate((el) => {
    const parent = el.parentNode;
    el.remove();
    window.__removedAppChildren = el.shadowRoot.querySelector('.pws-app').childElementCount;
    parent.append(el);
  });
  expect(await page.evaluate(() => window.__removedAppChildren)).toBe(0);
  await ready(page);
  await expect(page.locator('plan-widget .pws-app')).toContainText(HANDAN.title.zh);
  // Defining twice (the script included twice) is harmless.
  await page.evaluate(async () => {
    await import(`/pkg/plan-widget.js?again`);
  });
  await ready(page);
});

test('scenario-change bubbles out of the shadow root with scenario and targets', async ({ page }) => {
  await page.addInitScript(() => {
    window.__changes = [];
    document.addEventListener('scenario-change', (e) => window.__changes.push({ tag: e.target.tagName, detail: e.detail }));
  });
  await page.goto('/test/two.html');
  await ready(page, '#b');
  await expect.poll(() => page.evaluate(() => window.__changes.length)).toBeGreaterThan(0);
  const changes = await page.evaluate(() => window.__changes);
  const small = changes.find((c) => c.detail.targets.length === SMALL.targets.length);
  expect(small, JSON.stringify(changes).slice(0, 300)).toBeTruthy();
  expect(small.tag).toBe('PLAN-WIDGET');
  expect(typeof small.detail.scenario).toBe('string');
  expect(small.detail.targets.map((t) => t.id)).toEqual(SMALL.targets.map((t) => t.id));
  for (const t of small.detail.targets) {
    expect(['met', 'not_met', 'at_risk', 'no_data']).toContain(t.status);
    expect(t.value === null || typeof t.value === 'number').toBe(true);
  }
});

test('a scenario-change detail makes its targets on first read, then keeps them as a plain property', async ({ page }) => {
  await page.addInitScript(() => {
    window.__reads = [];
    document.addEventListener('scenario-change', (e) => {
      const d = e.detail;
      const before = Object.getOwnPropertyDescriptor(d, 'targets');
      const cloned = structuredClone(d);
      const json = JSON.stringify(d);
      const after = Object.getOwnPropertyDescriptor(d, 'targets');
      window.__reads.push({
        keys: Object.keys(d),
        lazy: typeof before.get === 'function' && before.enumerable,
        plain: Array.isArray(after.value) && after.value === d.targets && after.writable,
        same: JSON.stringify(cloned) === json && json === JSON.stringify({ ...d }),
        targets: cloned.targets.length,
      });
    });
  });
  await page.goto('/');
  const el = await ready(page);
  const slider = el.getByRole('slider').first();
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => page.evaluate(() => window.__reads.length)).toBeGreaterThan(1);
  const reads = await page.evaluate(() => window.__reads);
  const targets = await el.evaluate((host) => host.shadowRoot.querySelectorAll('.pw-card').length);
  for (const r of reads) expect(r).toEqual({ keys: ['scenario', 'targets'], lazy: true, plain: true, same: true, targets });
});

test('sync-url reads the share code from the URL fragment, per element id', async ({ page }) => {
  // A real code: the plan with its first lever one step up.
  await page.goto('/');
  const first = await ready(page);
  const asWritten = await first.evaluate((el) => el.scenario);
  const slider = first.getByRole('slider').first();
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => first.evaluate((el) => el.scenario)).not.toBe(asWritten);
  const codeA = await first.evaluate((el) => el.scenario);

  await page.goto(`/#pw-synced=${codeA}&pw=OTHER`);
  await page.reload(); // (only the fragment changed: load the page again)
  await ready(page);
  // The demo page's element has sync-url; this test wants one without it beside the synced one.
  await page.locator('plan-widget').first().evaluate((el) => el.removeAttribute('sync-url'));
  const before = await page.evaluate(async () => {
    const el = document.createElement('plan-widget');
    el.id = 'synced';
    el.setAttribute('sync-url', '');
    document.querySelector('article').append(el);
    return el.scenario;
  });
  expect(before).toBe(codeA);
  const synced = await ready(page, '#synced');
  await expect.poll(() => synced.evaluate((el) => el.scenario)).toBe(codeA);
  // It follows the fragment.
  await page.evaluate((code) => { location.hash = `pw-synced=${code}`; }, asWritten);
  await expect.poll(() => synced.evaluate((el) => el.scenario)).toBe(asWritten);
  // The element without an id read `pw` once on load (OTHER: not a code, said so over the
  // plan as written) and, without sync-url, does not follow the fragment.
  const plain = page.locator('plan-widget').first();
  await expect(plain.getByRole('alert')).toContainText('这不是本组件的分享码');
  expect(await plain.evaluate((el) => el.scenario)).toBe(asWritten);
});

test('two instances on one page are independent', async ({ page }) => {
  await page.goto('/test/two.html');
  await ready(page, '#a');
  await ready(page, '#b');
  await expect(page.locator('#a .pws-app')).toContainText(HANDAN.title.zh);
  await expect(page.locator('#b .pws-app')).toContainText(SMALL.title.en);
  await page.locator('#a').evaluate((el) => el.setAttribute('lang', 'en'));
  await expect(page.locator('#a .pws-app')).toContainText(HANDAN.title.en);
  await expect(page.locator('#b .pws-app')).toContainText(SMALL.title.en);
  await page.locator('#b').evaluate((el) => el.setAttribute('lang', 'zh-CN'));
  await expect(page.locator('#b .pws-app')).toContainText(SMALL.title.zh);
  await expect(page.locator('#a .pws-app')).toContainText(HANDAN.title.en);
  // A lever moved in one changes nothing in the other.
  await expectIndependent(page, '#b', ['#a']);
  await snap(page, 'two-instances');
});

/**
 * Moves the first lever of `moved` by keyboard and checks that it changed there and that no
 * other widget changed (values of their first lever, their kept undo state, no event).
 */
async function expectIndependent(page, moved, others) {
  const first = (sel) => page.locator(`${sel} input[type=range]`).first();
  const before = await Promise.all(others.map((o) => first(o).inputValue()));
  await page.evaluate((sels) => {
    window.__otherChanges = 0;
    for (const s of sels) document.querySelector(s).addEventListener('scenario-change', () => window.__otherChanges++);
  }, others);
  const was = await first(moved).inputValue();
  await first(moved).focus();
  await page.keyboard.press('ArrowRight');
  await expect(first(moved)).not.toHaveValue(was);
  await expect(page.locator(`${moved} .pw-toolbar button`).first()).toBeEnabled();
  for (const [i, o] of others.entries()) {
    await expect(first(o)).toHaveValue(before[i]);
    await expect(page.locator(`${o} .pw-toolbar button`).first()).toBeDisabled();
  }
  expect(await page.evaluate(() => window.__otherChanges)).toBe(0);
}

test('five instances load the wasm once', async ({ page, requests }) => {
  await page.goto('/test/five.html');
  for (const id of ['#w1', '#w2', '#w3', '#w4', '#w5']) await ready(page, id);
  await expect(page.locator('#w3 .pws-app')).toContainText(SMALL.title.zh);
  await expect(page.locator('#w4 .pws-app')).toContainText(SMALL.title.en);
  await expect(page.locator('#w5 .pws-app')).toContainText(HANDAN.title.en);
  // Two instances of the same plan and language (w1, w2 share nothing but the wasm module).
  await page.locator('#w2').evaluate((el) => el.setAttribute('lang', 'zh-CN'));
  await expect(page.locator('#w2 .pws-app')).toContainText(HANDAN.title.zh);
  await expectIndependent(page, '#w1', ['#w2', '#w5']);
  await expectIndependent(page, '#w4', ['#w3']);
  const paths = requests.map((u) => new URL(u).pathname);
  expect(paths.filter((p) => p.endsWith('.wasm'))).toHaveLength(1);
  expect(paths.filter((p) => p.endsWith('plan-widget-wasm.js'))).toHaveLength(1);
  // Every file after plan-widget.js carries the build hash (cacheable for a year).
  const wasm = requests.find((u) => new URL(u).pathname.endsWith('.wasm'));
  expect(new URL(wasm).searchParams.get('v')).toMatch(/^[0-9a-f]{12}$/);
  expect((await recorded(page)).violations).toEqual([]);
});

test('a strict CSP header: renders, no securitypolicyviolation', async ({ page }) => {
  const response = await page.goto('/test/strict-csp.html');
  expect(response.headers()['content-security-policy']).toContain("default-src 'none'");
  await ready(page, '#w1');
  await expect(page.locator('#w1 .pws-app')).toContainText(HANDAN.title.en);
  // It works, not only renders: a lever moved, a scenario kept, the large-text switch.
  const slider = page.locator('#w1 input[type=range]').first();
  const was = await slider.inputValue();
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(slider).not.toHaveValue(was);
  await page.locator('#w1 [role=tab][id$="tab-compare"]').click();
  await page.locator('#w1 .pw-keep input').fill('csp');
  await page.locator('#w1 .pw-keep button[type=submit]').click();
  await expect(page.locator('#w1 .pw-table thead')).toContainText('csp');
  await page.locator('#w1 .pw-toggle').click();
  await expect(page.locator('#w1 .pw-root')).toHaveClass(/pw-large/);
  expect(await recorded(page)).toEqual({ violations: [], errors: [] });
  // Nothing added to the document's own styles: no <style>, no style="" outside the widget.
  const leaks = await page.evaluate(() => ({
    styles: document.querySelectorAll('style').length,
    styled: document.querySelectorAll('[style]').length,
  }));
  expect(leaks).toEqual({ styles: 0, styled: 0 });
  await snap(page, 'strict-csp');
});

test('hostile global CSS: the widget looks as on a clean page, the host is untouched', async ({ page }) => {
  // Both pictures are taken once the chances are in: a picture while they are being estimated
  // differs from one after, whatever the page's CSS.
  const settled = () => expect(page.locator('#w').locator('.pw-root')).not.toHaveClass(/pw-estimating/);
  await page.goto('/test/clean.html');
  await ready(page, '#w');
  await settled();
  const clean = await page.locator('#w').screenshot({ path: `${ARTEFACTS}/clean-widget.png` });
  await page.goto('/test/hostile.html');
  await ready(page, '#w');
  await settled();
  const hostile = await page.locator('#w').screenshot({ path: `${ARTEFACTS}/hostile-widget.png` });
  expect(hostile.equals(clean), 'widget screenshots on the clean and the hostile page differ').toBe(true);
  // The host's own elements still get the host's CSS (ours does not leak out).
  expect(await page.locator('#host-div').evaluate((e) => getComputedStyle(e).fontSize)).toBe('40px');
  const hostButton = await page.locator('#host-button').evaluate((e) => {
    const cs = getComputedStyle(e);
    return { color: cs.color, background: cs.backgroundColor, font: cs.fontSize };
  });
  expect(hostButton).toEqual({ color: 'rgb(255, 0, 0)', background: 'rgb(255, 255, 0)', font: '40px' });
  // None of the widget's styles reach the document: its stylesheets live in the shadow root.
  const docSheets = await page.evaluate(() => [...document.styleSheets].map((s) => s.href || 'inline'));
  expect(docSheets.every((h) => h.includes('/site.css') || h.includes('/test/hostile.css')), docSheets.join()).toBe(true);
  expect(await page.evaluate(() => document.adoptedStyleSheets.length)).toBe(0);
  expect((await recorded(page)).violations).toEqual([]);
  await snap(page, 'hostile-page');
});

const FAILURES = [
  { page: '/test/no-wasm-eval.html', code: 'csp', zh: "'wasm-unsafe-eval'", en: "Add 'wasm-unsafe-eval' to script-src" },
  { page: '/test/wrong-mime.html', code: 'wasm-mime', zh: 'application/wasm', en: 'serve .wasm files as application/wasm' },
  { page: '/test/missing-wasm.html', code: 'wasm-missing', zh: '找不到组件文件', en: 'was not found (HTTP 404)' },
  { page: '/test/missing-plans.html', code: 'builtin-missing', zh: 'plans/handan-edu-2022.json（HTTP 404）', en: 'plans/handan-edu-2022.json was not found (HTTP 404)' },
];

for (const f of FAILURES) {
  test(`failure explains itself: ${f.code}`, async ({ page }) => {
    await page.goto(f.page);
    await waitState(page, '#zh', 'error');
    await waitState(page, '#en', 'error');
    await expect(page.locator('#zh')).toHaveAttribute('data-error', f.code);
    await expect(page.locator('#zh .pws-status')).toContainText('网站管理员请注意');
    await expect(page.locator('#zh .pws-status')).toContainText(f.zh);
    await expect(page.locator('#en .pws-status')).toContainText('For the site’s web team');
    await expect(page.locator('#en .pws-status')).toContainText(f.en);
    await expect(page.locator('#en .pws-status')).toHaveAttribute('role', 'alert');
    // The host page goes on working.
    await page.locator('#host-button').click();
    await expect(page.locator('#host-count')).toHaveText('1');
    await snap(page, `failure-${f.code}`);
  });
}

test('plan files that fail to load or validate, an unknown built-in plan', async ({ page }) => {
  await page.goto('/test/bad-plan.html');
  for (const id of ['#missing-zh', '#missing-en', '#invalid-zh', '#invalid-en', '#unknown-en']) {
    await waitState(page, id, 'error');
  }
  await expect(page.locator('#missing-zh .pws-status')).toContainText('无法加载计划文件');
  await expect(page.locator('#missing-zh .pws-status')).toContainText('HTTP 404');
  await expect(page.locator('#missing-en .pws-status')).toContainText('could not be loaded (HTTP 404)');
  await expect(page.locator('#invalid-zh .pws-status')).toContainText('未通过校验');
  await expect(page.locator('#invalid-zh .pws-status')).toContainText('plan-widget check');
  await expect(page.locator('#invalid-en .pws-status')).toContainText('is not valid');
  await expect(page.locator('#invalid-en .pws-status')).toContainText('invalid-plan.json');
  await expect(page.locator('#unknown-en .pws-status')).toContainText('no built-in plan called “no-such-plan”');
  await page.locator('#host-button').click();
  await expect(page.locator('#host-count')).toHaveText('1');
  await snap(page, 'failure-plans');
});

test('a Rust panic shows a message and a button that brings the widget back', async ({ page }) => {
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto('/test/panic.html');
  await waitState(page, '#crash', 'crashed');
  await expect(page.locator('#crash .pws-status')).toContainText('hit an error and stopped');
  await expect(page.locator('#crash .pws-status pre')).toHaveText(/test panic: forced by data-test-panic/);
  // The other widget ran on the same wasm instance: it says so too, in its language.
  await waitState(page, '#crash-zh', 'crashed');
  await expect(page.locator('#crash-zh .pws-status')).toContainText('重新启动组件');
  await snap(page, 'panic');
  await page.locator('#host-button').click();
  await expect(page.locator('#host-count')).toHaveText('1');
  await page.locator('#crash .pws-restart').click();
  await ready(page, '#crash');
  await expect(page.locator('#crash .pws-app')).toContainText(HANDAN.title.en);
  await page.locator('#crash-zh .pws-restart').click();
  await ready(page, '#crash-zh');
  await expect(page.locator('#crash-zh .pws-app')).toContainText(HANDAN.title.zh);
  // The restarted widget works: attribute changes reach the new instance.
  await page.locator('#crash').evaluate((el) => el.setAttribute('lang', 'zh-CN'));
  await expect(page.locator('#crash .pws-app')).toContainText(HANDAN.title.zh);
  expect((await recorded(page)).violations).toEqual([]);
  // The trap itself surfaces as the page's uncaught error (the panic ran in a timer); nothing else.
  expect(pageErrors.filter((m) => m !== 'unreachable')).toEqual([]);
});

test('a widget still loading when the shared instance stops says so too, and its restart brings it up', async ({ page }) => {
  // #late's plan is held until #crash has stopped the instance #late is waiting for.
  let release;
  const held = new Promise((r) => { release = r; });
  const plan = await (await page.request.get('/pkg-test/plans/handan-edu-2022.json')).text();
  await page.route('**/test/late-plan.json', async (route) => {
    await held;
    await route.fulfill({ status: 200, contentType: 'application/json', body: plan });
  });
  await page.goto('/test/panic.html?late');
  await waitState(page, '#crash', 'crashed');
  await expect(page.locator('#late')).toHaveAttribute('data-state', 'loading');
  release();
  // It was never on the stopped instance, but mounting there would call into a dead one: the
  // crash view with its restart button, not a loading state for ever.
  await waitState(page, '#late', 'crashed');
  await expect(page.locator('#late .pws-status')).toContainText('hit an error and stopped');
  await page.locator('#late .pws-restart').click();
  await ready(page, '#late');
  await expect(page.locator('#late .pws-app')).toContainText(HANDAN.title.en);
});

test('the test-only panic switch is not in the normal package', async ({ page }) => {
  await page.goto('/');
  await ready(page);
  const exported = await page.evaluate(async () => Object.keys(await import('/pkg/plan-widget-wasm.js')));
  expect(exported).toContain('mount');
  expect(exported).not.toContain('testPanic');
  // data-test-panic on a normal page does nothing.
  await page.evaluate(() => {
    const el = document.createElement('plan-widget');
    el.id = 'p';
    el.setAttribute('data-test-panic', 'once');
    document.querySelector('article').append(el);
  });
  await ready(page, '#p');
  // The switch was never taken up (a test build removes the attribute as it schedules the panic),
  // and the widget answers a lever afterwards, still ready: no panic ran.
  await expect(page.locator('#p')).toHaveAttribute('data-test-panic', 'once');
  const changes = await recordEvents(page, '#p', 'scenario-change');
  const slider = page.locator('#p').getByRole('slider').first();
  const before = await slider.inputValue();
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(slider).not.toHaveValue(before);
  await expect.poll(changes.count).toBe(1);
  await expect(page.locator('#p')).toHaveAttribute('data-state', 'ready');
});

test('without WebAssembly: the prerendered plan and a note', async ({ page }) => {
  await page.goto('/test/no-wasm.html');
  await waitState(page, '#zh', 'fallback');
  await waitState(page, '#en', 'fallback');
  // The plan as written, drawn by the UI's own components ahead of time (pkg/plans/<id>.<lang>.html).
  await expect(page.locator('#zh .pw-card[data-target]')).toHaveCount(HANDAN.targets.length);
  await expect(page.locator('#zh .pws-fallback')).toContainText('此浏览器不支持 WebAssembly');
  await expect(page.locator(`#zh .pw-card[data-target="${HANDAN.targets[0].id}"]`)).toContainText(HANDAN.targets[0].label.zh);
  await expect(page.locator('#en .pws-fallback')).toContainText('does not support WebAssembly');
  await expect(page.locator(`#en .pw-card[data-target="${HANDAN.targets[0].id}"]`)).toContainText(HANDAN.targets[0].label.en);
  // Money in English is in the display unit, as in the live widget (216 亿元 = 21.6 billion yuan).
  await expect(page.locator('#en .pw-card', { hasText: 'Education funding for the year' }))
    .toContainText('21.6 billion yuan');
  await expect(page.locator('#zh .pw-card', { hasText: '年度教育经费' })).toContainText('216 亿元');
  expect((await recorded(page)).violations).toEqual([]);
  await snap(page, 'no-wasm');
});

test('langOf (the loading message) agrees with Lang::from_attr (everything the wasm says)', async ({ page }) => {
  await page.goto('/test/clean.html');
  await ready(page);
  // validatePlan hands the attribute as it is to the wasm, whose message is in its language.
  const seen = await page.evaluate(async () => {
    const { langOf, validatePlan } = await import('/pkg/plan-widget.js');
    const attrs = ['', 'en', 'EN', ' en-GB ', 'en-us', 'en_US', 'eng', 'english', 'zh', 'zh-CN', 'fr', 'e', 'en-'];
    const out = [];
    for (const attr of attrs) {
      const [problem] = await validatePlan('{', { lang: attr });
      out.push({ attr, js: langOf(attr), wasm: /[\u4e00-\u9fff]/.test(problem.message) ? 'zh-CN' : 'en' });
    }
    return out;
  });
  for (const { attr, js, wasm } of seen) expect(js, `lang="${attr}"`).toBe(wasm);
  // Both languages occur (the test can fail).
  expect(new Set(seen.map((s) => s.js)).size).toBe(2);
});

test('a browser that refuses localStorage: the widget works and says it cannot keep scenarios', async ({ page }) => {
  // As in a frame whose storage is blocked: reading window.localStorage throws.
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
    });
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/test/clean.html');
  const w = await ready(page);
  await w.getByRole('button', { name: 'Large text' }).click();
  await expect(w.locator('.pw-root')).toHaveClass(/pw-large/);
  const slider = w.getByRole('slider').first();
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await w.locator('[role=tab][id$="tab-compare"]').click();
  await w.locator('.pw-keep input').fill('A');
  await w.locator('.pw-keep button[type=submit]').click();
  await expect(w.locator('.pw-table thead')).toContainText('A');
  await expect(w.locator('.pws-app')).toContainText('The browser refused to store the scenarios');
  expect(errors).toEqual([]);
  expect(await w.getAttribute('data-state')).toBe('ready');
});
