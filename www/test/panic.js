// www/test/panic.html's widgets (test build, /pkg-test/), by where the forced panic happens:
//   panic.html               the widget's own wasm: #crash panics once as it starts
//                            (data-test-panic="once"), #crash-zh shares its instance
//                            (tests/e2e/shell.spec.mjs);
//   panic.html?in=progress   the Progress module: #zh and #en as they are; the test sets
//                            data-test-progress-panic (tests/e2e/progress-panic.spec.mjs).
// A classic script at the end of the page: it runs before the module script defines
// <plan-widget>, so each element starts with its attributes.
const inProgress = new URLSearchParams(location.search).get('in') === 'progress';
const widgets = inProgress
  ? [{ id: 'zh', lang: 'zh-CN' }, { id: 'en', lang: 'en' }]
  : [{ id: 'crash', lang: 'en', panic: 'once' }, { id: 'crash-zh', lang: 'zh-CN' }];
if (inProgress) {
  document.title = 'Forced panic in the Progress module (test build)';
  document.querySelector('h1').textContent = document.title;
}
for (const w of widgets) {
  const el = document.createElement('plan-widget');
  el.id = w.id;
  el.setAttribute('lang', w.lang);
  if (w.panic) el.setAttribute('data-test-panic', w.panic);
  document.querySelector('main').append(el);
}
