// Merges two `plan-widget eval --format json` outputs (zh-CN, en) into the small table the
// element shows in browsers without WebAssembly: pkg/plan-fallback-<id>.json.
//   node scripts/fallback.mjs ZH.json EN.json > plan-fallback-ID.json
import { readFileSync } from 'node:fs';

const [zhFile, enFile] = process.argv.slice(2);
const read = (f) => JSON.parse(readFileSync(f, 'utf8'));
const table = (report) => ({
  targets: report.targets.map((t) => ({
    id: t.id,
    label: t.label,
    unit: t.unit,
    value: t.value,
    goal: t.goal,
    status: t.status,
  })),
});
const zh = read(zhFile);
const en = read(enFile);
if (zh.plan !== en.plan) throw new Error(`plans differ: ${zh.plan} / ${en.plan}`);
process.stdout.write(`${JSON.stringify({ plan: zh.plan, 'zh-CN': table(zh), en: table(en) })}\n`);
