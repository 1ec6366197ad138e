// The npm package (pkg/package.json, from js/package.json): what `npm pack` would publish holds
// every file the element loads (each file js/plan-widget.js names, the built-in plans and their
// prerendered HTML) and every file the build writes into pkg/, except the precompressed .gz and
// .br copies (for servers that send them as they are: www/embed.html, "Compression"; a page
// loads the originals).
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PKG = join(ROOT, 'pkg');

/** The files `npm pack` would put in the package, relative to pkg/. */
function packed() {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: PKG, encoding: 'utf8' });
  const [pack] = JSON.parse(out);
  return new Set(pack.files.map((f) => f.path));
}

/** Every file under `dir`, relative to pkg/. */
function built(dir = PKG) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? built(join(dir, e.name)) : [relative(PKG, join(dir, e.name))],
  );
}

test('the published package holds every file the element loads and every file of pkg/ but the precompressed copies', () => {
  const files = packed();
  // The files js/plan-widget.js asks for by name: the wasm, the glue, the stylesheet, the
  // workbook and Progress modules (a name that no file of pkg/ has would be a typo here).
  const source = readFileSync(join(ROOT, 'js', 'plan-widget.js'), 'utf8');
  const named = [...source.matchAll(/'(plan-widget[\w-]*\.(?:js|wasm|css))'/g)].map((m) => m[1]);
  expect(named).toEqual(expect.arrayContaining(['plan-widget-wasm_bg.wasm', 'plan-widget-progress.js', 'plan-widget-progress_bg.wasm', 'plan-widget-xlsx_bg.wasm', 'plan-widget.css']));
  const missing = named.filter((f) => !files.has(f));
  expect(missing, 'files plan-widget.js loads that the package leaves out').toEqual([]);
  // Everything the build writes but the .gz and .br copies (plans/<id>.json, .html, .head.html
  // and package.json included).
  const inPkg = built().filter((f) => !/\.(gz|br)$/.test(f));
  expect(inPkg).toEqual(expect.arrayContaining(['plan-widget.js', 'package.json', 'plans/handan-edu-2022.json', 'plans/handan-edu-2022.en.html']));
  expect(inPkg.filter((f) => !files.has(f)), 'files of pkg/ the package leaves out').toEqual([]);
  expect([...files].filter((f) => !inPkg.includes(f)), 'files the package lists that pkg/ does not hold').toEqual([]);
});
