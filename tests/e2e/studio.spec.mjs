// The live plan editor (www/studio.html, served with the strict CSP): errors at their lines as
// you type, the preview re-rendering with the edited plan, the document check, both languages.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, snap } from './fixtures.mjs';

const DOCUMENT = readFileSync(new URL('../../plans/handan-edu-2022.txt', import.meta.url), 'utf8');
const WORKBOOK = fileURLToPath(new URL('../plans/handan-edu-2022.xlsx', import.meta.url));
// The committed workbook is `plan-widget convert plans/handan-edu-2022.json` (tests/it/workbook.rs).
const HANDAN_TARGETS = JSON.parse(
  readFileSync(new URL('../../plans/handan-edu-2022.json', import.meta.url), 'utf8'),
).targets.length;

async function open(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto('/studio.html');
  const widget = page.locator('#preview plan-widget');
  await expect(widget).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('#status')).toHaveText('计划有效，预览已更新。');
  return { widget, errors };
}

/** Puts the caret in the plan text just after `needle`'s first `upTo` characters; its line. */
async function caretIn(page, needle, upTo) {
  const text = await page.locator('#plan').inputValue();
  const at = text.indexOf(needle) + upTo;
  await page.locator('#plan').evaluate((el, offset) => {
    el.focus();
    el.setSelectionRange(offset, offset);
  }, at);
  return text.slice(0, at).split('\n').length;
}

test('a broken formula is shown at its line; the fix re-renders the preview', async ({ page }) => {
  const { widget, errors } = await open(page);
  const value = widget.locator("li[data-target='preschool_ger'] .pw-value");
  // textContent, not innerText: a card off screen is not laid out (content-visibility: auto), and
  // innerText of what is not rendered is empty.
  const before = await value.textContent();
  const needle = '"value": "preschool_ger"';
  const line = await caretIn(page, needle, needle.length - 1);
  await page.keyboard.type(' *');
  const problem = page.locator('#problems li');
  await expect(problem).toHaveCount(1);
  await expect(problem).toHaveAttribute('data-line', String(line));
  await expect(problem).toContainText(`第 ${line} 行`);
  await expect(problem).toContainText('targets[0].value');
  await expect(page.locator(`#gutter div[data-line="${line}"]`)).toHaveClass('bad');
  await expect(page.locator('#status')).toHaveText('共 1 处错误；预览保持最近一次有效的版本。');
  await expect(value).toHaveText(before); // the preview keeps the last valid plan
  await snap(page, 'studio-error');
  // The error's button takes the caret to its line.
  await problem.locator('button').click();
  await expect(page.locator('#plan')).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.type(' 0.5');
  await expect(page.locator('#problems li')).toHaveCount(0);
  await expect(page.locator('#status')).toHaveText('计划有效，预览已更新。');
  await expect(value).not.toHaveText(before);
  const after = await value.textContent();
  expect(parseFloat(after)).toBeCloseTo(parseFloat(before) * 0.5, 0);
  await snap(page, 'studio-fixed');
  expect(errors).toEqual([]);
});

test('the document check, English, and keyboard paths', async ({ page }) => {
  const { widget } = await open(page);
  await page.locator('#doc').fill(DOCUMENT);
  await expect(page.locator('#status')).toHaveText('计划有效，全部引文均在原文中找到；预览已更新。');
  // A quote changed in the document is named at the target's source line.
  await page.locator('#doc').fill(DOCUMENT.replace('学前三年毛入学率达到93.5%', '学前三年毛入学率达到95%'));
  const problem = page.locator('#problems li');
  await expect(problem).toHaveCount(1);
  await expect(problem).toContainText('targets[0].source');
  const text = await page.locator('#plan').inputValue();
  const line = text.slice(0, text.indexOf('"source": "学前三年毛入学率达到93.5%"')).split('\n').length;
  await expect(problem).toHaveAttribute('data-line', String(line));
  // Every control has a label, and the language switch is a labelled select.
  for (const id of ['lang', 'open', 'plan', 'doc']) {
    await expect(page.getByLabel(await page.locator(`label[for="${id}"]`).innerText())).toHaveCount(1);
  }
  await page.locator('#lang').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('#editor-h')).toHaveText('Plan file (JSON)');
  await expect(problem).toContainText('Line ');
  await expect(widget).toHaveAttribute('lang', 'en');
  // axe (WCAG 2.2 AA) over the page but the preview, errors listed (the widget has its own tests).
  const axe = await new AxeBuilder({ page })
    .exclude('#preview')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
  // Save: a download of the text as it is.
  const download = page.waitForEvent('download');
  await page.locator('#save').focus();
  await page.keyboard.press('Enter');
  expect((await download).suggestedFilename()).toBe('handan-edu-2022.json');
});

test('a plan workbook opens as its JSON; the workbook module loads only then', async ({ page, requests }) => {
  await open(page);
  expect(requests.some((u) => u.includes('plan-widget-xlsx'))).toBe(false);
  await page.locator('#plan').fill('');
  await page.getByLabel('打开计划文件（JSON 或 .xlsx 工作簿）').setInputFiles(WORKBOOK);
  await expect(page.locator('#status')).toHaveText('计划有效，预览已更新。');
  const text = await page.locator('#plan').inputValue();
  expect(JSON.parse(text).id).toBe('handan-edu-2022');
  expect(JSON.parse(text).targets.length).toBe(HANDAN_TARGETS);
  expect(requests.some((u) => u.includes('plan-widget-xlsx_bg.wasm'))).toBe(true);
  // A file that is not a workbook: one error, and the editor keeps its text.
  await page.getByLabel('打开计划文件（JSON 或 .xlsx 工作簿）').setInputFiles({
    name: 'notes.xlsx',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('not a zip'),
  });
  await expect(page.locator('#status')).toHaveText('工作簿无法读作计划：共 1 处错误。');
  await expect(page.locator('#problems li')).toContainText('不是可读取的 .xlsx 工作簿');
  expect(await page.locator('#plan').inputValue()).toBe(text);
});
