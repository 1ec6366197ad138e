// Filled county workbooks in the widget's Progress view: the workbook module (a second wasm) is
// not part of the first download, is fetched when a .xlsx file is picked, and the grid is the
// same as from the CSV of the same figures; a file that is not a reporting workbook is named.
import { test, expect, ready } from './fixtures.mjs';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DATA = join(dirname(fileURLToPath(import.meta.url)), '..', 'progress', 'handan');
const exp = JSON.parse(readFileSync(join(DATA, 'june.csv.expected.json'), 'utf8'));
// The strict-CSP host page (script-src 'self' 'wasm-unsafe-eval'), whose widget is in English.
const LABEL = 'Choose a report file (CSV, JSON or a filled .xlsx workbook)';

async function openProgress(page) {
  await page.goto('/test/strict-csp.html');
  const w = await ready(page);
  await w.getByRole('tab', { name: 'Progress', exact: true }).click();
  await expect(w.locator('.pw-progress')).toBeVisible();
  return w;
}

function statuses(view) {
  return view.locator('.pw-grid td[data-status]').evaluateAll((cells) =>
    Object.fromEntries(cells.map((td) => [`${td.closest('tr').dataset.target}/${td.dataset.county}`, td.dataset.status])),
  );
}

test('a filled county workbook loads in the Progress view like its CSV', async ({ page, requests }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const view = await openProgress(page);
  expect(requests.some((u) => u.includes('plan-widget-xlsx')), 'module on the first download').toBe(false);

  await view.getByLabel(LABEL).setInputFiles(join(DATA, 'june.xlsx'));
  await expect(view.locator('.pw-load-count')).toHaveText(`june.xlsx: ${exp.values_used} values loaded, 0 bad rows skipped`);
  expect(requests.some((u) => u.includes('plan-widget-xlsx_bg.wasm'))).toBe(true);
  const fromWorkbook = await statuses(view);
  for (const c of exp.reported_cells) {
    expect(fromWorkbook[`${c.target}/${c.county}`], `${c.target}/${c.county}`).toBe(c.status);
  }

  // The same figures as CSV give the same grid.
  await page.reload();
  const again = await openProgress(page);
  await again.getByLabel(LABEL).setInputFiles(join(DATA, 'june.csv'));
  await expect(again.locator('.pw-load-count')).toContainText(`${exp.values_used} values loaded`);
  expect(await statuses(again)).toEqual(fromWorkbook);

  // A file that is not a reporting workbook is named, and what is loaded stays.
  await again.getByLabel(LABEL).setInputFiles({ name: 'notes.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('not a zip') });
  await expect(again.locator('.pw-load.pw-error').first()).toHaveText(
    'notes.xlsx: not a county reporting workbook (made by plan-widget breakdown --format xlsx); what is loaded is unchanged.',
  );
  expect(await statuses(again)).toEqual(fromWorkbook);
  expect(errors).toEqual([]);
});
