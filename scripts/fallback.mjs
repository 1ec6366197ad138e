// Merges two `plan-widget eval --format json` outputs (zh-CN, en) into the small table the
// element shows in browsers without WebAssembly: pkg/plan-fallback-<id>.json.
//   node scripts/fallback.mjs ZH.json EN.json > plan-fallback-ID.json
import { readFileSync } from 'node:fs';

const [zhFile, enFile] = process.argv.slice(2);
const read = (f) => JSON.parse(readFileSync(f, 'utf8'));
// The table is for people: a target with a display unit (`display: {unit, scale}`, e.g. 亿元
// shown as "billion yuan" × 0.1) is written in that unit, as the widget does.
const scaled = (v, scale) => (typeof v === 'number' ? Number((v * scale).toPrecision(12)) : v);
const goalIn = (goal, scale) =>
  Object.fromEntries(Object.entries(goal).map(([k, v]) => [k, k === 'op' ? v : scaled(v, scale)]));
const table = (report) => ({
  targets: report.targets.map((t) => {
    const scale = t.display ? t.display.scale : 1;
    return {
      id: t.id,
      label: t.label,
      unit: t.display ? t.display.unit : t.unit,
      value: scaled(t.value, scale),
      goal: goalIn(t.goal, scale),
      status: t.status,
    };
  }),
});
const zh = read(zhFile);
const en = read(enFile);
if (zh.plan !== en.plan) throw new Error(`plans differ: ${zh.plan} / ${en.plan}`);
process.stdout.write(`${JSON.stringify({ plan: zh.plan, 'zh-CN': table(zh), en: table(en) })}\n`);
