// The Progress view end to end (issue 6): load the Handan June actuals through the file
// picker, see a county's status and the ranking, export the CSV and check its rows against the
// expected file the core's tests use (tests/progress/handan/june.csv.expected.json); bad rows;
// a narrow screen; the print view.
//
// The page www/test/progress.html mounts the view alone (test build, pkg-test/) until the tab
// bar makes it reachable inside <plan-widget>.
import { test, expect, recorded, snap, ARTEFACTS } from './fixtures.mjs';
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

async function open(page) {
  await page.goto('/test/progress.html');
  await expect(page.locator('#progress')).toHaveAttribute('data-state', 'ready');
  return page.locator('#progress');
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
  const view = await open(page);
  const exp = expected('june.csv');
  await expect(view.locator('.pw-empty')).toContainText('尚未载入报送数据');

  await view.getByLabel('选择报送文件(CSV 或 JSON)').setInputFiles(JUNE);
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
    rows.map((r) => ({
      county: r.dataset.county,
      rank: Number(r.querySelector('td').textContent),
      mark: r.querySelector('.pw-mark').textContent,
    })),
  );
  expect(ranking.map((r) => r.county)).toEqual(exp.ranking.map((r) => r.county));
  expect(ranking.map((r) => r.rank)).toEqual(exp.ranking.map((r) => r.rank));
  for (const [got, want] of ranking.map((r, i) => [r, exp.ranking[i]])) {
    expect(got.mark.includes('约谈'), got.county).toBe(want.interview);
    expect(got.mark.includes('通报表扬'), got.county).toBe(want.praise);
  }
  await expect(view.locator('.pw-rule')).toContainText('排名规则');

  await view.locator('.pw-p-ranking').scrollIntoViewIfNeeded();
  await snap(page, 'progress-ranking');
  await view.locator('.pw-p-grid').scrollIntoViewIfNeeded();
  await snap(page, 'progress-grid');
  // The first target's timeline is open: a chart and its table (12 months).
  const timeline = view.locator('.pw-tl').first();
  await expect(timeline.locator('svg polyline.pw-tl-plan')).toHaveCount(1);
  await expect(timeline.locator('.pw-tl-table tbody tr')).toHaveCount(12);
  await timeline.scrollIntoViewIfNeeded();
  await snap(page, 'progress-timeline', '#progress .pw-tl >> nth=0');

  // The status table as CSV: a download with a BOM, the expected rows.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    view.getByRole('button', { name: '进度表 CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('handan-edu-2022-progress-2022-06.csv');
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parseCsv(bytes.subarray(3).toString('utf8'));
  expect(rows[0]).toEqual([
    '目标编号', '目标', '县(市、区)编号', '县(市、区)', '截至月份', '进度节点', '实际值',
    '报送月份', '状态代码', '状态', '完成率(%)',
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
    view.getByRole('button', { name: '排名 CSV' }).click(),
  ]);
  const rankRows = parseCsv(readFileSync(await rankDownload.path()).subarray(3).toString('utf8'));
  expect(rankRows.slice(1).map((r) => r[1])).toEqual(exp.ranking.map((r) => r.county));

  expect(await recorded(page)).toEqual({ violations: [], errors: [] });
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

test('the test-only mount is in pkg-test/ only', async ({ request }) => {
  const normal = await (await request.get('/pkg/plan-widget-wasm.js')).text();
  const testBuild = await (await request.get('/pkg-test/plan-widget-wasm.js')).text();
  expect(testBuild).toContain('testMountProgress');
  expect(normal).not.toContain('testMountProgress');
});
