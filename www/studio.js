// The live plan editor (studio.html): edit a plan's JSON, see its errors at their lines as you
// type (the validator of `plan-widget check`, through the widget's own wasm: `validatePlan`),
// check every `source` quote against the plan's text, and watch a <plan-widget> re-render with
// the edited plan (its `planText` property: no URL, nothing for the CSP to refuse). No server:
// files are opened and saved in the browser. A module file: the page has no inline script.
import { readPlanWorkbook, validatePlan } from '/pkg/plan-widget.js';

const MESSAGES = {
  'zh-CN': {
    title: '计划编辑器',
    subtitle: '编辑计划文件，右侧即时预览',
    langLabel: '语言',
    editorHeading: '计划文件（JSON）',
    open: '打开计划文件（JSON 或 .xlsx 工作簿）',
    example: '载入邯郸计划',
    save: '另存为 JSON',
    workbookNote: '工作簿（plan-widget convert 生成的 .xlsx）打开后转为 JSON 显示；另存为 JSON。',
    workbookProblems: (n) => `工作簿无法读作计划：共 ${n} 处错误。`,
    workbookAt: (p) => `${p.place}：${p.message}`,
    planLabel: '计划 JSON（可直接粘贴或编辑）',
    problemsHeading: '问题',
    docLabel: '计划原文（粘贴后核对每条引文 source）',
    previewHeading: '预览',
    previewNote: '预览显示最近一次没有错误的版本。',
    checking: '正在检查……',
    valid: '计划有效，预览已更新。',
    validDoc: '计划有效，全部引文均在原文中找到；预览已更新。',
    invalid: (n) => `共 ${n} 处错误；预览保持最近一次有效的版本。`,
    at: (p) => `第 ${p.line} 行，第 ${p.column} 列 · ${p.place}：${p.message}`,
    gutterBad: '有错误',
    loadFailed: (e) => `无法载入：${e}`,
    pageTitle: '计划编辑器 · plan-widget',
  },
  en: {
    title: 'Plan editor',
    subtitle: 'Edit a plan file and see it live beside',
    langLabel: 'Language',
    editorHeading: 'Plan file (JSON)',
    open: 'Open a plan file (JSON or an .xlsx workbook)',
    example: 'Load the Handan plan',
    save: 'Save as JSON',
    workbookNote: 'A workbook (an .xlsx made by plan-widget convert) opens as its JSON; save it as JSON.',
    workbookProblems: (n) => `The workbook does not read as a plan: ${n} error(s).`,
    workbookAt: (p) => `${p.place}: ${p.message}`,
    planLabel: 'Plan JSON (paste or edit)',
    problemsHeading: 'Problems',
    docLabel: "The plan's own text (paste it to check every source quote)",
    previewHeading: 'Preview',
    previewNote: 'The preview shows the latest version without errors.',
    checking: 'Checking…',
    valid: 'The plan is valid; the preview is updated.',
    validDoc: 'The plan is valid and every quote is found in the text; the preview is updated.',
    invalid: (n) => `${n} error(s); the preview keeps the latest valid version.`,
    at: (p) => `Line ${p.line}, column ${p.column} · ${p.place}: ${p.message}`,
    gutterBad: 'has an error',
    loadFailed: (e) => `Could not load: ${e}`,
    pageTitle: 'Plan editor · plan-widget',
  },
};

const EXAMPLE = '/pkg/plans/handan-edu-2022.json';
const DEBOUNCE_MS = 300;
const $ = (id) => document.getElementById(id);
const plan = $('plan');
const doc = $('doc');
const gutter = $('gutter');
const status = $('status');
const problemsList = $('problems');
const widget = document.createElement('plan-widget');
let lang = 'zh-CN';
let shown = null; // the plan text the preview shows
let timer = 0;
let run = 0;
let lastProblems = [];

const t = (key) => MESSAGES[lang][key];

function relabel() {
  document.documentElement.lang = lang;
  document.title = t('pageTitle');
  for (const node of document.querySelectorAll('[data-msg]')) node.textContent = t(node.dataset.msg);
  widget.setAttribute('lang', lang);
}

/** Line numbers beside the text, error lines marked (not by colour alone: a ⚠ too). */
function drawGutter(problems) {
  const bad = new Set(problems.map((p) => p.line));
  const lines = plan.value.split('\n').length;
  const rows = [];
  for (let i = 1; i <= lines; i++) {
    const row = document.createElement('div');
    row.dataset.line = String(i);
    if (bad.has(i)) {
      row.className = 'bad';
      row.title = t('gutterBad');
      row.textContent = `⚠ ${i}`;
    } else {
      row.textContent = String(i);
    }
    rows.push(row);
  }
  gutter.replaceChildren(...rows);
  gutter.scrollTop = plan.scrollTop;
}

/** Puts the caret at a line and column and scrolls it into view. */
function goTo(line, column) {
  const lines = plan.value.split('\n');
  let offset = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
  offset += Math.max(0, column - 1);
  plan.focus();
  plan.setSelectionRange(offset, offset);
  const lineHeight = 20;
  plan.scrollTop = Math.max(0, (line - 3) * lineHeight);
}

function showProblems(problems) {
  lastProblems = problems;
  const items = problems.map((p) => {
    const li = document.createElement('li');
    li.dataset.line = String(p.line);
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = t('at')(p);
    b.addEventListener('click', () => goTo(p.line, p.column));
    li.append(b);
    return li;
  });
  problemsList.replaceChildren(...items);
  drawGutter(problems);
  const ok = problems.length === 0;
  status.className = `studio-status ${ok ? 'ok' : 'bad'}`;
  status.textContent = ok ? t(doc.value.trim() ? 'validDoc' : 'valid') : t('invalid')(problems.length);
  document.body.dataset.problems = String(problems.length);
}

async function check() {
  const mine = ++run;
  const text = plan.value;
  const document_ = doc.value.trim() ? doc.value : undefined;
  const problems = await validatePlan(text, { document: document_, lang });
  if (mine !== run) return; // a newer edit is being checked
  showProblems(problems);
  // Quotes missing from the document do not stop the preview; a plan that does not validate does.
  if (problems.every((p) => p.quote) && text !== shown) {
    shown = text;
    widget.planText = text;
    if (!widget.isConnected) $('preview').append(widget);
  }
}

function schedule() {
  clearTimeout(timer);
  status.className = 'studio-status';
  status.textContent = t('checking');
  timer = setTimeout(check, DEBOUNCE_MS);
}

function setText(text) {
  plan.value = text;
  plan.scrollTop = 0;
  check();
}

async function loadExample() {
  try {
    const resp = await fetch(EXAMPLE, { credentials: 'same-origin' });
    if (!resp.ok) throw new Error(`HTTP ${resp.status}`);
    // The package ships plans minified; the editor shows one field per line.
    setText(`${JSON.stringify(await resp.json(), null, 2)}\n`);
  } catch (e) {
    status.className = 'studio-status bad';
    status.textContent = t('loadFailed')(String(e.message || e));
  }
}

function save() {
  let id = 'plan';
  try {
    id = JSON.parse(plan.value).id || id;
  } catch (_) {
    // an unfinished file is saved as it is
  }
  const blob = new Blob([plan.value], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `${String(id).replace(/[^a-z0-9_-]/gi, '_')}.json`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 0);
}

plan.addEventListener('input', schedule);
doc.addEventListener('input', schedule);
plan.addEventListener('scroll', () => {
  gutter.scrollTop = plan.scrollTop;
});
/** A plan workbook: its JSON goes into the editor (the validator then marks its lines); a
 * workbook that does not read as a plan lists its errors by sheet and cell. */
async function openWorkbook(file) {
  status.className = 'studio-status';
  status.textContent = t('checking');
  const { json, problems } = await readPlanWorkbook(await file.arrayBuffer(), { lang });
  if (json != null) {
    setText(json);
    return;
  }
  const items = problems.map((p) => {
    const li = document.createElement('li');
    li.textContent = t('workbookAt')(p);
    return li;
  });
  problemsList.replaceChildren(...items);
  status.className = 'studio-status bad';
  status.textContent = t('workbookProblems')(problems.length);
}

$('open').addEventListener('change', async (e) => {
  const file = e.target.files && e.target.files[0];
  if (!file) return;
  try {
    if (/\.xlsx$/i.test(file.name)) await openWorkbook(file);
    else setText(await file.text());
  } catch (err) {
    status.className = 'studio-status bad';
    status.textContent = t('loadFailed')(String(err.message || err));
  }
});
$('example').addEventListener('click', loadExample);
$('save').addEventListener('click', save);
$('lang').addEventListener('change', (e) => {
  lang = e.target.value === 'en' ? 'en' : 'zh-CN';
  relabel();
  showProblems(lastProblems);
  check();
});

relabel();
loadExample();
