// A generated plan with many targets, for the 600-target slider benchmark (scripts/bench-many.mjs)
// and whoever needs a large plan: the Handan plan's levers, assumptions and derived quantities,
// with its targets repeated (ids suffixed `_2`, `_3`, …; labels numbered) until there are `n`.
// The counties block refers to the original targets, which stay, so the plan validates.
//
//   node scripts/many-plan.mjs [n] > many.json     (n = 600 by default)
//   cargo run -- check many.json                    (it validates)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SOURCE = new URL('../plans/handan-edu-2022.json', import.meta.url);

/** The plan object with `n` targets (at least the source plan's own). */
export function manyPlan(n = 600) {
  const plan = JSON.parse(readFileSync(SOURCE, 'utf8'));
  const base = plan.targets;
  const targets = [...base];
  for (let copy = 2; targets.length < n; copy++) {
    for (const t of base) {
      if (targets.length >= n) break;
      targets.push({
        ...t,
        id: `${t.id}_${copy}`,
        label: { zh: `${t.label.zh}（${copy}）`, en: `${t.label.en} (${copy})` },
      });
    }
  }
  return { ...plan, id: `many-${n}`, targets };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const n = Number(process.argv[2] || 600);
  process.stdout.write(`${JSON.stringify(manyPlan(n), null, 1)}\n`);
}
