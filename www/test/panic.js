// www/test/panic.html's widgets (test build, /pkg-test/), by where the forced panic happens:
//   panic.html               the widget's own wasm: #crash panics once as it starts
//                            (data-test-panic="once"), #crash-zh shares its instance
//                            (tests/e2e/shell.spec.mjs);
//   panic.html?in=progress   the Progress module: #zh and #en as they are; the test sets
//                            data-test-progress-panic (tests/e2e/progress-panic.spec.mjs);
//   panic.html?late          as panic.html, and #late, whose plan (`src`) the test holds until
//                            the instance has stopped (tests/e2e/shell.spec.mjs).
// A classic script at the end of the page: it runs before the module script defines
// <plan-widget>, so each element starts with its attributes.
const params = new URLSearchParams(location.search);
const inProgress = params.get('in') === 'progress';
const widgets = inProgress
  ? [{ id: 'zh', lang: 'zh-CN' }, { id: 'en', lang: 'en' }]
  : [{ id: 'crash', lang: 'en', panic: 'once' }, { id: 'crash-zh', lang: 'zh-CN' }];
if (params.has('late')) widgets.push({ id: 'late', lang: 'en', src: '/test/late-plan.json' });
if (inProgress) {
  document.title = 'Forced panic in the Progress module (test build)';
  document.querySelector('h1').textContent = document.title;
}
const main = document.querySelector('main');
const made = widgets.map((w) => {
  const el = document.createElement('plan-widget');
  el.id = w.id;
  el.setAttribute('lang', w.lang);
  if (w.panic) el.setAttribute('data-test-panic', w.panic);
  if (w.src) el.setAttribute('src', w.src);
  return el;
});
// The one that panics starts only once the others on the instance have had their first
// scenario-change: they are past their hydration (a trap during a widget's hydration is taken
// for markup that did not match, and that widget starts again on a new instance), so each of
// them is on the stopped instance and says so.
const [first, ...rest] = made;
if (first.hasAttribute('data-test-panic') && rest.length) {
  main.append(...rest);
  const waiting = new Set(rest.filter((el) => !el.hasAttribute('src')));
  const go = () => { if (!first.isConnected) main.insertBefore(first, rest[0]); };
  for (const el of waiting) {
    el.addEventListener('scenario-change', () => { waiting.delete(el); if (!waiting.size) go(); }, { once: true });
  }
  if (!waiting.size) go();
} else {
  main.append(...made);
}
