// Puts the element's shell stylesheet into the element script (scripts/build.sh):
//
//   node scripts/shell-css.mjs SCRIPT CSS
//
// replaces the string '@SHELL_CSS@' in SCRIPT (a copy of js/plan-widget.js) with the text of
// CSS (js/shell.css), its comments dropped and its white space collapsed. The script adopts it
// as a constructable stylesheet, which CSP `style-src 'self'` allows (no <style>).
import { readFileSync, writeFileSync } from 'node:fs';

const [script, cssFile] = process.argv.slice(2);
const placeholder = "'@SHELL_CSS@'";
const js = readFileSync(script, 'utf8');
const at = js.indexOf(placeholder);
if (at < 0 || js.indexOf(placeholder, at + 1) >= 0) {
  throw new Error(`${script}: expected the placeholder ${placeholder} exactly once`);
}
const css = readFileSync(cssFile, 'utf8')
  .replace(/\/\*[\s\S]*?\*\//g, '')
  .replace(/\s+/g, ' ')
  .trim();
writeFileSync(script, js.slice(0, at) + JSON.stringify(css) + js.slice(at + placeholder.length));
