// The Progress view end to end (issue 6), in the Progress tab of <plan-widget> on the demo pages:
// load the Handan June actuals through the file picker, see a county's status and the ranking,
// export the CSV and check its rows against the expected file the core's tests use
// (tests/progress/handan/june.csv.expected.json); bad rows; a narrow screen; the print view; the
// file picker in the widget's language and by keyboard; the `actuals` attribute, and its URL
// failing (404, no answer, a web page, bad rows) with the message in the view in both languages.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, ready, recorded, snap, ARTEFACTS } from './fixtures.mjs';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DATA = join(dirname(fileURLToPath(import.meta.url)), '..', 'progress', 'handan');
const JUNE = join(DATA, 'june.csv');
const BAD = join(DATA, 'bad_rows.csv');
const expected = (name) => JSON.parse(readFileSync(join(DATA, `${name}.expected.json`), 'utf8'));
const STATUS_ZH = { ahead: '超前', on_track: '按期', behind: '滞后', no_report: '未报送' };

/** RFC 4180 CSV: quoted fields with "" and line breaks inside, CRLF or LF line ends. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const TAB = { 'zh-CN': '进度', en: 'Progress' };

/** Opens `url` (default the zh-CN demo page) and the widget's Progress tab; returns the widget. */
async function open(page, url = '/', selector = 'plan-widget') {
  await page.goto(url);
  const w = await ready(page, selector);
  const lang = (await w.getAttribute('lang')) === 'en' ? 'en' : 'zh-CN';
  await w.getByRole('tab', { name: TAB[lang], exact: true }).click();
  await expect(w.locator('.pw-progress')).toBeVisible();
  return w;
}

/** Uncaught errors and console errors of the page (the demo pages have no recorder). */
function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return errors;
}

/**
 * axe (WCAG 2.2 AA tags) over the Progress view's loading section inside the widget (the whole
 * view is scanned in a11y.spec.mjs; its large grid makes a scan slow): the violations.
 */
async function axeIds(page, selector = 'plan-widget') {
  const r = await new AxeBuilder({ page })
    .include({ fromShadowDom: [selector, '.pw-p-load'] })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Every grid cell's status: { "target/county": status }. */
function gridStatuses(view) {
  return view.locator('.pw-grid').evaluate((table) => {
    const out = {};
    for (const td of table.querySelectorAll('td[data-status]')) {
      out[`${td.closest('tr').dataset.target}/${td.dataset.county}`] = td.dataset.status;
    }
    return out;
  });
}

test('load actuals with the file picker, see status and ranking, export the CSV', async ({ page }) => {
  const errors = watchErrors(page);
  const view = await open(page);
  const exp = expected('june.csv');
  await expect(view.locator('.pw-empty')).toContainText('尚未载入报送数据');

  await view.getByLabel('选择报送文件(CSV、JSON 或填报工作簿 .xlsx)').setInputFiles(JUNE);
  await expect(view.locator('.pw-total')).toHaveText(`共 ${exp.values_used} 条报送数据在用。`);
  await expect(view.locator('.pw-load-count')).toHaveText(`june.csv:载入 ${exp.values_used} 条数据,0 行有误已跳过`);
  await expect(view.locator('.pw-p-controls select').first()).toHaveValue('6');

  // A county's status: colour class, icon and word.
  const first = exp.reported_cells.find((c) => c.county === 'hanshan' && c.target === 'preschool_ger');
  const cell = view.locator(".pw-grid tr[data-target='preschool_ger'] td[data-county='hanshan']");
  await expect(cell).toHaveAttribute('data-status', first.status);
  await expect(cell.locator('.pw-status-word')).toHaveText(STATUS_ZH[first.status]);
  await expect(cell.locator('.pw-icon')).toHaveCount(1);
  // Every reported cell as expected.
  const statuses = await gridStatuses(view);
  for (const c of exp.reported_cells) {
    expect(statuses[`${c.target}/${c.county}`], `${c.target}/${c.county}`).toBe(c.status);
  }

  // The ranking: order, rank, praise and 约谈 in words.
  const ranking = await view.locator('.pw-ranking tbody tr').evaluateAll((rows) =>
    rows.map((r) => {
      const rank = r.querySelector('td').textContent;
      return {
        county: r.dataset.county,
        rank: /^\d+$/.test(rank) ? Number(rank) : null,
        mark: r.querySelector('.pw-mark').textContent,
      };
    }),
  );
  expect(ranking.map((r) => r.county)).toEqual(exp.ranking.map((r) => r.county));
  expect(ranking.map((r) => r.rank)).toEqual(exp.ranking.map((r) => r.rank));
  for (const [got, want] of ranking.map((r, i) => [r, exp.ranking[i]])) {
    expect(got.mark.includes('约谈'), got.county).toBe(want.interview);
    expect(got.mark.includes('通报表扬'), got.county).toBe(want.praise);
    expect(got.mark.includes('催报'), got.county).toBe(want.follow_up);
  }
  await expect(view.locator('.pw-rule').first()).toContainText('排名规则');
  await expect(view.locator('.pw-rule').first()).toContainText('未报送单独统计，不按滞后计');
  await expect(view.locator('.pw-rule').nth(1)).toContainText('暂定');

  await view.locator('.pw-p-ranking').scrollIntoViewIfNeeded();
  await snap(page, 'progress-ranking');
  await view.locator('.pw-p-grid').scrollIntoViewIfNeeded();
  await snap(page, 'progress-grid');
  // The first target's timeline is open: a chart and its table (12 months).
  const timeline = view.locator('.pw-tl').first();
  await expect(timeline.locator('svg polyline.pw-tl-plan')).toHaveCount(1);
  await expect(timeline.locator('.pw-tl-table tbody tr')).toHaveCount(12);
  await timeline.scrollIntoViewIfNeeded();
  await snap(page, 'progress-timeline', 'plan-widget .pw-tl >> nth=0');

  // The status table as CSV: a download with a BOM, the expected rows.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    view.getByRole('button', { name: '进度表 CSV', exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('handan-edu-2022-进度-2022-06.csv');
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parseCsv(bytes.subarray(3).toString('utf8'));
  expect(rows[0]).toEqual([
    '目标编号', '目标', '县（市、区）编号', '县（市、区）', '截至月份', '进度节点', '实际值',
    '报送月份', '状态代码', '状态', '完成率（%）',
  ]);
  const body = rows.slice(1);
  // One line per grid cell.
  expect(body.length).toBe(Object.keys(statuses).length);
  for (const c of exp.reported_cells) {
    const line = body.find((r) => r[0] === c.target && r[2] === c.county);
    expect(line, `${c.target}/${c.county}`).toBeTruthy();
    expect(line[4]).toBe('2022-06');
    expect(Number(line[5])).toBeCloseTo(c.milestone, 3);
    expect(Number(line[6])).toBeCloseTo(c.value, 3);
    expect(line[7]).toBe(c.reported);
    expect(line[8]).toBe(c.status);
    expect(line[9]).toBe(STATUS_ZH[c.status]);
  }

  // The ranking as CSV.
  const [rankDownload] = await Promise.all([
    page.waitForEvent('download'),
    view.getByRole('button', { name: '排名 CSV', exact: true }).click(),
  ]);
  const rankRows = parseCsv(readFileSync(await rankDownload.path()).subarray(3).toString('utf8'));
  expect(rankRows.slice(1).map((r) => r[1])).toEqual(exp.ranking.map((r) => r.county));

  expect(errors).toEqual([]);
});

test('bad rows: one message each, the good rows kept and merged', async ({ page }) => {
  const view = await open(page);
  const june = expected('june.csv');
  const bad = expected('bad_rows.csv');
  const input = view.locator('input[type=file]');
  await input.setInputFiles(JUNE);
  await expect(view.locator('.pw-total')).toHaveText(`共 ${june.values_used} 条报送数据在用。`);
  await input.setInputFiles(BAD);
  await expect(view.locator('.pw-load')).toHaveCount(2);
  const latest = view.locator('.pw-load').first();
  await expect(latest.locator('.pw-load-count')).toHaveText(
    `bad_rows.csv:载入 ${bad.values_used} 条数据,${bad.errors_zh.length} 行有误已跳过`,
  );
  await expect(latest.locator('.pw-row-errors li')).toHaveText(bad.errors_zh);
  // What the first file gave is still there; the second file's figures are used.
  const statuses = await gridStatuses(view);
  const key = (c) => `${c.target}/${c.county}`;
  const fromBad = bad.reported_cells.filter((c) => c.county !== 'city');
  const touched = new Set(fromBad.map(key));
  for (const c of june.reported_cells.filter((c) => c.county !== 'city' && !touched.has(key(c)))) {
    expect(statuses[key(c)], key(c)).toBe(c.status);
  }
  for (const c of fromBad) expect(statuses[key(c)], key(c)).toBe(c.status);
  await expect(view.locator(".pw-grid tr[data-target='new_kindergartens'] td[data-county='hanshan'] .pw-cell-v"))
    .toContainText('3 /');
  await latest.scrollIntoViewIfNeeded();
  await snap(page, 'progress-bad-rows');
});

test('narrow screen: the grid scrolls inside its own box', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  const view = await open(page);
  await view.locator('input[type=file]').setInputFiles(JUNE);
  await expect(view.locator('.pw-grid')).toBeVisible();
  const box = view.locator('.pw-p-grid .pw-scroll');
  const { scroll, client } = await box.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(scroll).toBeGreaterThan(client);
  const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(pageWidth).toBeLessThanOrEqual(375);
  // The first column stays put while the grid scrolls.
  const before = await view.locator('.pw-grid tbody th').first().boundingBox();
  await box.evaluate((el) => { el.scrollLeft = 300; });
  const after = await view.locator('.pw-grid tbody th').first().boundingBox();
  expect(Math.abs(after.x - before.x)).toBeLessThan(2);
  await box.scrollIntoViewIfNeeded();
  await snap(page, 'progress-narrow');
});

test('print view: controls hidden, tables shown', async ({ page }) => {
  const view = await open(page);
  await view.locator('input[type=file]').setInputFiles(JUNE);
  await expect(view.locator('.pw-ranking')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(view.locator('.pw-p-load')).toBeHidden();
  await expect(view.locator('.pw-p-export')).toBeHidden();
  await expect(view.locator('.pw-p-controls')).toBeHidden();
  await expect(view.locator('.pw-grid')).toBeVisible();
  await expect(view.locator('.pw-ranking')).toBeVisible();
  await expect(view.locator('.pw-print-only')).toHaveText('截至月份: 2022年6月');
  await page.pdf({ path: join(ARTEFACTS, 'progress-print.pdf'), format: 'A4', landscape: true });
});

test('the actuals attribute: the page gives the county report, the Progress tab shows it', async ({ page }) => {
  await page.goto('/test/actuals.html');
  const w = page.locator('#w');
  await expect(w).toHaveAttribute('data-state', 'ready');
  await w.getByRole('tab', { name: '进度' }).click();
  const loaded = `本页提供的报送数据(${new URL('/test/actuals-june.csv', page.url()).href}):载入 68 条数据,0 行有误已跳过`;
  await expect(w.locator('.pw-load-count')).toHaveText(loaded);
  // Switching tabs keeps what was loaded.
  await w.getByRole('tab', { name: /目标/ }).click();
  await w.getByRole('tab', { name: '进度' }).click();
  await expect(w.locator('.pw-load-count')).toHaveText(loaded);
  expect(await w.getAttribute('data-actuals-error')).toBeNull();
  await snap(page, 'actuals-attribute');
});

test('the actuals URL fails: the view says so, in its language, and keeps what is loaded', async ({ page }) => {
  const bad = expected('bad_rows.csv');
  // No answer at all, and a file with bad rows, routed; a missing file and a web page are real.
  await page.route('**/test/no-answer.csv', (r) => r.abort('failed'));
  await page.route('**/test/bad-rows.csv', (r) => r.fulfill({ status: 200, contentType: 'text/csv', body: readFileSync(BAD) }));
  await page.goto('/test/actuals.html');
  const w = await ready(page, '#w');
  const abs = (path) => new URL(path, page.url()).href;
  const setActuals = (path) => w.evaluate((el, v) => el.setAttribute('actuals', v), path);
  await expect(w).not.toHaveAttribute('data-actuals-error', /./);

  // A 404 before the Progress tab is first opened: the tab then lists it, and the June figures.
  await setActuals('/test/missing.csv');
  await expect(w).toHaveAttribute('data-actuals-error', 'actuals-http');
  await w.getByRole('tab', { name: '进度' }).click();
  const loads = w.locator('.pw-loads > ul > li');
  await expect(loads).toHaveCount(2);
  await expect(loads.nth(0)).toHaveText(
    `本页提供的报送数据(${abs('/test/missing.csv')}):无法下载(HTTP 404,文件不存在),已载入的数据保持不变。`,
  );
  await expect(loads.nth(0)).toHaveClass(/pw-error/);
  await expect(loads.nth(1).locator('.pw-load-count')).toHaveText(
    `本页提供的报送数据(${abs('/test/actuals-june.csv')}):载入 68 条数据,0 行有误已跳过`,
  );
  await expect(w.locator('.pw-total')).toHaveText('共 68 条报送数据在用。');
  await expect(w.locator('.pw-grid')).toBeVisible();

  // No answer.
  await setActuals('/test/no-answer.csv');
  await expect(w).toHaveAttribute('data-actuals-error', 'actuals-fetch');
  await expect(loads.nth(0)).toHaveText(
    `本页提供的报送数据(${abs('/test/no-answer.csv')}):无法下载(网络错误,或该地址不在本站、被页面的安全策略阻止),已载入的数据保持不变。`,
  );

  // A web page where the figures should be.
  await setActuals('/test/index.html');
  await expect(w).toHaveAttribute('data-actuals-error', 'actuals-invalid');
  await expect(loads.nth(0).locator('.pw-load-count')).toHaveText(
    `本页提供的报送数据(${abs('/test/index.html')}):载入 0 条数据,1 行有误已跳过`,
  );
  await expect(loads.nth(0).locator('p.pw-error')).toHaveText(
    '该地址返回的是网页(HTML),不是 CSV 或 JSON 报送数据;请检查 actuals 属性中的地址。',
  );
  await expect(loads.nth(0).locator('.pw-row-errors li')).toHaveText(['文件：缺少表头（应为 county,target,month,value）']);

  // A file with bad rows: one message per row (row, column, problem), the good rows merged.
  await setActuals('/test/bad-rows.csv');
  await expect(w).toHaveAttribute('data-actuals-error', 'actuals-rows');
  await expect(loads.nth(0).locator('.pw-load-count')).toHaveText(
    `本页提供的报送数据(${abs('/test/bad-rows.csv')}):载入 ${bad.values_used} 条数据,${bad.errors_zh.length} 行有误已跳过`,
  );
  await expect(loads.nth(0).locator('.pw-row-errors li')).toHaveText(bad.errors_zh);
  await expect(loads).toHaveCount(5);
  // The June figures are all still there (the bad file's good rows replace some of them).
  await expect(w.locator('.pw-total')).toHaveText(/^共 \d+ 条报送数据在用。$/);
  const total = Number((await w.locator('.pw-total').textContent()).match(/\d+/)[0]);
  expect(total).toBeGreaterThanOrEqual(68);
  expect(await axeIds(page, '#w')).toEqual([]);
  await loads.nth(1).scrollIntoViewIfNeeded();
  await snap(page, 'progress-actuals-error-zh', '#w .pw-p-load');

  // The same notes in English.
  await w.evaluate((el) => el.setAttribute('lang', 'en'));
  await expect(loads.nth(1)).toHaveText(
    `Figures given by this page (${abs('/test/index.html')}): 0 values loaded, 1 bad row skipped`
    + 'The address gave a web page (HTML), not reported figures in CSV or JSON: check the address in the actuals attribute.'
    + 'file: the header line is missing (expected county,target,month,value)',
  );
  await expect(loads.nth(0).locator('.pw-row-errors li')).toHaveText(bad.errors_en);
  await expect(loads.nth(2)).toHaveText(
    `Figures given by this page (${abs('/test/no-answer.csv')}): could not be downloaded (a network error, or the address is not on this site or is blocked by the page's security policy); what is loaded is unchanged.`,
  );
  await expect(loads.nth(3)).toHaveText(
    `Figures given by this page (${abs('/test/missing.csv')}): could not be downloaded (HTTP 404, no such file); what is loaded is unchanged.`,
  );
  await expect(w.locator('.pw-total')).toHaveText(`${total} reported values in use.`);
  expect(await axeIds(page, '#w')).toEqual([]);
  await loads.nth(1).scrollIntoViewIfNeeded();
  await snap(page, 'progress-actuals-error-en', '#w .pw-p-load');
  expect(await recorded(page)).toEqual({ violations: [], errors: [] });
});

/** The focused element, through shadow roots: tag, type and the outline of its label. */
function focusedFile(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el.type !== 'file') return null;
    const label = el.getRootNode().querySelector(`label[for="${el.id}"]`);
    const cs = getComputedStyle(label);
    return { outline: `${cs.outlineStyle} ${cs.outlineWidth}`, label: label.textContent };
  });
}

for (const [lang, url, text] of [
  ['zh-CN', '/', { label: '选择报送文件(CSV、JSON 或填报工作簿 .xlsx)', none: '未选择文件', june: '已选择:june.csv', bad: '已选择:bad_rows.csv' }],
  ['en', '/en.html', { label: 'Choose a report file (CSV, JSON or a filled .xlsx workbook)', none: 'No file chosen', june: 'Chosen: june.csv', bad: 'Chosen: bad_rows.csv' }],
]) {
  test(`the file picker speaks the widget's language and works by keyboard (${lang})`, async ({ page }) => {
    // A listener from the start: Playwright turns on its file chooser interception when the
    // first one is added, asynchronously; a key press right after `waitForEvent` can beat it.
    page.on('filechooser', () => {});
    const w = await open(page, url);
    const input = w.locator('input[type=file]');
    const label = w.locator('label.pw-file-btn');
    // The visible control is the label, in the widget's language; the native input (and the
    // browser's own "Choose File / No file chosen") is not seen, but it is named by the label.
    await expect(label).toHaveText(text.label);
    await expect(w.locator('.pw-file-name')).toHaveText(text.none);
    await expect(w.getByLabel(text.label, { exact: true })).toHaveAttribute('type', 'file');
    const box = await input.boundingBox();
    expect(box.width).toBeLessThanOrEqual(1);
    const before = await label.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(before).toBe('none');

    // Tab from the Progress tab reaches the input; its label shows the focus ring.
    let focus = null;
    for (let i = 0; i < 10 && !focus; i += 1) {
      await page.keyboard.press('Tab');
      focus = await focusedFile(page);
    }
    expect(focus).toEqual({ outline: 'solid 3px', label: text.label });
    // Enter opens the chooser.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Enter')]);
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles(JUNE);
    await expect(w.locator('.pw-file-name')).toHaveText(text.june);
    await expect(w.locator('.pw-load')).toHaveCount(1);
    // Space too (focus stays on the input).
    expect(await focusedFile(page)).not.toBeNull();
    const [again] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
    await again.setFiles(BAD);
    await expect(w.locator('.pw-file-name')).toHaveText(text.bad);
    await expect(w.locator('.pw-load')).toHaveCount(2);
    expect(await focusedFile(page)).toEqual({ outline: 'solid 3px', label: text.label });
    expect(await axeIds(page)).toEqual([]);
    await snap(page, `progress-file-${lang}`, 'plan-widget .pw-p-load');
  });
}

/**
 * Every table of the Progress view and its cells against the scroll box around it: the box is
 * inside the widget and the screen, and every cell can be reached by scrolling the box (none is
 * cut off by an ancestor that does not scroll). Returns the problems found.
 */
function tablesInBoxes(view) {
  return view.evaluate((host) => {
    const root = (host.shadowRoot || host).querySelector('.pw-progress');
    const problems = [];
    const widget = (host.shadowRoot || host).querySelector('.pw-root').getBoundingClientRect();
    const tables = [...root.querySelectorAll('table')];
    for (const [i, table] of tables.entries()) {
      const name = table.className || `table ${i}`;
      const box = table.closest('.pw-scroll');
      if (!box) { problems.push(`${name}: no scroll box`); continue; }
      const style = getComputedStyle(box);
      if (!['auto', 'scroll'].includes(style.overflowX)) problems.push(`${name}: box overflow-x ${style.overflowX}`);
      const b = box.getBoundingClientRect();
      if (b.left < widget.left - 1 || b.right > widget.right + 1 || b.right > window.innerWidth + 1) {
        problems.push(`${name}: box ${b.left}–${b.right} outside the widget ${widget.left}–${widget.right}`);
      }
      for (const cell of table.querySelectorAll('th, td')) {
        const c = cell.getBoundingClientRect();
        const right = c.right - b.left + box.scrollLeft;
        if (right > box.scrollWidth + 1 || c.left - b.left + box.scrollLeft < -1) {
          problems.push(`${name}: cell "${cell.textContent.trim().slice(0, 20)}" out of its box`);
          break;
        }
      }
    }
    return { tables: tables.length, problems };
  });
}

for (const [url, lang] of [['/', 'zh'], ['/en.html', 'en']]) {
  test(`375 px in large text (${lang}): every table scrolls in its own box, ranking first, large text remembered`, async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(url);
    let w = await ready(page, 'plan-widget');
    await w.locator('.pw-toggle').click();
    await expect(w.locator('.pw-root')).toHaveClass(/pw-large/);
    // Remembered across a reload.
    await page.reload();
    w = await ready(page, 'plan-widget');
    await expect(w.locator('.pw-root')).toHaveClass(/pw-large/);
    await expect(w.locator('.pw-toggle')).toHaveAttribute('aria-pressed', 'true');
    const view = await open(page, url);
    await expect(w.locator('.pw-root')).toHaveClass(/pw-large/);
    await view.locator('input[type=file]').setInputFiles(JUNE);
    await expect(view.locator('.pw-ranking')).toBeVisible();
    // The ranking comes before the grid.
    const order = await view.evaluate((host) => {
      const root = host.shadowRoot || host;
      const r = root.querySelector('.pw-p-ranking');
      const g = root.querySelector('.pw-p-grid');
      return Boolean(r.compareDocumentPosition(g) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    expect(order).toBe(true);
    const { tables, problems } = await tablesInBoxes(view);
    expect(tables).toBeGreaterThanOrEqual(3); // ranking, grid, the open timeline's months
    expect(problems).toEqual([]);
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth).toBeLessThanOrEqual(375);
    // The ranking's last column can be scrolled into view inside its box.
    const box = view.locator('.pw-p-ranking .pw-scroll');
    await box.evaluate((el) => { el.scrollLeft = el.scrollWidth; });
    const last = view.locator('.pw-ranking thead th').last();
    const [lb, bb] = [await last.boundingBox(), await box.boundingBox()];
    expect(lb.x + lb.width).toBeLessThanOrEqual(bb.x + bb.width + 1);
    // The chart's tick text is larger than in normal text.
    const tick = await view.locator('.pw-tl-tick').first().evaluate((t) => parseFloat(getComputedStyle(t).fontSize));
    expect(tick).toBeGreaterThan(10);
    await box.evaluate((el) => { el.scrollLeft = 0; });
    await view.locator('.pw-p-ranking').scrollIntoViewIfNeeded();
    await snap(page, `progress-375-large-ranking-${lang}`);
    await view.locator('.pw-tl').first().scrollIntoViewIfNeeded();
    await snap(page, `progress-375-large-timeline-${lang}`);
  });
}

test('the 范围 selector filters the grid to one county', async ({ page }) => {
  const view = await open(page);
  await view.locator('input[type=file]').setInputFiles(JUNE);
  await expect(view.locator('.pw-grid')).toBeVisible();
  const all = await view.locator('.pw-grid thead th').count();
  expect(all).toBe(20); // target, city, 18 divisions
  await view.locator('.pw-p-controls select').nth(1).selectOption({ label: '邯山区' });
  await expect(view.locator('.pw-grid thead th')).toHaveCount(3);
  const counties = await view.locator('.pw-grid td[data-county]').evaluateAll((tds) => [...new Set(tds.map((t) => t.dataset.county))]);
  expect(counties.sort()).toEqual(['city', 'hanshan']);
  // A rural target is not Hanshan's: its row is gone.
  await expect(view.locator(".pw-grid tr[data-target='rural_demo_kg_new']")).toHaveCount(0);
  await expect(view.locator('.pw-p-grid .pw-hint')).toContainText('邯山区');
  await expect(view.locator(".pw-ranking tr[data-county='hanshan']")).toHaveAttribute('aria-current', 'true');
});
